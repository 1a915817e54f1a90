/**
 * STE / CD contents as Linux builds them (arm_smmu_make_*_ste, arm_smmu_make_s1_cd,
 * arm_smmu_make_sva_cd in drivers/iommu/arm/arm-smmu-v3/arm-smmu-v3{,-sva}.c, Kingxukai/linux
 * mainline snapshot), plus the "used bits" rules the hitless writer needs
 * (arm_smmu_get_ste_used / arm_smmu_get_cd_used), expressed per field instead of per bit.
 */
import type { FieldValue } from '../../trace/types.ts';
import type { Cd, L1cd, Ste } from './types.ts';

/** STE.Config values. */
export const CFG_ABORT = 0;
export const CFG_BYPASS = 4;
export const CFG_S1_TRANS = 5;
/** STE.S1DSS values. */
export const S1DSS_TERMINATE = 0;
export const S1DSS_BYPASS = 1;
export const S1DSS_SSID0 = 2;
/** STE.S1Fmt values. */
export const S1FMT_LINEAR = 0;
export const S1FMT_64K_L2 = 2;
/** CTXDESC_L2_ENTRIES: CDs per 64 KB leaf; CTXDESC_LINEAR_CDMAX = log2 of it. */
export const CD_L2_ENTRIES = 1024;
export const CD_SPLIT = 10;
/** ATC_INV_SIZE_ALL. */
export const ATC_INV_SIZE_ALL = 52;

/**
 * Describes one entry type for the writer: field names, the 64-bit qword each lives in, whether the
 * effect shows it, and which fields the hardware uses for a given value (a bitmask over `names`).
 * `differs`, `merge` and `fields` are the same per-field operations written out field by field for
 * this entry type, because the writer runs on every bind and unbind and a loop of computed-key
 * reads and writes over `names` costs several times more (writer-oracle.test.ts checks them against
 * the `names` / `qw` / `shown` tables).
 */
export interface EntryLayout<E extends Record<string, string | number | null>> {
  names: readonly (keyof E & string)[];
  qw: readonly number[];
  /**
   * `qw` as two lookup tables for the writer, which asks on every store: by field mask, the qwords
   * (bitmask) holding those fields; by qword mask, the fields (bitmask) living in those qwords.
   */
  qwordsOfFields: Uint8Array;
  fieldsOfQwords: Uint16Array;
  shown: readonly boolean[];
  zero: E;
  used(e: E): number;
  /** Bitmask over `names` of the fields whose values differ (`!==`). */
  differs(a: E, b: E): number;
  /** A new entry (keys in `names` order): the fields in `mask` from `b`, the others from `a`. */
  merge(a: E, b: E, mask: number): E;
  /** A write effect's fields: the shown fields of the qwords in `qwMask`, in `names` order. */
  fields(e: E, qwMask: number): Record<string, FieldValue>;
}

/** EntryLayout.qwordsOfFields / fieldsOfQwords for a layout's `qw` (qwords 0–7, at most 16 fields). */
function qwordTables(qw: readonly number[]): { qwordsOfFields: Uint8Array; fieldsOfQwords: Uint16Array } {
  const qwordsOfFields = new Uint8Array(1 << qw.length);
  for (let m = 1; m < qwordsOfFields.length; m++) {
    const low = 31 - Math.clz32(m & -m); // the lowest field in m; the rest is a smaller mask, done already
    qwordsOfFields[m] = qwordsOfFields[m & (m - 1)]! | (1 << qw[low]!);
  }
  const fieldsOfQwords = new Uint16Array(1 << 8);
  for (let q = 0; q < fieldsOfQwords.length; q++) {
    for (let i = 0; i < qw.length; i++) if (q & (1 << qw[i]!)) fieldsOfQwords[q]! |= 1 << i;
  }
  return { qwordsOfFields, fieldsOfQwords };
}

const STE_NAMES = ['V', 'Config', 'S1Fmt', 'S1ContextPtr', 'S1CDMax', 'S1DSS', 'S1C', 'EATS', 'SHCFG'] as const;
const STE_QW = [0, 0, 0, 0, 0, 1, 1, 1, 1];
const STE_BIT = (name: (typeof STE_NAMES)[number]): number => 1 << STE_NAMES.indexOf(name);
const STE_S1_USED =
  STE_BIT('S1Fmt') | STE_BIT('S1ContextPtr') | STE_BIT('S1CDMax') | STE_BIT('S1DSS') | STE_BIT('S1C') | STE_BIT('EATS');

