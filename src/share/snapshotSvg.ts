/**
 * The exported picture: a self-contained SVG of the state after the current step (title, policy,
 * the step and its result, its note, every device's attached PASIDs, every process's PASID, the
 * global IDA; both policies side by side in an A/B comparison). Drawn from engine data, not
 * copied from the screen, so it looks the same whatever view is open, needs no stylesheet and
 * never embeds anything external. The share link goes in <metadata> (svg.ts).
 */
import { resultText, stepArgs } from '../engine/index.ts';
import type { FinalState, Policy, Scenario, StepResult } from '../engine/index.ts';
import { xmlEscape } from './svg.ts';
import { noteText } from './notesPolicy.ts';

export type SnapshotTheme = 'light' | 'dark' | 'projector';

export interface SnapshotSide {
  policy: Policy;
  final: FinalState;
  /** Result of step cursor−1 under this policy. */
  result: StepResult | undefined;
}

export interface SnapshotInput {
  scenario: Scenario;
  cursor: number;
  a: SnapshotSide;
  b?: SnapshotSide | undefined;
  theme?: SnapshotTheme | undefined;
  /** The current step as the screen writes it ("bind accel0 ← P1"); default "bind dev=accel0 proc=P1". */
  stepLine?: string | undefined;
  /**
   * The policy the scenario's notes were written for, when it is not policy A: the note then starts
   * "Written for the global policy: ", as the narration marks it (notesPolicy.ts).
   */
  notesFor?: string | undefined;
}

const PALETTE: Record<
  SnapshotTheme,
  { bg: string; ink: string; muted: string; line: string; ok: string; err: string; box: string; stroke: number }
> = {
  light: {
    bg: '#ffffff',
    ink: '#16191d',
    muted: '#4f5864',
    line: '#b8c0ca',
    ok: '#0f6b2f',
    err: '#a4161a',
    box: '#e8eef8',
    stroke: 1,
  },
  dark: {
    bg: '#111417',
    ink: '#f1f3f5',
    muted: '#b4bcc6',
    line: '#59616b',
    ok: '#7ee2a0',
    err: '#ff9a9a',
    box: '#26303b',
    stroke: 1,
  },
  projector: {
    bg: '#ffffff',
    ink: '#000000',
    muted: '#000000',
    line: '#000000',
    ok: '#005a1f',
    err: '#b00000',
    box: '#ffffff',
    stroke: 2.5,
  },
};

const W = 1280;
const PAD = 36;
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
const MONO = 'ui-monospace, Menlo, Consolas, monospace';

/** Splits text into lines of at most `chars` characters at spaces (long words are cut). */
export function wrap(text: string, chars: number, maxLines: number): string[] {
  const words = text.replace(/\s+/g, ' ').trim().split(' ');
  const lines: string[] = [];
  let cur = '';
  for (const w of words) {
    const word = w.length > chars ? `${w.slice(0, chars - 1)}…` : w;
    if (cur === '') cur = word;
    else if (cur.length + 1 + word.length <= chars) cur += ` ${word}`;
    else {
      lines.push(cur);
      cur = word;
    }
  }
  if (cur) lines.push(cur);
  if (lines.length > maxLines) {
    const kept = lines.slice(0, maxLines);
    kept[maxLines - 1] = `${(kept[maxLines - 1] ?? '').slice(0, chars - 1)}…`;
    return kept;
  }
  return lines;
}

function text(x: number, y: number, body: string, attrs = ''): string {
  return `<text x="${x}" y="${y}" ${attrs}>${xmlEscape(body)}</text>`;
}

