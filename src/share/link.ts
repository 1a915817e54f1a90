/**
 * Reading and writing the share link in the URL fragment (spec §5) with the engine's codec
 * (encodeShare / decodeShare): what a fragment says, a readable diagnostic when it says nothing
 * usable, and the fragment for the state on screen. No DOM here (address.ts touches the address
 * bar), so all of it is unit-tested in Node.
 */
import { decodeShare, encodeShare, repairFragment, ScenarioError } from '../engine/index.ts';
import type { CompareWith, Policy, Scenario, ShareLink } from '../engine/index.ts';
import { scenarioUnder } from './notesPolicy.ts';

/** Why a fragment could not be opened, and what the user can do about it. */
export interface LinkDiagnostic {
  /** The decoder's one-line message, e.g. `link: payload is not valid base64url`. */
  problem: string;
  /** What to try, most useful first. */
  hints: string[];
  /** Characters in the fragment (a cut link is usually much shorter than the sender's). */
  length: number;
  /** The scenario alone when only the settings after it are bad (open it without them). */
  bare: ShareLink | null;
}

export type LinkRead =
  /** No fragment, or an in-page anchor like `#main`. */
  | { kind: 'none' }
  | {
      kind: 'link';
      link: ShareLink;
      /** Repairs that were needed (see engine/codec/repair.ts), as sentences. */ repairs: string[];
    }
  | { kind: 'error'; diagnostic: LinkDiagnostic };

/** A fragment that names an element on the page (skip links), not a share link. */
const ANCHOR_RE = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
const VERSION_RE = /^v[0-9]/;

/** Whether `fragment` (with or without '#') should be read as a share link at all. */
export function isLinkFragment(fragment: string): boolean {
  const t = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  if (t.trim() === '') return false;
  return VERSION_RE.test(t) || !ANCHOR_RE.test(t);
}

function hintsFor(e: unknown): string[] {
  const msg = e instanceof Error ? e.message : String(e);
  const copy =
    'The link was probably cut or changed on the way (chat apps and mail wrap long links): copy the whole link again, from the first "v1." to the end.';
  const ask = 'Ask the sender for the scenario file (Export → JSON) and open it with "Open file…".';
  if (/unknown version/.test(msg)) {
    return ['This link was made by a newer pasid-sandbox than this one. Open it with the newest version.', ask];
  }
  if (/^link\.(cursor|view|present|embed|theme|policyB|hash):|unknown parameter|repeated parameter/.test(msg)) {
    return [
      'One of the settings after the scenario (the "&name=value" parts) is wrong: remove it from the address bar, or open the scenario without its settings.',
      copy,
    ];
  }
  if (/^link:/.test(msg)) return [copy, ask];
  return ['The link decodes, but the scenario inside is not valid for this version of the sandbox.', ask];
}

/**
 * Whether a fragment asks for the embedded page (`embed=1`), read from its text: a link that cannot
 * be opened inside another page's iframe shows its diagnostic there, not the whole sandbox.
 */
