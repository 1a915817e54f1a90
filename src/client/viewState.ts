/**
 * ViewState: the main thread's mirror of the view sections (protocol/views.ts): hardware and
 * handle tables as ColumnTables, the global PASID space as one holder code per PASID, and the
 * IOMMU counters. `apply` merges a frame's sections and records what changed into a
 * ViewChanges, which the client resets at every publication (like ChangeSet).
 */
import { HOLDER, TABLE_KINDS } from '../protocol/views.ts';
import type { HwStat, TableKind, ViewSections } from '../protocol/views.ts';
import { ColumnTable } from './columnTable.ts';
import type { Ghost } from './columnTable.ts';
import type { StepChanges } from './stepChanges.ts';

/** PCIe PASID space: 2^20 values. */
export const PASID_COUNT = 1 << 20;

/** What changed in the view sections since the previous publication. */
export interface ViewChanges {
  /** A reset (new epoch) happened: highlight nothing, repaint everything. */
  reset: boolean;
  /** Keys of rows added or changed, per table. */
  upserted: Record<TableKind, Set<string>>;
  /** Rows removed, with their last values. */
  ghosts: Record<TableKind, Ghost[]>;
  /** PASIDs whose holder changed. */
  pasids: Set<number>;
  stats: boolean;
  /**
   * The publication moved exactly one step forward from the previous one, so these changes are
   * that step's. After a step back, a jump or a load they span another distance (or reset): the
   * hardware views then highlight only the current step's own effects, the others use `step`.
   */
  single: boolean;
  /**
   * What the current step changed in the holders and handles, whichever way the cursor got there
   * (stepChanges.ts); null before the first step.
   */
  step: StepChanges | null;
}

export function emptyViewChanges(): ViewChanges {
  const upserted = {} as Record<TableKind, Set<string>>;
  const ghosts = {} as Record<TableKind, Ghost[]>;
  for (const k of TABLE_KINDS) {
    upserted[k] = new Set();
    ghosts[k] = [];
  }
  return { reset: false, upserted, ghosts, pasids: new Set(), stats: false, single: false, step: null };
}

type Tables = { [K in TableKind]: ColumnTable<K> };

export class ViewState {
  readonly tables: Tables;
  /** Holder code per PASID (see HOLDER). */
  readonly holders = new Uint32Array(PASID_COUNT);
  /** Allocated PASIDs (holder ≠ free), kept for markers and the accessible table. */
  readonly allocated = new Set<number>();
  /** Increases whenever `holders` changes. */
  holdersVersion = 0;
  hwStats: HwStat[] = [];

  constructor() {
    this.tables = {
      ste: new ColumnTable('ste'),
      l1cd: new ColumnTable('l1cd'),
      cd: new ColumnTable('cd'),
      root: new ColumnTable('root'),
      ctx: new ColumnTable('ctx'),
      pdir: new ColumnTable('pdir'),
      pte: new ColumnTable('pte'),
      handle: new ColumnTable('handle'),
      kpasid: new ColumnTable('kpasid'),
    };
    this.holders[0] = HOLDER.reserved;
  }

  /** Merges the view sections of one frame delta. */
  apply(v: ViewSections, changes: ViewChanges): void {
    for (const kind of TABLE_KINDS) {
      const d = v.tables?.[kind];
      if (!d) continue;
      if (d.reset) changes.reset = true;
      (this.tables[kind] as ColumnTable).apply(d, changes.upserted[kind], changes.ghosts[kind]);
    }
    const h = v.holders;
    if (h) {
      if (h.reset) {
        this.holders.fill(HOLDER.free);
        this.allocated.clear();
        changes.reset = true;
      }
      h.pasid.forEach((p, k) => {
        const code = h.code[k]!;
        this.holders[p] = code;
        if (code === HOLDER.free) this.allocated.delete(p);
        else if (p !== 0) this.allocated.add(p);
        if (!h.reset) changes.pasids.add(p);
      });
      this.holdersVersion++;
    }
    if (v.hwStats) {
      this.hwStats = v.hwStats;
      changes.stats = true;
    }
  }
}
