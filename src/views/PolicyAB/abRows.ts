/**
 * The Policy A/B step table's rows: which steps it shows (a window of 2 × AROUND + 1 around the
 * cursor) and what each row's last column says. Pure, for the panel and its tests.
 */

/** Steps shown on each side of the current one. */
export const AROUND = 5;

/**
 * What a row's mark says. A step not yet run shows "pending" under A and B, so a "≠" beside it
 * claimed a difference the row does not show. The analysis worker has run the whole scenario
 * under both policies, so a difference to come is known: it is said in words ("will differ"),
 * without the differing row's highlight; a step to come that gives the same results is neutral.
 */
export type AbMark = 'same' | 'differs' | 'will-differ' | 'not-run';

export interface AbRow {
  /** The step's index (0-based; the table shows i + 1). */
  i: number;
  /** Whether the step has run (is before the cursor), so its A and B results are shown. */
  done: boolean;
  /** Whether it is the step just applied. */
  current: boolean;
  mark: AbMark;
}

export interface AbWindow {
  /** First step index shown. */
  from: number;
  /** One past the last step index shown. */
  to: number;
  /** Steps in the scenario. */
  total: number;
  rows: AbRow[];
}

/** The rows shown at `cursor` (steps applied) of `total`, given the full-run `differs` indices. */
export function abWindow(total: number, cursor: number, differs: readonly number[], around = AROUND): AbWindow {
  const diff = new Set(differs);
  const from = Math.max(0, Math.min(cursor - around, total - 2 * around - 1));
  const to = Math.min(total, from + 2 * around + 1);
  const rows: AbRow[] = [];
  for (let i = from; i < to; i++) {
    const done = i < cursor;
    const d = diff.has(i);
    rows.push({
      i,
      done,
      current: i === cursor - 1,
      mark: done ? (d ? 'differs' : 'same') : d ? 'will-differ' : 'not-run',
    });
  }
  return { from, to, total, rows };
}

/**
 * Which steps the table shows, for its caption: a link in the summary to a step outside the
 * window (step 12 beside rows 1–11) is then no surprise.
 */
export function windowLabel(w: Pick<AbWindow, 'from' | 'to' | 'total'>): string {
  if (w.from === 0 && w.to === w.total) return w.total === 1 ? 'The only step' : `All ${w.total} steps`;
  return `Steps ${w.from + 1}–${w.to} of ${w.total}`;
}

/** A comparison row's classes: differing, the current step, not run yet. */
export function rowClass(mark: AbMark, current: boolean, done: boolean): string {
  return `${mark === 'differs' ? 'ab-differs' : ''}${current ? ' ab-current' : ''}${done ? '' : ' ab-pending'}`;
}
