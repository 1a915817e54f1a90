/**
 * Link commands: open a share link (from the address, a pasted link or a dropped image), apply
 * a changed fragment, open any file. Each ends in a sandbox load and share-store updates.
 */
import { loadScenario, openFile, replacing } from '../../app/commands.ts';
import type { ShareLink } from '../../engine/index.ts';
import type { Sandbox } from '../../hooks/index.ts';
import { sniffImport } from '../../share/importFile.ts';
import { embedRequested, readLink } from '../../share/link.ts';
import type { LinkDiagnostic } from '../../share/link.ts';
import { linkPresentation, shareStore, showDiagnostic } from '../../share/session.ts';
import { setWideViews, showNotice, useUiStore } from '../../store/index.ts';
import { linkNotice } from './linkSettings.ts';
import { layoutFromParam } from './viewParam.ts';

/** Shows the layout a link's `view` names: open views, their modes, wide or not (the default when it names none). */
export function applyLinkViews(view: string | undefined): void {
  const layout = layoutFromParam(view);
  if (!layout) return;
  useUiStore.setState({ views: { ...layout.views }, viewModes: layout.modes });
  setWideViews(layout.wide);
}

/** Loads a decoded link: scenario at its cursor under its policy, plus its presentation settings. */
export async function openLink(sb: Sandbox, link: ShareLink, repairs: readonly string[] = []): Promise<boolean> {
  shareStore.setState({
    ...linkPresentation(link),
    view: link.view,
    policyB: link.policyB,
    // Drift is only about the scenario the link opened (an edit makes a new scenario object).
    linked: { scenario: link.scenario, policy: link.scenario.policy ?? 'global', token: link.hash },
    token: undefined,
    drift: null,
    diagnostic: null,
    repairs: [...repairs],
    ab: null,
    at: null,
    blank: false,
  });
  applyLinkViews(link.view);
  const ok = await loadScenario(sb, link.scenario, 'shared link', link.cursor ?? 0, link.scenario.policy ?? 'global');
  // After the load, which clears the notice area.
  const notice = ok ? linkNotice(link, repairs) : null;
  if (notice !== null) showNotice({ kind: 'info', text: notice });
  return ok;
}

/**
 * Shows why a link could not be opened. One that asked for the embedded page (read from its text)
 * shows it there: inside another page's iframe, not the whole sandbox.
 */
export function showLinkError(fragment: string, diagnostic: LinkDiagnostic): void {
  if (embedRequested(fragment)) shareStore.setState({ embed: true, present: false });
  showDiagnostic(diagnostic);
}

/**
 * Reads a fragment and acts on it: opens a link, or shows the diagnostic for a broken one.
 * @returns 'none' for no link (an in-page anchor), else whether a link opened.
 */
export async function openFragment(sb: Sandbox, fragment: string): Promise<'none' | 'opened' | 'failed'> {
  const read = readLink(fragment);
  if (read.kind === 'none') return 'none';
  if (read.kind === 'error') {
    showLinkError(fragment, read.diagnostic);
    return 'failed';
  }
  return (await openLink(sb, read.link, read.repairs)) ? 'opened' : 'failed';
}

/** Opens a dropped or chosen file: an exported PNG/SVG reopens its link, anything else is scenario JSON. */
export async function openAnyFile(sb: Sandbox, file: File): Promise<boolean> {
  const isImage = /\.(png|svg)$/i.test(file.name) || file.type === 'image/png' || file.type === 'image/svg+xml';
  if (!isImage) return openFile(sb, file);
  const got = sniffImport(new Uint8Array(await file.arrayBuffer()), file.name);
  if (got.kind === 'error') {
    showNotice({ kind: 'error', text: got.problem });
    return false;
  }
  if (got.kind === 'json') return openFile(sb, file);
  return replacing(async () => (await openFragment(sb, got.fragment)) === 'opened');
}