export const ZERO_STE: Ste = {
  V: 0,
  Config: 0,
  S1Fmt: 0,
  S1ContextPtr: null,
  S1CDMax: 0,
  S1DSS: 0,
  S1C: 0,
  EATS: 0,
  SHCFG: 0,
};

/**
 * arm_smmu_get_ste_used restricted to the modelled fields: V only when invalid; Config; the S1 fields
 * when Config selects stage 1 (plus SHCFG under S1DSS bypass); SHCFG for a bypass STE.
 */
export const STE_LAYOUT: EntryLayout<Ste> = {
  names: STE_NAMES,
  qw: STE_QW,
  ...qwordTables(STE_QW),
  shown: [true, true, true, true, true, true, false, true, true],
  zero: ZERO_STE,
  used(e) {
    let used = STE_BIT('V');
    if (!e.V) return used;
    used |= STE_BIT('Config');
    if (e.Config & 1) {
      used |= STE_S1_USED;
      if (e.S1DSS === S1DSS_BYPASS) used |= STE_BIT('SHCFG');
    }
    if (e.Config === CFG_BYPASS) used |= STE_BIT('SHCFG');
    return used;
  },
  differs(a, b) {
    return (
      (a.V !== b.V ? 1 : 0) |
      (a.Config !== b.Config ? 2 : 0) |
      (a.S1Fmt !== b.S1Fmt ? 4 : 0) |
      (a.S1ContextPtr !== b.S1ContextPtr ? 8 : 0) |
      (a.S1CDMax !== b.S1CDMax ? 16 : 0) |
      (a.S1DSS !== b.S1DSS ? 32 : 0) |
      (a.S1C !== b.S1C ? 64 : 0) |
      (a.EATS !== b.EATS ? 128 : 0) |
      (a.SHCFG !== b.SHCFG ? 256 : 0)
    );
  },
  merge(a, b, m) {
    return {
      V: m & 1 ? b.V : a.V,
      Config: m & 2 ? b.Config : a.Config,
      S1Fmt: m & 4 ? b.S1Fmt : a.S1Fmt,
      S1ContextPtr: m & 8 ? b.S1ContextPtr : a.S1ContextPtr,
      S1CDMax: m & 16 ? b.S1CDMax : a.S1CDMax,
      S1DSS: m & 32 ? b.S1DSS : a.S1DSS,
      S1C: m & 64 ? b.S1C : a.S1C,
      EATS: m & 128 ? b.EATS : a.EATS,
      SHCFG: m & 256 ? b.SHCFG : a.SHCFG,
    };
  },
  fields(e, qwMask) {
    const out: Record<string, FieldValue> = {};
    if (qwMask & 1) {
      out.V = e.V;
      out.Config = e.Config;
      out.S1Fmt = e.S1Fmt;
      out.S1ContextPtr = e.S1ContextPtr;
      out.S1CDMax = e.S1CDMax;
    }
    if (qwMask & 2) {
      out.S1DSS = e.S1DSS; // S1C (qword 1) is not shown
      out.EATS = e.EATS;
      out.SHCFG = e.SHCFG;
    }
    return out;
  },
};

const CD_NAMES = ['V', 'ASID', 'EPD0', 'R', 'S', 'A', 'ASET', 'TTB0', 'MAIR'] as const;
const CD_QW = [0, 0, 0, 0, 0, 0, 0, 1, 3];
const CD_ALL = (1 << CD_NAMES.length) - 1;
const CD_TTB0 = 1 << CD_NAMES.indexOf('TTB0');

export const ZERO_CD: Cd = { V: 0, ASID: 0, EPD0: 0, R: 0, S: 0, A: 0, ASET: 0, TTB0: null, MAIR: 0 };

