/**
 * Table management: the SMMU instance itself (createHw), the stream table (A2), masters and their
 * lazily allocated CD tables (A4), and the ASID allocator (A6).
 */
import type { Ctx, DeviceState } from '../../kernel/state.ts';
import type { IommuSpec } from '../../scenario/types.ts';
import type { SmmuUnit } from './commands.ts';
import { CD_L2_ENTRIES, CD_SPLIT, makeL1cd, S1FMT_64K_L2, S1FMT_LINEAR } from './entries.ts';
import { syncCd } from './writer.ts';
import type { AsidSpace, CdTable, SmmuHw, SmmuMaster } from './types.ts';

/** STRTAB_SPLIT. */
const STRTAB_SPLIT = 8;
/** IDR1.SIDSIZE assumed by this model (the scenario has no key for it). */
const SID_BITS = 16;
/** CTXDESC_LINEAR_CDMAX: without CD2L a master gets at most 2^10 CDs (A4 step 3). */
const LINEAR_CDMAX = 10;
/** ASIDs come from [1, 2^16 − 1] (IDR0.ASID16). */
const ASID_BITS = 16;

/** A fresh SMMU: empty stream table, no masters, ASID 0 reserved, queues empty. */
export function createSmmuHw(spec: IommuSpec): SmmuHw {
  const ssidBits = spec.ssidBits ?? 20;
  const mode = spec.cdTable ?? 'auto';
  return {
    kind: 'smmuv3',
    idr: { ssidBits, sidBits: SID_BITS, cd2l: mode !== 'linear', asidBits: ASID_BITS, attrTypesOvr: true },
    cdTableMode: mode,
    // Linux: 2-level when IDR0.ST_LVL says so, unless SIDSIZE ≤ STRTAB_SPLIT (then linear).
    strtab: {
      fmt: SID_BITS <= STRTAB_SPLIT ? 'linear' : '2lvl',
      log2size: SID_BITS,
      split: STRTAB_SPLIT,
      l1: new Map(),
      stes: new Map(),
    },
    cdTables: new Map(),
    masters: new Map(),
    domains: new Map(),
    cache: { ste: new Map(), l1cd: new Map(), cd: new Map() },
    tlb: new Map(),
    cmdq: { prod: 0, cons: 0, syncs: 0 },
    evtq: { prod: 0, ring: [] },
  };
}

/** Device-side PASID width: log2(devPasids), 0 when the device has 0 or 1 PASIDs (R2). */
function devPasidBits(dev: DeviceState): number {
  return dev.devPasids > 1 ? 31 - Math.clz32(dev.devPasids) : 0;
}

/**
 * arm_smmu_probe_device + arm_smmu_insert_master: compute master->ssid_bits (pasid-num-bits or
 * arm_smmu_enable_pasid's ilog2(pci_max_pasids), capped at SSIDSIZE, and at 10 without CD2L) and
 * make the SID's stream table slot exist (arm_smmu_init_l2_strtab: a new L2 array of abort STEs,
 * published with one L1STD store). A SID beyond the table fails with -ERANGE: the master then has no
 * STE and its DMA raises C_BAD_STREAMID.
 */
export function insertMaster(c: Ctx, u: SmmuUnit, dev: DeviceState): SmmuMaster {
  const { hw } = u;
  let ssidBits = Math.min(hw.idr.ssidBits, devPasidBits(dev));
  if (!hw.idr.cd2l) ssidBits = Math.min(ssidBits, LINEAR_CDMAX);
  const sid = dev.sid;
  const st = hw.strtab;
  const inStrtab = sid >= 0 && sid < 2 ** st.log2size;
  if (inStrtab && st.fmt === '2lvl') {
    const l1 = Math.floor(sid / 2 ** st.split);
    if (!st.l1.has(l1)) {
      const first = l1 << st.split;
      const desc = { Span: st.split + 1, L2Ptr: `STE[${first}..${first + (1 << st.split) - 1}]` };
      st.l1.set(l1, desc);
      if (c.fx) c.fx.push({ kind: 'write', iommu: u.id, entry: `L1STD[${l1}]`, fields: { ...desc } });
    }
  }
  const master: SmmuMaster = {
    dev: dev.id,
    sids: [sid],
    inStrtab,
    ssidBits,
    atsSupported: dev.ats && dev.bus === 'pci',
    atsEnabled: false,
    steAtsEnabled: false,
    cdTable: null,
    usedSsids: 0,
    inSte: false,
    ridDomain: null,
    ridType: null,
    pasids: new Map(),
  };
  hw.masters.set(dev.id, master);
  return master;
}

