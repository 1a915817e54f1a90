/**
 * Arm SMMUv3 hardware + driver state (shared/research/hw-structures.md Part A, Simulator model S2).
 *
 * Plain data only (Maps, arrays, a Uint32Array): the simulation checkpoints it with structuredClone.
 * Table entries (STE, CD, L1CD) are IMMUTABLE objects: every memory store replaces the slot with a
 * new object, so the configuration caches can hold the old object until a CFGI command drops it.
 *
 * Field encodings (numbers are the architectural values):
 *  - STE.Config: 0 abort, 4 bypass, 5 stage-1 translate (cd-table STE).
 *  - STE.S1Fmt: 0 linear CD table, 2 two-level with 64 KB leaves (Linux never uses 1 = 4 KB leaves).
 *  - STE.S1DSS: 0 terminate, 1 bypass, 2 SSID0.   STE.EATS: 0 off, 1 full ATS.   STE.SHCFG: 1 incoming.
 *  - Pointers are table names, not addresses: S1ContextPtr "CD[16]" (linear) or "L1CD[16]" (2-level),
 *    L1CD.L2Ptr "CD[16][1024..2047]", CD.TTB0 "mm:P1" (SVA) or "dom:d1" (paging domain).
 */

/** A Stream Table Entry, reduced to the fields the driver writes and the walk reads (A3). */
export type Ste = {
  V: number;
  Config: number;
  S1Fmt: number;
  S1ContextPtr: string | null;
  S1CDMax: number;
  S1DSS: number;
  /** S1CIR/S1COR/S1CSH (WBRA/WBRA/ISH in every cd-table STE): kept because it decides hitless step counts. */
  S1C: number;
  EATS: number;
  SHCFG: number;
};

/** A Context Descriptor (A5). EPD1=1, AA64=1, TCR and IPS are constant for valid CDs and not modelled. */
export type Cd = {
  V: number;
  ASID: number;
  EPD0: number;
  R: number;
  S: number;
  A: number;
  ASET: number;
  TTB0: string | null;
  /** qword 3: "mair_el1" (SVA) or "io-pgtable" (paging); its clearing is the second CFGI round of a clear. */
  MAIR: string | number;
};

/** Level-1 CD descriptor (A4): V + pointer to a 64 KB leaf of 1024 CDs. */
export type L1cd = { V: number; L2Ptr: string | null };

/** Level-1 stream table descriptor (A2): Span 0 = invalid, Linux writes SPLIT+1 = 9. */
export type L1std = { Span: number; L2Ptr: string };

/** The stream table (A2). `stes` is sparse: a SID inside the table without a key holds an abort STE. */
export interface StreamTable {
  fmt: 'linear' | '2lvl';
  /** SMMU_STRTAB_BASE_CFG.LOG2SIZE: SIDs ≥ 2^log2size raise C_BAD_STREAMID. */
  log2size: number;
  /** STRTAB_SPLIT = 8: 256 STEs per level-2 array. */
  split: number;
  /** 2-level only: L1STD by SID >> split; a missing index is Span 0. */
  l1: Map<number, L1std>;
  stes: Map<number, Ste>;
}

/** A master's CD table in memory (arm_smmu_ctx_desc_cfg, A4). Sparse: a missing CD is all-zero. */
export interface CdTable {
  /** The name STE.S1ContextPtr carries: "CD[sid]" or "L1CD[sid]". */
  name: string;
  master: string;
  /** 0 linear, 2 two-level 64 KB leaves. */
  s1fmt: number;
  s1cdmax: number;
  /** 2-level: number of L1CDs = ceil(2^s1cdmax / 1024). */
  numL1: number;
  l1: Map<number, L1cd>;
  cds: Map<number, Cd>;
}

/** Driver-side struct arm_smmu_master (A9). */
export interface SmmuMaster {
  dev: string;
  /** master->streams: one SID per device in this simulator. */
  sids: number[];
  /** false when the SID is outside the stream table (Linux probe fails with -ERANGE). */
  inStrtab: boolean;
  /** master->ssid_bits = min(SMMU SSIDSIZE, device PASID width), ≤ 10 without CD2L (A4). */
  ssidBits: number;
  /** arm_smmu_ats_supported(): PCI device with an ATS capability (SMMU ATS + root-complex ATS assumed). */
  atsSupported: boolean;
  /** The PCI ATS enable bit (master->ats_enabled). */
  atsEnabled: boolean;
  /** STE.EATS as last installed (master->ste_ats_enabled). */
  steAtsEnabled: boolean;
  /** Name of the CD table (key of SmmuHw.cdTables), null until the first stage-1 attach. */
  cdTable: string | null;
  /** cd_table.used_ssids: valid CDs at SSID ≠ 0. */
  usedSsids: number;
  /** cd_table.in_ste: the installed STE is a cd-table STE. */
  inSte: boolean;
  /** The RID domain the driver last attached (what iommu_driver_get_domain_for_dev() reports). */
  ridDomain: string | null;
  ridType: 'paging' | 'identity' | 'blocked' | 'sva' | null;
  /** SSID → domain id for every PASID this master has a master_domain for (view convenience). */
  pasids: Map<number, string>;
}

