/**
 * Intel VT-d scalable-mode hardware state (plus the bits of Linux's per-device/per-unit driver state
 * that decide which descriptors are queued), as PLAIN DATA: Maps, arrays and one Uint32Array, so
 * structuredClone checkpoints it. Shapes follow shared/research/hw-structures.md Part B and S3.
 *
 * Table entries are immutable values: a write replaces the object in its Map, never mutates it.
 * The configuration caches hold the object they read, so an entry changed without the matching
 * invalidation keeps being served from the cache (stale behaviour shows up, S3 / S5).
 */

/** FLPT_DEFAULT_DID (drivers/iommu/intel/iommu.h): identity and every SVA PASID entry. */
export const FLPT_DEFAULT_DID = 1;
/** IDA_START_DID: paging-domain DIDs are allocated from here up to ndoms - 1 (B3). */
export const IDA_START_DID = 2;
/** cap_ndoms = 2^(4 + 2*CAP.ND); the model reports ND = 6, i.e. 65536 domain ids. */
export const VTD_NDOMS = 1 << 16;
/** CAP.NFR + 1: primary fault recording registers (8 on typical server parts). */
export const VTD_NFR = 8;
/** QI_LENGTH: Linux's invalidation queue has 256 descriptors. */
export const QI_LENGTH = 256;
/** PASID_PDE_SHIFT: dir_index = pasid >> 6; 64 PASID entries per 4 KB table page. */
export const PASID_PDE_SHIFT = 6;
/** PASID_MAX (20-bit PASIDs). */
export const VTD_PASID_MAX = 1 << 20;

/** PGTT values (pasid.h PASID_ENTRY_PGTT_*). */
export const PGTT_FL_ONLY = 1;
export const PGTT_SL_ONLY = 2;
export const PGTT_NESTED = 3;
export const PGTT_PT = 4;

/** Capability bits that drive Linux's choices (CAP/ECAP). Everything not listed is "supported". */
export interface VtdCaps {
  /** cap_ndoms. */
  ndoms: number;
  /** CAP.CM: caching mode (a virtual IOMMU that caches not-present entries). */
  cm: boolean;
  /** PASID width of the unit, 0 = ECAP.PASID clear (no PASID support). */
  pasidBits: number;
  /** ECAP.PSS (= pasidBits - 1), meaningful when pasidBits > 0. */
  pss: number;
  /** CAP.NFR + 1. */
  nfr: number;
}

/** Root entry (one per bus): LP covers devfn 0..127, UP covers 128..255 (B1). */
export interface RootEntry {
  lp: boolean;
  up: boolean;
}

/** Scalable-mode context entry (B1 table); PASIDDIRPTR is implied by the source-id's PASID table. */
export interface SmContext {
  p: boolean;
  fpd: boolean;
  dte: boolean;
  pasidE: boolean;
  pre: boolean;
  /** Directory has 2^(pdts+7) entries. */
  pdts: number;
  ridPasid: number;
}

/** PASID directory entry: P, FPD, SMPTBLPTR (the 64-entry table page it points to). */
export interface PasidDirEntry {
  p: boolean;
  fpd: boolean;
}

/**
 * PASID table entry (the fields Linux programs, B2). Absent from its Map = all-zero entry.
 * FLPTR is either an mm (`mm`, SVA) or a paging domain's pgd (`dom`); both null otherwise.
 */
export interface PasidTe {
  p: boolean;
  fpd: boolean;
  pgtt: number;
  did: number;
  sre: boolean;
  mm: string | null;
  dom: string | null;
}

/** One device's PASID directory + tables (intel_pasid_alloc_table), stored sparsely. */
export interface PasidTable {
  /** pasid_table->max_pasid: PASIDs the directory covers (a multiple of 32768). */
  maxPasid: number;
  /** Directory entries by dir index (present ones only; Linux never frees them). */
  dir: Map<number, PasidDirEntry>;
  /** PASID entries by PASID value (non-zero ones only). */
  te: Map<number, PasidTe>;
}

/** A PASID-cache entry: what the walk read for (sid, pasid), tagged with the entry's DID. */
export interface CachedPasid {
  dirP: boolean;
  dirFpd: boolean;
  /** The table entry object read (null = an all-zero entry). */
  te: PasidTe | null;
  /** Tag used by PASID-cache invalidation (0 for not-present entries, cached only with CM). */
  did: number;
}

