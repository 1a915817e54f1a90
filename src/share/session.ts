/**
 * Share session: what the link and the talk add to the page, for this tab only (never
 * persisted: a theme set by a link lasts as long as the session, peers.md §3.4). Kernel state
 * stays in the frame store and the sandbox; this holds presentation flags, the drift and
 * link-diagnostic banners, and the policy A/B comparison.
 */
import { createStore } from 'zustand/vanilla';
import type { CompareWith, Policy, Scenario } from '../engine/index.ts';
import type { PoliciesAt, PolicyRuns } from './analysis.ts';
import type { DriftReport } from '../engine/index.ts';
import type { LinkDiagnostic } from './link.ts';

/** Themes the app knows; any other name in a link is ignored. */
export const THEMES = ['light', 'dark', 'projector'] as const;
export type Theme = (typeof THEMES)[number];

/** A link's drift token and what it describes: its scenario under its own policy. */
export interface LinkedReplay {
  scenario: Scenario;
  policy: Policy;
  /** The link's `hash` parameter (undefined: the link says nothing to compare with). */
  token: string | undefined;
}

export interface ShareSession {
  /** Talk mode (`present=1`). */
  present: boolean;
  /** Embedded in another page (`embed=1`): playback, narration and live views only; wins over talk mode. */
  embed: boolean;
  /** The view named by the link (app-defined; `notes` is the speaker-notes window). */
  view: string | undefined;
  /** Session-only theme. */
  theme: Theme | undefined;
  /** The theme was chosen by starting talk mode (not by a link or T): leaving talk mode drops it. */
  autoTheme: boolean;
  /** Second policy for the A/B comparison, or `all` for every policy side by side. */
  policyB: CompareWith | undefined;
  /**
   * The last link opened or pasted with something to compare: the replay on screen is checked
   * against its token while it shows that scenario under that policy. A new object each time, so
   * the same link pasted again is checked again.
   */
  linked: LinkedReplay | null;
  /** Drift token of the scenario and policy on screen, once analysed (written into links). */
  token: string | undefined;
  drift: DriftReport | null;
  diagnostic: LinkDiagnostic | null;
  /** Counts diagnostics shown, so the same problem twice is still news (tests wait on it). */
  diagnosticSeq: number;
  /** Repairs a mangled link needed (shown once as a notice). */
  repairs: string[];
  /** The compared policies' runs (analysis.ts), for the policy A/B panel. */
  ab: PolicyRuns | null;
  /** Each compared policy's `final` after `cursor` steps. */
  at: PoliciesAt | null;
  laser: boolean;
  /** The inline speaker-notes panel in talk mode. */
  notesPanel: boolean;
  /** A notes window answered on the talk channel. */
  notesWindow: boolean;
  /** Talk mode's black screen (clicker "blank" key). */
  blank: boolean;
}

const initial = (): ShareSession => ({
  present: false,
  embed: false,
  view: undefined,
  theme: undefined,
  autoTheme: false,
  policyB: undefined,
  linked: null,
  token: undefined,
  drift: null,
  diagnostic: null,
  diagnosticSeq: 0,
  repairs: [],
  ab: null,
  at: null,
  laser: false,
  notesPanel: true,
  notesWindow: false,
  blank: false,
});

export const shareStore = createStore<ShareSession>()(initial);

/** Reads a theme name from a link: known names only. */
export function themeOf(name: string | undefined): Theme | undefined {
  return (THEMES as readonly string[]).includes(name ?? '') ? (name as Theme) : undefined;
}

/**
 * A link's talk mode, embedding and theme. `present=1` without a `theme=` picks the projector theme,
 * as the Present button does (a hand-written talk link opened in the light theme), and leaving talk
 * mode drops it again; a link's own theme always wins. An embedded page is never in talk mode: the
 * host page is the slide, and talk mode's keys and full screen would take over the whole page.
 */
export function linkPresentation(link: {
  present?: boolean | undefined;
  embed?: boolean | undefined;
  theme?: string | undefined;
}): Pick<ShareSession, 'present' | 'embed' | 'theme' | 'autoTheme'> {
  const named = themeOf(link.theme);
  const embed = link.embed ?? false;
  const present = !embed && (link.present ?? false);
  if (present && named === undefined) return { present: true, embed, theme: 'projector', autoTheme: true };
  return { present, embed, theme: named, autoTheme: false };
}

/** Enters or leaves talk mode. Entering without a theme picks the projector theme for the talk. */
export function setPresent(present: boolean): void {
  const s = shareStore.getState();
  if (present) {
    shareStore.setState({ present, blank: false, theme: s.theme ?? 'projector', autoTheme: s.theme === undefined });
  } else {
    shareStore.setState({
      present,
      blank: false,
      laser: false,
      ...(s.autoTheme ? { theme: undefined, autoTheme: false } : {}),
    });
  }
}

export function setTheme(theme: Theme | undefined): void {
  shareStore.setState({ theme, autoTheme: false });
}

export function setPolicyB(policyB: CompareWith | undefined): void {
  shareStore.setState({ policyB, ab: null, at: null });
}

export function setView(view: string | undefined): void {
  shareStore.setState({ view });
}

export function toggle(key: 'laser' | 'notesPanel' | 'blank'): void {
  shareStore.setState((s) => ({ [key]: !s[key] }));
}

/** Shows (or with null, dismisses) the broken-link diagnostic. */
export function showDiagnostic(diagnostic: LinkDiagnostic | null): void {
  shareStore.setState((s) => ({ diagnostic, diagnosticSeq: s.diagnosticSeq + (diagnostic ? 1 : 0) }));
}

/** Back to the initial state (tests). */
export function resetShareStore(): void {
  shareStore.setState(initial(), true);
}