/** One policy's column: devices with PASID boxes, processes, the global IDA. */
function column(
  side: SnapshotSide,
  other: SnapshotSide | undefined,
  scenario: Scenario,
  x: number,
  y0: number,
  width: number,
  t: (typeof PALETTE)[SnapshotTheme]
): { svg: string; height: number } {
  const out: string[] = [];
  let y = y0;
  const diff = (a: string, b: string | undefined): string => (b !== undefined && a !== b ? ' ≠' : '');
  out.push(text(x, y, `Policy ${side.policy}`, `font-size="22" font-weight="700" fill="${t.ink}"`));
  y += 34;
  const r = side.result;
  if (r) {
    const verdict = r.ok ? `✓ ok${r.pasid === undefined ? '' : ` · PASID ${r.pasid}`}` : `✗ ${resultText(r)}`;
    const od = other?.result;
    const otherVerdict = od
      ? od.ok
        ? `✓ ok${od.pasid === undefined ? '' : ` · PASID ${od.pasid}`}`
        : `✗ ${resultText(od)}`
      : undefined;
    out.push(
      text(
        x,
        y,
        `${verdict}${diff(verdict, otherVerdict)}`,
        `font-size="20" font-weight="700" fill="${r.ok ? t.ok : t.err}"`
      )
    );
    y += 34;
  }
  out.push(text(x, y, 'Devices: attached PASIDs', `font-size="16" font-weight="700" fill="${t.muted}"`));
  y += 26;
  for (const d of scenario.devices) {
    const pasids = side.final.devices[d.id]?.pasids ?? [];
    const otherP = other?.final.devices[d.id]?.pasids;
    const mark = diff(pasids.join(','), otherP?.join(','));
    const bits = d.pasidBits === undefined || d.pasidBits === null ? 'no PASID' : `${d.pasidBits}-bit`;
    out.push(
      text(x, y + 18, `${d.id}${mark}`, `font-size="18" font-family="${MONO}" font-weight="700" fill="${t.ink}"`)
    );
    out.push(text(x, y + 38, `${d.bus ?? 'pci'}, ${bits}`, `font-size="13" fill="${t.muted}"`));
    let bx = x + 170;
    const shown = pasids.slice(0, Math.max(1, Math.floor((width - 200) / 52)));
    for (const p of shown) {
      out.push(
        `<rect x="${bx}" y="${y + 2}" width="46" height="30" rx="3" fill="${t.box}" stroke="${t.ink}" stroke-width="${t.stroke}"/>`
      );
      out.push(
        text(bx + 23, y + 23, String(p), `font-size="16" font-family="${MONO}" text-anchor="middle" fill="${t.ink}"`)
      );
      bx += 52;
    }
    if (pasids.length > shown.length)
      out.push(text(bx, y + 23, `+${pasids.length - shown.length}`, `font-size="15" fill="${t.muted}"`));
    if (pasids.length === 0) out.push(text(bx, y + 23, 'none', `font-size="15" fill="${t.muted}"`));
    y += 48;
  }
  // Clear of the last device's "bus, width" line, which sits low in its row.
  y += 20;
  out.push(text(x, y, 'Processes: mm PASID (ENQCMD)', `font-size="16" font-weight="700" fill="${t.muted}"`));
  y += 26;
  const procs = Object.entries(side.final.procs);
  const perRow = Math.max(1, Math.floor(width / 150));
  procs.forEach(([id, p], i) => {
    const px = x + (i % perRow) * 150;
    const py = y + Math.floor(i / perRow) * 28;
    const val = `${p.pasid ?? '–'}${p.alive ? '' : ' (exited)'}`;
    const o = other?.final.procs[id];
    const oval = o ? `${o.pasid ?? '–'}${o.alive ? '' : ' (exited)'}` : undefined;
    out.push(
      text(px, py + 18, `${id}: ${val}${diff(val, oval)}`, `font-size="16" font-family="${MONO}" fill="${t.ink}"`)
    );
  });
  y += Math.ceil(procs.length / perRow) * 28 + 12;
  const g = side.final.globalPasids;
  const gl = g.length === 0 ? 'none' : g.length <= 16 ? g.join(', ') : `${g.slice(0, 16).join(', ')}, … (${g.length})`;
  out.push(
    text(
      x,
      y + 18,
      `Global IDA: ${gl}${diff(g.join(','), other?.final.globalPasids.join(','))}`,
      `font-size="16" font-family="${MONO}" fill="${t.ink}"`
    )
  );
  y += 34;
  return { svg: out.join(''), height: y - y0 };
}

/** The picture as SVG text (no link yet; embed it with svg.ts). */
export function snapshotSvg(s: SnapshotInput): string {
  const t = PALETTE[s.theme ?? 'light'];
  const body: string[] = [];
  let y = PAD + 28;
  const title = s.scenario.title ?? 'Untitled scenario';
  for (const line of wrap(title, 70, 2)) {
    body.push(text(PAD, y, line, `font-size="28" font-weight="700" fill="${t.ink}"`));
    y += 36;
  }
  body.push(
    text(
      PAD,
      y,
      `Step ${s.cursor} of ${s.scenario.steps.length}${s.b ? ` · policy A/B` : ''}`,
      `font-size="18" fill="${t.muted}"`
    )
  );
  y += 36;
  const step = s.cursor > 0 ? s.scenario.steps[s.cursor - 1] : undefined;
  if (step) {
    body.push(
      text(
        PAD,
        y,
        s.stepLine ?? `${step.op} ${stepArgs(step)}`,
        `font-size="22" font-family="${MONO}" font-weight="700" fill="${t.ink}"`
      )
    );
    y += 32;
    for (const line of wrap(step.note ? noteText(step.note, s.notesFor ?? null) : '', 100, 3)) {
      body.push(text(PAD, y, line, `font-size="18" fill="${t.ink}"`));
      y += 26;
    }
  } else {
    body.push(text(PAD, y, 'Before the first step', `font-size="20" fill="${t.muted}"`));
    y += 30;
  }
  y += 10;
  body.push(`<line x1="${PAD}" y1="${y}" x2="${W - PAD}" y2="${y}" stroke="${t.line}" stroke-width="${t.stroke}"/>`);
  y += 36;
  const colW = s.b ? (W - 3 * PAD) / 2 : W - 2 * PAD;
  const a = column(s.a, s.b, s.scenario, PAD, y, colW, t);
  body.push(a.svg);
  let h = a.height;
  if (s.b) {
    const b = column(s.b, s.a, s.scenario, 2 * PAD + colW, y, colW, t);
    body.push(
      `<line x1="${PAD + colW + PAD / 2}" y1="${y - 20}" x2="${PAD + colW + PAD / 2}" y2="${y + Math.max(a.height, b.height)}" stroke="${t.line}" stroke-width="${t.stroke}"/>`
    );
    body.push(b.svg);
    h = Math.max(h, b.height);
  }
  y += h + 4;
  body.push(
    text(
      PAD,
      y + 10,
      'pasid-sandbox · drop this image on the sandbox to reopen this step',
      `font-size="13" fill="${t.muted}"`
    )
  );
  const H = Math.ceil(y + PAD);
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="${xmlEscape(FONT)}">` +
    `<title>${xmlEscape(`${title} — step ${s.cursor}`)}</title>` +
    `<rect width="100%" height="100%" fill="${t.bg}"/>${body.join('')}</svg>`
  );
}
