/**
 * A trace as a plain-text table for a mailing-list reply: fixed-width columns (i, op, args,
 * result, pasid), ASCII only in the frame, no tabs, no trailing spaces, so it survives any mail
 * client that does not reflow.
 */
import type { Step } from '../scenario/types.ts';
import type { StepResult } from './types.ts';

export interface TextTableOptions {
  /** First line, e.g. the scenario title and policy (omitted when absent). */
  title?: string;
  /** Longest args cell before it is cut with "..." (default 48). */
  maxArgs?: number;
}

const HEAD = ['i', 'op', 'args', 'result', 'pasid'] as const;

/** `dev=nic0 proc=P1`: every argument of a step in its key order (the note is not an argument). */
export function stepArgs(step: Step): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(step)) {
    if (k === 'op' || k === 'note' || v === undefined) continue;
    parts.push(`${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
  }
  return parts.join(' ');
}

/** `ok`, the errno (`ENOSPC`), or the fault (`C_BAD_CD`, `#GP`). */
export function resultText(r: StepResult): string {
  if (r.ok) return 'ok';
  return r.errno ?? r.fault ?? 'failed';
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 3))}...`;
}

/**
 * One row per result, joined with "\n" (no final newline). A result whose step is missing from
 * `steps` shows only its op.
 * @example
 * traceTextTable(scenario.steps, trace.steps, { title: 'rfc-problem (global)' });
 * //  i  op    args                result  pasid
 * // --  ----  ------------------  ------  -----
 * //  0  bind  dev=nic0 proc=P1    ok          1
 */
export function traceTextTable(
  steps: readonly Step[],
  results: readonly StepResult[],
  opts: TextTableOptions = {}
): string {
  const maxArgs = Math.max(4, opts.maxArgs ?? 48);
  const rows = results.map((r) => {
    const step = steps[r.i];
    return [
      String(r.i),
      r.op,
      step ? cut(stepArgs(step), maxArgs) : '',
      resultText(r),
      r.pasid === undefined ? '-' : String(r.pasid),
    ];
  });
  const widths = HEAD.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c]?.length ?? 0)));
  // Numbers right-aligned (i, pasid), text left-aligned.
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, c) => {
        const w = widths[c] ?? 0;
        return c === 0 || c === 4 ? cell.padStart(w) : cell.padEnd(w);
      })
      .join('  ')
      .trimEnd();
  const out: string[] = [];
  if (opts.title) out.push(opts.title.replace(/[\r\n]+/g, ' '), '');
  out.push(line(HEAD), line(widths.map((w) => '-'.repeat(w))));
  for (const row of rows) out.push(line(row));
  return out.join('\n');
}
