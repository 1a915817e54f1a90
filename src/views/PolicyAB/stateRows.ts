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
