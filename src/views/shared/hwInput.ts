/**
 * What the SMMUv3 and VT-d views read: the mirrored tables, what the last publication changed,
 * the fields the current step's effects wrote, and the selection. Built by the container from
 * the frame store; the diagrams and tables take it as a prop.
 */
import type { Ghost } from '../../client/columnTable.ts';
import type { ViewState } from '../../client/viewState.ts';
import type { TableKind } from '../../protocol/views.ts';

export interface HwInput {
  tables: ViewState['tables'];
  upserted: Readonly<Record<TableKind, ReadonlySet<string>>>;
  ghosts: Readonly<Record<TableKind, readonly Ghost[]>>;
  /** Row key → field names written by the current step's effects. */
  written: ReadonlyMap<string, ReadonlySet<string>>;
  /** Row a queue entry links to. */
  focusKey: string | null;
  selectedDevice: string | null;
  selectedProc: string | null;
}

/** How a row changed in this step: written by an effect, upserted without one, or not at all. */
export function rowChange(input: HwInput, kind: TableKind, key: string): 'changed' | 'normal' {
  return input.written.has(key) || input.upserted[kind].has(key) ? 'changed' : 'normal';
}

/** Whether `field` of row `key` changed in this step. */
export function fieldChanged(input: HwInput, key: string, field: string): boolean {
  return input.written.get(key)?.has(field) ?? false;
}