/**
 * arm_smmu_alloc_cd_tables: s1cdmax = ssid_bits; linear when CD2L is absent or 2^s1cdmax ≤ 1024
 * (scenario "2lvl" forces 64 KB leaves for any master with SSIDs), else an L1 array of ceil(2^s1cdmax / 1024) L1CDs.
 * Fresh DMA memory is zero, so no store is visible to the SMMU yet.
 */
function allocCdTable(hw: SmmuHw, master: SmmuMaster): CdTable {
  const s1cdmax = master.ssidBits;
  const maxContexts = 2 ** s1cdmax;
  // "2lvl" never applies to a single-CD table: S1Fmt is ignored when S1CDMax = 0.
  const linear = !hw.idr.cd2l || s1cdmax === 0 || (hw.cdTableMode !== '2lvl' && maxContexts <= CD_L2_ENTRIES);
  const sid = master.sids[0]!;
  const table: CdTable = {
    name: linear ? `CD[${sid}]` : `L1CD[${sid}]`,
    master: master.dev,
    s1fmt: linear ? S1FMT_LINEAR : S1FMT_64K_L2,
    s1cdmax,
    numL1: linear ? 0 : Math.ceil(maxContexts / CD_L2_ENTRIES),
    l1: new Map(),
    cds: new Map(),
  };
  hw.cdTables.set(table.name, table);
  master.cdTable = table.name;
  return table;
}

/** The master's CD table, or null before the first stage-1 attach. */
export function cdTableOf(hw: SmmuHw, master: SmmuMaster): CdTable | null {
  return master.cdTable === null ? null : (hw.cdTables.get(master.cdTable) ?? null);
}

/**
 * arm_smmu_alloc_cd_ptr(master, ssid): allocate the table on first use; in a 2-level table allocate
 * the missing 64 KB leaf, publish L1CD = L2Ptr | V, then CFGI_CD(sid, ssid, leaf=0) + SYNC per SID
 * because "an invalid L1CD can be cached". Linux does not bounds-check a linear table (the core's
 * max_pasids is 1 << SSIDSIZE even when the master is capped at 10 bits without CD2L): the CD is then
 * stored beyond the table, where the SMMU never looks (SSID ≥ 2^S1CDMax → C_BAD_SUBSTREAMID).
 */
export function allocCdPtr(c: Ctx, u: SmmuUnit, master: SmmuMaster, ssid: number): CdTable {
  const table = cdTableOf(u.hw, master) ?? allocCdTable(u.hw, master);
  if (table.s1fmt === S1FMT_64K_L2) {
    const l1 = ssid >>> CD_SPLIT;
    if (!table.l1.has(l1)) {
      const desc = makeL1cd(table.name, l1);
      table.l1.set(l1, desc);
      if (c.fx) c.fx.push({ kind: 'write', iommu: u.id, entry: `L1CD[${master.sids[0]}][${l1}]`, fields: { ...desc } });
      syncCd(c, u, master, ssid, false);
    }
  }
  return table;
}

/** The shared ASID space, made at the first ASID any SMMU allocates (ASID 0 is never allocated). */
function asidSpace(c: Ctx): AsidSpace {
  let space = c.s.smmuAsids;
  if (space === null) {
    space = { map: new Uint32Array(1 << (ASID_BITS - 5)), hint: 1 };
    space.map[0] = 1;
    c.s.smmuAsids = space;
  }
  return space;
}

/**
 * xa_alloc(&arm_smmu_asid_xa, XA_LIMIT(1, (1 << smmu->asid_bits) - 1)): the lowest ASID free on
 * EVERY SMMU (the space is global, the limit is this instance's), or -1 (xa_alloc fails, -EBUSY).
 */
export function asidAlloc(c: Ctx, u: SmmuUnit): number {
  const space = asidSpace(c);
  const map = space.map;
  const bits = u.hw.idr.asidBits;
  const limit = bits < 31 ? 1 << bits : 2 ** bits; // `**` would call Math.pow
  let id = Math.max(1, space.hint);
  while (id < limit) {
    const w = id >>> 5;
    const word = map[w]!;
    if (word === 0xffffffff) {
      id = (w + 1) << 5;
      continue;
    }
    if ((word & (1 << (id & 31))) === 0) {
      map[w] = word | (1 << (id & 31));
      space.hint = id + 1;
      return id;
    }
    id++;
  }
  return -1;
}

/** xa_erase(&arm_smmu_asid_xa, asid). */
export function asidFree(c: Ctx, asid: number): void {
  const space = asidSpace(c);
  const w = asid >>> 5;
  space.map[w] = space.map[w]! & ~(1 << (asid & 31));
  if (asid < space.hint) space.hint = asid;
}