/** A primary fault record (FRCD): FI, SID, PP/PV, FR, F. */
export interface FaultRecord {
  /** F: record valid. Linux's dmar_fault() clears it once the record is logged. */
  f: boolean;
  /** FR: fault reason. */
  fr: number;
  /** SID as "bb:dd.f". */
  sid: string;
  /** PP: the request carried a PASID; PV its value. */
  pp: boolean;
  pv: number;
  /** FI: faulting address. */
  fi: number;
}

/** Fault status + recording registers and the invalidation queue's counters. */
export interface VtdRegs {
  /** FSTS.PPF / PFO / FRI. */
  ppf: boolean;
  pfo: boolean;
  fri: number;
  /** FRCD[0 .. nfr-1]; null until first written. */
  frcd: (FaultRecord | null)[];
  /** Faults written into FRCD, and faults blocked silently because FPD=1. */
  faultsRecorded: number;
  faultsSuppressed: number;
  /** IQT (descriptor index, mod QI_LENGTH) and descriptors consumed since reset. IQH == IQT after each wait. */
  iqt: number;
  iqSubmitted: number;
}

/** Linux's device_domain_info for one probed device, reduced to what decides the hardware writes. */
export interface VtdDevInfo {
  /** Source-id (bus << 8 | devfn) and its "bb:dd.f" name. */
  sid: number;
  bdf: string;
  pasidSupported: boolean;
  atsSupported: boolean;
  priSupported: boolean;
  pasidEnabled: boolean;
  atsEnabled: boolean;
  priEnabled: boolean;
  /** info->iopf_refcount: SVA PASIDs attached on a PRI device (the PRQ drain runs only when > 0). */
  iopfRefcount: number;
  /** info->domain_attached: the RID has a translation (paging or identity) in PASID entry 0. */
  ridAttached: boolean;
  /** info->domain: the RID's paging domain (null for identity/blocked). */
  ridDomain: string | null;
  /** The domain set at each PASID ≥ 1 (the driver's dev_pasid links), by PASID. */
  pasids: Map<number, string>;
}

/**
 * One dev_pasid link of an SVA domain: an array of these per domain, not a Map, because a domain has
 * one or two and one was made and dropped with almost every bind and unbind.
 */
export interface DevPasid {
  dev: string;
  pasid: number;
  /** When it was linked (SimState.nextDevPasid): the mm release merges every unit's links by it. */
  seq: number;
}

/** One DID held by a paging domain on this unit (struct iommu_domain_info). */
export interface DidRef {
  did: number;
  refcnt: number;
}

/** The whole VT-d unit. */
/** An IOTLB entry: the PGTT it was filled under and what it translates through ("mm:P1", "dom:d1", "pt"). */
export interface IotlbEntry {
  pgtt: number;
  target: string;
}

/** VtdHw.iotlb key of (DID, PASID): PASIDs are 20 bits, DIDs 16. */
export function iotlbKey(did: number, pasid: number): number {
  return did * 0x100000 + pasid;
}

export interface VtdHw {
  kind: 'vtd';
  caps: VtdCaps;
  regs: VtdRegs;
  /** Root table by bus number (present halves only). */
  root: Map<number, RootEntry>;
  /** Scalable-mode context entries by source-id. */
  ctx: Map<number, SmContext>;
  /** PASID directory/tables by source-id. */
  pasidTables: Map<number, PasidTable>;
  /** Context cache: sid → entry read (cleared by CC descriptors only). */
  contextCache: Map<number, SmContext>;
  /** PASID cache: sid → pasid → entry read (cleared by PC, and CC for that sid). */
  pasidCache: Map<number, Map<number, CachedPasid>>;
  /** Index for PASID-selective PC: (did * 2^20 + pasid) → sids that filled such an entry (may be stale). */
  pasidCacheTags: Map<number, number[]>;
  /**
   * The IOTLB (S3 `iotlb`), reduced to what abstract page tables can tell apart: by (DID, PASID)
   * (iotlbKey), what the walk that filled it translated through. Filled by a request that translated,
   * emptied ONLY by P_IOTLB (for these first-stage and pass-through entries) or a global IOTLB
   * invalidation: a DID and PASID reused without it would still reach the old tables (S5).
   */
  iotlb: Map<number, IotlbEntry>;
  /** domain_ida: bit i set = DID i allocated. */
  didBitmap: Uint32Array;
  /** Lowest DID that may be free (search hint). */
  didHint: number;
  /** Paging domain id → its DID on this unit. */
  dids: Map<string, DidRef>;
  /** Probed devices by device id. */
  devs: Map<string, VtdDevInfo>;
  /** SVA domain id → its dev_pasids on this unit (struct dev_pasid_info), in insertion order. */
  svaDevPasids: Map<string, DevPasid[]>;
}
