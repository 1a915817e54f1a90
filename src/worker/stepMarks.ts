/**
 * StepMarker: what one step changed in the global PASID space and the SVA handles (protocol
 * StepMarks), for a frame that is not one step forward (a load or link, a step back, a jump,
 * several queued steps). SimHost reads the state before the step (`before`), applies the step, and
 * diffs what it touched (`after`): the same HolderTable and HandleTable diffs a one-step frame
 * makes, so the marks are exactly what stepping forward onto that step shows.
 * May import: engine, protocol, this folder.
 */
import type { SimState, Touched } from '../engine/index.ts';
import type { StepMarks } from '../protocol/views.ts';
import { HandleTable } from './viewHandles.ts';
import type { TableChanges } from './viewHandles.ts';
import { HolderTable } from './viewHolders.ts';

export class StepMarker {
  private readonly holders = new HolderTable();
  private readonly handles = new HandleTable();

  /** Reads the holders and handles before the step (a full read: not a cost of forward steps). */
  before(s: Readonly<SimState>): void {
    this.holders.prime(s);
    this.handles.prime(s);
  }

  /** The step's changes: `t` is the engine's record of that step alone (null: compare everything). */
  after(s: Readonly<SimState>, t: Touched | null): StepMarks {
    const holders = this.holders.diff(s, t, false);
    const rows: TableChanges = { changed: [], removed: [] };
    this.handles.diff(s, t, false, rows);
    return {
      // A delta lists changed PASIDs, then freed ones: one ascending list here.
      pasids: holders ? Uint32Array.from(holders.pasid).sort() : new Uint32Array(0),
      handles: rows.changed.map((r) => r.key),
      removedHandles: rows.removed,
    };
  }
}

/**
 * The record of two runs of steps, one after the other (null: unknown, as either part is). The host
 * takes the last step's record apart for its marks; the frame's differs still need all the steps'.
 */
export function unionTouched(a: Touched | null, b: Touched | null): Touched | null {
  if (a === null || b === null) return null;
  const add = <T>(into: Set<T>, from: ReadonlySet<T>): void => from.forEach((x) => into.add(x));
  add(a.procs, b.procs);
  add(a.groups, b.groups);
  add(a.bonds, b.bonds);
  add(a.domains, b.domains);
  add(a.pasids, b.pasids);
  add(a.handles, b.handles);
  add(a.domainUsers, b.domainUsers);
  a.globals ||= b.globals;
  return a;
}