/** One arm_smmu_master_domain: an attachment (master, SSID) on a domain's invalidation list (A9). */
export interface MasterDomain {
  dev: string;
  ssid: number;
}

/** Driver-side struct arm_smmu_domain for a stage-1 paging or SVA domain on this instance. */
export interface SmmuDomain {
  id: string;
  type: 'paging' | 'sva';
  /** cd.asid, from [1, 2^16 − 1]. */
  asid: number;
  /** SVA: the process id whose mm the CDs point at. */
  mm: string | null;
  /** smmu_domain->devices in insertion order; Linux walks it newest first (list_add). */
  devices: MasterDomain[];
  /** nr_ats_masters. */
  nrAtsMasters: number;
  /** SVA: arm_smmu_mm_release ran (every CD of this domain is the EPD0 "dead mm" CD). */
  mmReleased: boolean;
}

/** One event-queue record (A8), as the view shows it. */
export interface SmmuEvent {
  name: string;
  sid: number;
  ssv: boolean;
  ssid: number | null;
  addr: number;
}

/**
 * Configuration caches (S2 cfgCache): filled by DMA walks, emptied ONLY by the CFGI commands the
 * driver queues. Nested Maps so CFGI_STE drops every CD/L1CD cached through a SID in O(1).
 */
export interface ConfigCache {
  ste: Map<number, Ste>;
  /** sid → (L1 index → L1CD). */
  l1cd: Map<number, Map<number, L1cd>>;
  /** sid → (ssid → CD). */
  cd: Map<number, Map<number, Cd>>;
}

/** What this model assumes the ID registers say (fixed except SSIDSIZE and CD2L, from the IommuSpec). */
export interface SmmuIdr {
  /** IDR1.SSIDSIZE (0–20). */
  ssidBits: number;
  /** IDR1.SIDSIZE: 16 (PCI RIDs), so Linux picks a 2-level stream table (ST_LVL = 2-level). */
  sidBits: number;
  /** IDR0.CD2L: false only for cdTable "linear". */
  cd2l: boolean;
  /** IDR0.ASID16. */
  asidBits: number;
  /** IDR1.ATTR_TYPES_OVR: bypass STEs carry SHCFG = incoming. */
  attrTypesOvr: boolean;
}

/**
 * arm_smmu_asid_xa (A6): ONE ASID space for every SMMUv3 instance (a global xarray, ALLOC1), so two
 * SMMUs never hand out the same ASID at the same time. Bitmap (bit set = allocated) and the lowest
 * possibly free ASID.
 */
export interface AsidSpace {
  map: Uint32Array;
  hint: number;
}

/** SMMUv3 hardware state: memory the SMMU reads, its caches and queues, plus the driver's bookkeeping. */
export interface SmmuHw {
  kind: 'smmuv3';
  idr: SmmuIdr;
  /** The scenario's cdTable key: "auto" is Linux's rule, "2lvl" forces 64 KB leaves even for small masters. */
  cdTableMode: 'auto' | 'linear' | '2lvl';
  strtab: StreamTable;
  /** CD tables by name (= S1ContextPtr). */
  cdTables: Map<string, CdTable>;
  masters: Map<string, SmmuMaster>;
  /** arm_smmu_domain records of domains finalised on this instance, by domain id. */
  domains: Map<string, SmmuDomain>;
  cache: ConfigCache;
  /**
   * The TLB (S2 `tlb`), reduced to what abstract page tables can tell apart: by ASID (VMID 0, no
   * stage 2), the page table the walk that filled it read ("mm:P1", "dom:d1"). Filled by a DMA that
   * translated, emptied ONLY by TLBI_NH_ASID: an ASID reused without its TLBI would still reach the
   * old tables, which is why Linux TLBIs it at mm release and domain free (S5).
   */
  tlb: Map<number, string>;
  /** Command queue: commands are consumed as they are queued, so cons === prod. */
  cmdq: { prod: number; cons: number; syncs: number };
  /** Event queue: prod counts every record; `ring` keeps the last EVTQ_RING records at prod % EVTQ_RING. */
  evtq: { prod: number; ring: SmmuEvent[] };
}
