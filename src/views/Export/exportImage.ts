/**
 * Exports of the current step: SVG and PNG pictures that carry their share link (drop one back
 * on the sandbox to reopen the same step), the scenario JSON, and the mailing-list text table.
 */
import { exportScenario } from '../../app/commands.ts';
import type { Sandbox } from '../../hooks/index.ts';
import type { FinalState, Policy } from '../../engine/index.ts';
import { finalUnder } from '../../share/analysis.ts';
import type { PoliciesAt, PolicyRuns } from '../../share/analysis.ts';
import { getAnalysisClient } from '../../share/analysisClient.ts';
import { embedPngText } from '../../share/png.ts';
import { shareStore } from '../../share/session.ts';
import { snapshotSvg } from '../../share/snapshotSvg.ts';
import type { SnapshotSide } from '../../share/snapshotSvg.ts';
import { embedSvgLink } from '../../share/svg.ts';
import { showNotice } from '../../store/index.ts';
import { stepText } from '../common/stepText.ts';
import { currentFragment, currentTextTable } from '../Share/currentLink.ts';
import { notesWrittenFor } from '../../share/notesPolicy.ts';

/** A file name from the scenario title and the step. */
function baseName(sb: Sandbox): string {
  const slug =
    (sb.client.scenario?.title ?? 'scenario')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 50) || 'scenario';
  return `${slug}-step-${sb.client.model.cursor}`;
}

function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 2000);
}

/** The current step as SVG text with its link embedded. */
export async function currentSvg(sb: Sandbox): Promise<string> {
  const scenario = sb.client.scenario;
  const policy = sb.client.policy;
  const fragment = currentFragment(sb);
  if (!scenario || !policy || fragment === null) throw new Error('no scenario loaded');
  const cursor = sb.client.model.cursor;
  const at = await getAnalysisClient().at(cursor);
  const { ab, theme } = shareStore.getState();
  const step = cursor > 0 ? scenario.steps[cursor - 1] : undefined;
  const svg = snapshotSvg({
    scenario,
    cursor,
    theme,
    stepLine: step ? stepText(step) : undefined,
    notesFor: notesWrittenFor(scenario, policy) ?? undefined,
    a: { policy, final: runningFinal(at, policy), result: sb.client.model.log[cursor - 1] },
    b: policyBColumn(ab, at, cursor),
  });
  return embedSvgLink(svg, fragment);
}

/** The running policy's state in an `at` answer (always there: it is what the worker runs first). */
function runningFinal(at: PoliciesAt, policy: Policy): FinalState {
  const final = finalUnder(at, policy) ?? at.finals[0];
  if (!final) throw new Error('no state for this step');
  return final;
}

/**
 * The picture's second column: policy B's state and result under A/B. The picture has room for
 * two columns, so a comparison of every policy shows the running one alone (its link, embedded
 * in the picture, still reopens the whole comparison).
 */
function policyBColumn(ab: PolicyRuns | null, at: PoliciesAt, cursor: number): SnapshotSide | undefined {
  // A/B runs [A, B] (analysis.ts comparedPolicies).
  const policy = ab?.policies.length === 2 ? ab.policies[1] : undefined;
  const final = policy === undefined ? undefined : finalUnder(at, policy);
  return policy === undefined || !final ? undefined : { policy, final, result: ab?.results[1]?.[cursor - 1] };
}

/** Renders SVG text to PNG bytes at `scale` (no external resources, so the canvas stays clean). */
async function rasterize(svg: string, scale = 2): Promise<Uint8Array> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(img.naturalWidth * scale);
    canvas.height = Math.ceil(img.naturalHeight * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas');
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error('the browser could not encode a PNG');
    return new Uint8Array(await blob.arrayBuffer());
  } finally {
    URL.revokeObjectURL(url);
  }
}

export type ExportKind = 'svg' | 'png' | 'json' | 'text';

/** Runs one export; failures end in a notice, never a throw. */
export async function runExport(sb: Sandbox, kind: ExportKind): Promise<void> {
  try {
    if (kind === 'json') {
      exportScenario(sb);
      return;
    }
    if (kind === 'text') {
      const text = currentTextTable(sb);
      if (text === null) return;
      download(new Blob([text], { type: 'text/plain' }), `${baseName(sb)}.txt`);
      showNotice({ kind: 'info', text: `Exported ${baseName(sb)}.txt` });
      return;
    }
    const svg = await currentSvg(sb);
    const fragment = currentFragment(sb) ?? '';
    if (kind === 'svg') {
      download(new Blob([svg], { type: 'image/svg+xml' }), `${baseName(sb)}.svg`);
    } else {
      const png = embedPngText(await rasterize(svg), fragment);
      download(new Blob([png.slice().buffer], { type: 'image/png' }), `${baseName(sb)}.png`);
    }
    showNotice({ kind: 'info', text: `Exported ${baseName(sb)}.${kind}: drop it on the sandbox to reopen this step.` });
  } catch (e) {
    showNotice({ kind: 'error', text: `Export failed: ${e instanceof Error ? e.message : String(e)}` });
  }
}
