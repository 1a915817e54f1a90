/**
 * The rows of the "State after this step" table, for any number of policies: the global IDA,
 * each device's PASIDs and each process's mm PASID, one value per policy. Pure, for the table
 * and its tests.
 */
import type { FinalState } from '../../engine/index.ts';

export interface StateRow {
  what: string;
  /** One per policy, in the columns' order. */
  values: string[];
  /** Whether some policy's value differs from another's. */
  differs: boolean;
}

const list = (xs: readonly number[] | undefined): string => (xs && xs.length > 0 ? xs.join(', ') : 'none');

const mmPasid = (x: { pasid: number | null; alive: boolean } | undefined): string =>
  x ? `${x.pasid ?? '–'}${x.alive ? '' : ' (exited)'}` : '–';

/** The rows for `finals` (one per column); devices and processes are listed as the first one has them. */
export function stateRows(finals: readonly FinalState[]): StateRow[] {
  const first = finals[0];
  if (!first) return [];
  const rows: Omit<StateRow, 'differs'>[] = [{ what: 'Global IDA', values: finals.map((f) => list(f.globalPasids)) }];
  for (const id of Object.keys(first.devices)) {
    rows.push({ what: `${id} PASIDs`, values: finals.map((f) => list(f.devices[id]?.pasids)) });
  }
  for (const id of Object.keys(first.procs)) {
    rows.push({ what: `${id} mm PASID`, values: finals.map((f) => mmPasid(f.procs[id])) });
  }
  return rows.map((r) => ({ ...r, differs: new Set(r.values).size > 1 }));
}

/** More rows than a reader can compare at a glance (a big topology has a row per process). */
export const MAX_STATE_ROWS = 40;

/**
 * The rows the table shows: all of them when they fit, else the global IDA and the rows that
 * differ (up to the cap), with counts of what was left out. On a 10,000-process topology this is
 * the difference between ~11,000 table rows rendered per step and a few dozen.
 */
export function shownStateRows(
  rows: readonly StateRow[],
  max = MAX_STATE_ROWS
): { rows: StateRow[]; sameHidden: number; differsHidden: number } {
  if (rows.length <= max) return { rows: [...rows], sameHidden: 0, differsHidden: 0 };
  const [ida, ...rest] = rows;
  const differ = rest.filter((r) => r.differs);
  const shown = differ.slice(0, max - 1);
  return {
    rows: ida ? [ida, ...shown] : shown,
    sameHidden: rest.length - differ.length,
    differsHidden: differ.length - shown.length,
  };
}