export function embedRequested(fragment: string): boolean {
  return /(?:^|[#&])embed=1(?:&|$)/.test(fragment);
}

/** The scenario part alone (`v1.<payload>`), if it decodes. */
function bareLink(text: string): ShareLink | null {
  const head = text.split('&')[0] ?? '';
  if (head === text) return null;
  try {
    return decodeShare(head);
  } catch {
    return null;
  }
}

/**
 * Reads a fragment (`location.hash`, with or without '#'). Tries it as it is, then with the
 * repairs of engine/codec/repair.ts; on failure returns a diagnostic built from the first (unrepaired) error.
 * Never throws.
 */
export function readLink(fragment: string): LinkRead {
  const text = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  if (!isLinkFragment(text)) return { kind: 'none' };
  let first: unknown;
  try {
    return { kind: 'link', link: decodeShare(text), repairs: [] };
  } catch (e) {
    first = e;
  }
  const repaired = repairFragment(text);
  if (repaired.used.length > 0) {
    try {
      return { kind: 'link', link: decodeShare(repaired.text), repairs: repaired.used.map((r) => r.said) };
    } catch {
      // Report the original problem: it is the one the user can act on.
    }
  }
  const problem = first instanceof ScenarioError || first instanceof Error ? first.message : 'link: could not be read';
  return {
    kind: 'error',
    diagnostic: {
      problem: problem.replace(/[\r\n]+/g, ' ').slice(0, 300),
      hints: hintsFor(first),
      length: text.length,
      bare: bareLink(repaired.text),
    },
  };
}

/** What the page shows, as far as the link is concerned. */
export interface LinkState {
  scenario: Scenario;
  policy: Policy;
  cursor: number;
  view?: string | undefined;
  present?: boolean | undefined;
  /** Written only when on (`&embed=1`), so other links stay readable by versions without it. */
  embed?: boolean | undefined;
  theme?: string | undefined;
  policyB?: CompareWith | undefined;
  /** Drift token (engine/codec/drift.ts) for `scenario` under `policy`, once known. */
  hash?: string | undefined;
}

/**
 * Scenario heads (`v1.<payload>`) made elsewhere, by scenario object and policy: the analysis
 * worker encodes them off the main thread, where a big topology takes 40-60 ms (a task that would
 * hold up stepping). A WeakMap, so a scenario no longer shown takes its heads with it.
 */
const heads = new WeakMap<Scenario, Map<Policy, string | Error>>();

const headListeners = new Set<() => void>();

/** The head of (scenario, policy) as encodeShare writes it, or why it cannot be encoded. */
export function encodeLinkHead(scenario: Scenario, policy: Policy): string | Error {
  try {
    // Under another policy than the notes': the link's notes say so (notesPolicy.ts).
    return encodeShare({ scenario: scenarioUnder(scenario, policy) });
  } catch (e) {
    return e instanceof Error ? e : new Error(String(e));
  }
}

/** Records the head of (scenario, policy), or why it cannot be encoded, and tells onLinkHead listeners. */
export function primeLinkHead(scenario: Scenario, policy: Policy, head: string | Error): void {
  let byPolicy = heads.get(scenario);
  if (!byPolicy) {
    byPolicy = new Map<Policy, string | Error>();
    heads.set(scenario, byPolicy);
  }
  byPolicy.set(policy, head);
  for (const fn of headListeners) fn();
}

/** Calls `fn` after each primeLinkHead; returns the unsubscribe. */
export function onLinkHead(fn: () => void): () => void {
  headListeners.add(fn);
  return () => headListeners.delete(fn);
}

/**
 * Builds fragments for a changing cursor without re-encoding the scenario each time: the
 * `v1.<payload>` head is made by encodeShare once per (scenario, policy), or taken from
 * primeLinkHead, and the settings are appended in the codec's order, exactly as encodeShare
 * writes them.
 */
export class LinkWriter {
  private key: { scenario: Scenario; policy: Policy } | null = null;
  /** The encoded scenario, or why it cannot be encoded (kept: a failed encode is not retried per frame). */
  private head: string | Error = '';

  /** Whether fragment() can answer without encoding the scenario (it has or was given the head). */
  ready(s: Pick<LinkState, 'scenario' | 'policy'>): boolean {
    return (
      (this.key?.scenario === s.scenario && this.key.policy === s.policy) || !!heads.get(s.scenario)?.has(s.policy)
    );
  }

  /**
   * The fragment (without '#') for `s`.
   * @throws ScenarioError when the scenario cannot go into a link (e.g. too large), every time it is asked.
   */
  fragment(s: LinkState): string {
    if (this.key?.scenario !== s.scenario || this.key.policy !== s.policy) {
      this.key = { scenario: s.scenario, policy: s.policy };
      this.head = heads.get(s.scenario)?.get(s.policy) ?? encodeLinkHead(s.scenario, s.policy);
    }
    if (this.head instanceof Error) throw this.head;
    let out = this.head;
    out += `&cursor=${s.cursor}`;
    if (s.view !== undefined) out += `&view=${s.view}`;
    if (s.present) out += '&present=1';
    if (s.embed) out += '&embed=1';
    if (s.theme !== undefined) out += `&theme=${s.theme}`;
    if (s.policyB !== undefined) out += `&policyB=${s.policyB}`;
    if (s.hash !== undefined) out += `&hash=${s.hash}`;
    return out;
  }
}

/** Fragments longer than this are not written to the address bar automatically (share still works). */
export const AUTO_WRITE_MAX = 256 * 1024;
