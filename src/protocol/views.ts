/**
 * View sections of a frame: the hardware tables (SMMUv3 stream table / CD tables, VT-d root /
 * context / PASID directory / PASID tables), the SVA handles behind the bindings view, the
 * global PASID space's holders, and per-IOMMU queue counters.
 *
 * Same rules as frame.ts: every section is a delta against the previous frame of the epoch
 * (`reset` starts over), bulk data are typed arrays listed by `viewTransferables`. Tables are
 * column stores: row k of a `TableDelta` has `num[k * numCols .. (k + 1) * numCols)` and
 * `str[k * strCols .. (k + 1) * strCols)`, with the column names of `TABLES[kind]`.
 *
 * Row keys are the entry names the engine's `write` effects use, prefixed with the IOMMU id
 * (`smmu0:STE[16]`, `smmu0:CD[16][3]`, `dmar0:PASIDTE[00:08.0][2]`), so a queue entry or a step
 * effect finds the row it touched by name.
 */

/** Column layout of each table kind. The first `key` numeric columns sort the rows. */
export const TABLES = {
  /** SMMUv3 Stream Table Entries, one per master SID. */
  ste: {
    key: 2,
    num: ['unit', 'sid', 'V', 'Config', 'S1Fmt', 'S1CDMax', 'S1DSS', 'EATS', 'SHCFG'],
    str: ['iommu', 'dev', 'S1ContextPtr'],
  },
  /** SMMUv3 level-1 CD descriptors of 2-level CD tables (valid ones). */
  l1cd: { key: 3, num: ['unit', 'sid', 'l1', 'V'], str: ['iommu', 'dev', 'L2Ptr'] },
  /** SMMUv3 Context Descriptors (non-zero ones). */
  cd: {
    key: 3,
    num: ['unit', 'sid', 'ssid', 'V', 'ASID', 'EPD0', 'R', 'S', 'A', 'ASET'],
    str: ['iommu', 'dev', 'TTB0'],
  },
  /** VT-d root entries (present halves). */
  root: { key: 2, num: ['unit', 'bus', 'LP', 'UP'], str: ['iommu'] },
  /** VT-d scalable-mode context entries. */
  ctx: {
    key: 2,
    num: ['unit', 'sid', 'P', 'FPD', 'DTE', 'PASIDE', 'PRE', 'PDTS', 'RID_PASID'],
    str: ['iommu', 'dev', 'bdf'],
  },
  /** VT-d PASID directory entries (present ones). */
  pdir: { key: 3, num: ['unit', 'sid', 'dir', 'P', 'FPD'], str: ['iommu', 'dev', 'bdf'] },
  /** VT-d PASID table entries (non-zero ones). */
  pte: {
    key: 3,
    num: ['unit', 'sid', 'pasid', 'P', 'FPD', 'PGTT', 'DID', 'SRE'],
    str: ['iommu', 'dev', 'bdf', 'FLPTR'],
  },
  /**
   * SVA handles (struct iommu_sva, one per group and PASID): `users` counts repeated binds,
   * `domainUsers` the SVA domain's device count, `tag` its ASID (SMMUv3) or DID (VT-d).
   */
  handle: {
    key: 2,
    num: ['devIndex', 'pasid', 'handle', 'users', 'domainUsers', 'tag'],
    str: ['dev', 'proc', 'domain', 'group'],
  },
  /** PASIDs taken from the global IDA for kernel use (iommu_alloc_global_pasid), with the device. */
  kpasid: { key: 1, num: ['pasid'], str: ['dev'] },
} as const;

export type TableKind = keyof typeof TABLES;
export type NumCol<K extends TableKind> = (typeof TABLES)[K]['num'][number];
export type StrCol<K extends TableKind> = (typeof TABLES)[K]['str'][number];

/** Every table kind, in the order frames list them. */
export const TABLE_KINDS = Object.keys(TABLES) as TableKind[];

/** Index of numeric column `name` of `kind`. */
export function numIndex<K extends TableKind>(kind: K, name: NumCol<K>): number {
  return (TABLES[kind].num as readonly string[]).indexOf(name);
}

/** Index of string column `name` of `kind`. */
export function strIndex<K extends TableKind>(kind: K, name: StrCol<K>): number {
  return (TABLES[kind].str as readonly string[]).indexOf(name);
}

/** Changed rows of one table. */
export interface TableDelta {
  /** Drop every row first (first frame of an epoch). */
  reset: boolean;
  /** Upserted rows' keys. */
  keys: string[];
  /** keys.length × TABLES[kind].num.length values. */
  num: Int32Array;
  /** keys.length × TABLES[kind].str.length values. */
  str: (string | null)[];
  /** Keys of rows that no longer exist (the entry was cleared). */
  removed: string[];
}

/** Holder codes of the global PASID space (one code per PASID; processes from `HOLDER.procBase`). */
export const HOLDER = {
  free: 0,
  /** PASID 0: IOMMU_NO_PASID, the RID's own address space. */
  reserved: 1,
  /** Allocated by iommu_alloc_global_pasid for kernel use. */
  kernel: 2,
  /** Allocated in the IDA, but no live mm or kernel user names it. */
  orphan: 3,
  /** Named by more than one mm (should not happen on mainline). */
  shared: 4,
  /** Process row i (topology order, forks appended) holds code procBase + i. */
  procBase: 5,
} as const;

/** Changed cells of the global PASID space, as (pasid, holder code) pairs. */
export interface HolderDelta {
  /** Every cell is free except those listed (first frame of an epoch). */
  reset: boolean;
  pasid: Uint32Array;
  code: Uint32Array;
}

/** Counters of one IOMMU's queues and fault registers. */
export interface HwStat {
  iommu: string;
  type: 'smmuv3' | 'vtd';
  /** Name → value, in display order (e.g. "CMDQ prod", "events"). */
  counters: [string, number | string][];
}

/**
 * What the current step (step cursor − 1, the one the views call "this step") changed in the global
 * PASID space and the SVA handles. A frame of exactly one step forward needs none: its `holders` and
 * `handle` deltas are that step's changes. Any other frame after step 1 or later (a load or link, a
 * step back, a jump, several queued steps) spans other steps or resets everything, so the worker adds
 * this: the views then show the same "this step" however the cursor got there.
 */
export interface StepMarks {
  /** PASIDs whose holder the step changed (freed ones included), ascending. */
  pasids: Uint32Array;
  /** Handle row keys (`TABLES.handle`) the step added or changed. */
  handles: string[];
  /** Handle row keys the step removed. */
  removedHandles: string[];
}

/** The view sections a frame may carry (all optional). */
export interface ViewSections {
  tables?: Partial<Record<TableKind, TableDelta>>;
  holders?: HolderDelta;
  /** Whole list when any counter changed. */
  hwStats?: HwStat[];
  /** This step's changes, when the frame is not one step forward (see StepMarks). */
  step?: StepMarks;
}

/** The ArrayBuffers of the view sections, for the postMessage transfer list. */
export function viewTransferables(v: ViewSections): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  const add = (a: ArrayBufferView): void => {
    if (a.buffer instanceof ArrayBuffer && a.byteLength > 0 && !out.includes(a.buffer)) out.push(a.buffer);
  };
  for (const kind of TABLE_KINDS) {
    const t = v.tables?.[kind];
    if (t) add(t.num);
  }
  if (v.holders) [v.holders.pasid, v.holders.code].forEach(add);
  if (v.step) add(v.step.pasids);
  return out;
}