/** arm_smmu_get_cd_used: V only when invalid, everything when valid, minus TTB0 under EPD0. */
export const CD_LAYOUT: EntryLayout<Cd> = {
  names: CD_NAMES,
  qw: CD_QW,
  ...qwordTables(CD_QW),
  shown: [true, true, true, true, true, true, true, true, true],
  zero: ZERO_CD,
  used(e) {
    if (!e.V) return 1;
    return e.EPD0 ? CD_ALL & ~CD_TTB0 : CD_ALL;
  },
  differs(a, b) {
    return (
      (a.V !== b.V ? 1 : 0) |
      (a.ASID !== b.ASID ? 2 : 0) |
      (a.EPD0 !== b.EPD0 ? 4 : 0) |
      (a.R !== b.R ? 8 : 0) |
      (a.S !== b.S ? 16 : 0) |
      (a.A !== b.A ? 32 : 0) |
      (a.ASET !== b.ASET ? 64 : 0) |
      (a.TTB0 !== b.TTB0 ? 128 : 0) |
      (a.MAIR !== b.MAIR ? 256 : 0)
    );
  },
  merge(a, b, m) {
    return {
      V: m & 1 ? b.V : a.V,
      ASID: m & 2 ? b.ASID : a.ASID,
      EPD0: m & 4 ? b.EPD0 : a.EPD0,
      R: m & 8 ? b.R : a.R,
      S: m & 16 ? b.S : a.S,
      A: m & 32 ? b.A : a.A,
      ASET: m & 64 ? b.ASET : a.ASET,
      TTB0: m & 128 ? b.TTB0 : a.TTB0,
      MAIR: m & 256 ? b.MAIR : a.MAIR,
    };
  },
  fields(e, qwMask) {
    const out: Record<string, FieldValue> = {};
    if (qwMask & 1) {
      out.V = e.V;
      out.ASID = e.ASID;
      out.EPD0 = e.EPD0;
      out.R = e.R;
      out.S = e.S;
      out.A = e.A;
      out.ASET = e.ASET;
    }
    if (qwMask & 2) out.TTB0 = e.TTB0;
    if (qwMask & 8) out.MAIR = e.MAIR;
    return out;
  },
};

/** arm_smmu_make_abort_ste: V=1, Config=abort. Also what fills new stream table arrays (A2). */
export const ABORT_STE: Ste = { ...ZERO_STE, V: 1, Config: CFG_ABORT };

/** arm_smmu_make_bypass_ste: V=1, Config=bypass, SHCFG=incoming when IDR1.ATTR_TYPES_OVR. */
export function makeBypassSte(attrTypesOvr: boolean): Ste {
  return { ...ZERO_STE, V: 1, Config: CFG_BYPASS, SHCFG: attrTypesOvr ? 1 : 0 };
}

/**
 * arm_smmu_make_cdtable_ste: V, Config=S1_TRANS, S1Fmt, S1ContextPtr, S1CDMax, S1DSS, the CD fetch
 * attributes, EATS=1 when ATS is on, SHCFG=incoming under S1DSS bypass. This model assumes no E2H:
 * STRW = NS-EL1 and S2VMID = 0, both zero and therefore not modelled.
 */
export function makeCdtableSte(
  table: { name: string; s1fmt: number; s1cdmax: number },
  atsEnabled: boolean,
  s1dss: number,
  attrTypesOvr: boolean
): Ste {
  return {
    V: 1,
    Config: CFG_S1_TRANS,
    S1Fmt: table.s1fmt,
    S1ContextPtr: table.name,
    S1CDMax: table.s1cdmax,
    S1DSS: s1dss,
    S1C: 1,
    EATS: atsEnabled ? 1 : 0,
    SHCFG: attrTypesOvr && s1dss === S1DSS_BYPASS ? 1 : 0,
  };
}

/** arm_smmu_make_s1_cd: V, R, A, ASET=1, EPD1, ASID, TTB0 = the io-pgtable root (no stall: S=0). */
export function makeS1Cd(asid: number, domainId: string): Cd {
  return { V: 1, ASID: asid, EPD0: 0, R: 1, S: 0, A: 1, ASET: 1, TTB0: `dom:${domainId}`, MAIR: 'io-pgtable' };
}

/**
 * arm_smmu_make_sva_cd(mm, asid): V, R, A, ASET=1 (private ASID), EPD1, TTB0 = mm->pgd, MAIR =
 * mair_el1. With mm = null (arm_smmu_mm_release) it is the "dead mm" CD: EPD0=1, no TTB0, S and R
 * cleared (no STALL_FORCE), V stays 1 so in-flight DMA faults quietly instead of raising C_BAD_CD.
 */
export function makeSvaCd(asid: number, mm: string | null): Cd {
  if (mm === null) return { V: 1, ASID: asid, EPD0: 1, R: 0, S: 0, A: 1, ASET: 1, TTB0: null, MAIR: 'mair_el1' };
  return { V: 1, ASID: asid, EPD0: 0, R: 1, S: 0, A: 1, ASET: 1, TTB0: `mm:${mm}`, MAIR: 'mair_el1' };
}

/** The L1CD Linux writes for a new 64 KB leaf: L2Ptr | V with one 64-bit store. */
export function makeL1cd(tableName: string, l1: number): L1cd {
  const first = l1 * CD_L2_ENTRIES;
  return { V: 1, L2Ptr: `${tableName.replace('L1CD', 'CD')}[${first}..${first + CD_L2_ENTRIES - 1}]` };
}

/** An absent L1CD (V=0). */
export const INVALID_L1CD: L1cd = { V: 0, L2Ptr: null };
