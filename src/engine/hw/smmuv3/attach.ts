/**
 * RID attach (A10.1, A10.2, A10.8): the three-step arm_smmu_attach_prepare → write STE/CD →
 * arm_smmu_attach_commit sequence of drivers/iommu/arm/arm-smmu-v3/arm-smmu-v3.c, including the
 * ATS / EATS ordering and the smmu_domain->devices invalidation list.
 */
import type { Ctx, Domain } from '../../kernel/state.ts';
import type { Errno } from '../../trace/types.ts';
import { atcInv, cmdSync, type SmmuUnit } from './commands.ts';
import {
  ABORT_STE,
  CD_SPLIT,
  makeBypassSte,
  makeCdtableSte,
  makeS1Cd,
  S1DSS_BYPASS,
  S1DSS_SSID0,
  S1DSS_TERMINATE,
  S1FMT_64K_L2,
  ZERO_CD,
} from './entries.ts';
import { allocCdPtr, asidAlloc, cdTableOf } from './tables.ts';
import type { SmmuDomain, SmmuMaster, Ste } from './types.ts';
import { installSte, writeCd } from './writer.ts';

/** struct arm_smmu_attach_state. */
export interface AttachState {
  master: SmmuMaster;
  ssid: number;
  oldDomain: string | null;
  atsEnabled: boolean;
  cdNeedsAts: boolean;
}

export function attachState(master: SmmuMaster, ssid: number, oldDomain: string | null): AttachState {
  return { master, ssid, oldDomain, atsEnabled: false, cdNeedsAts: false };
}

/**
 * arm_smmu_attach_prepare: decide ATS (only for a domain that tracks devices, or when a CD table must
 * stay installed), and link the new master_domain before any hardware changes so both old and new
 * domains invalidate during the switch. (pci_disable_ats when ATS goes off is config space, not a cmd.)
 */
export function attachPrepare(state: AttachState, newDom: SmmuDomain | null): void {
  const { master } = state;
  if (newDom || state.cdNeedsAts) state.atsEnabled = master.atsSupported;
  if (newDom) {
    newDom.devices.push({ dev: master.dev, ssid: state.ssid });
    if (state.atsEnabled) newDom.nrAtsMasters++;
  }
}

/** arm_smmu_atc_inv_master(master, ssid): ATC_INV per SID (SSV = ssid ≠ 0, size ALL) + SYNC. */
export function atcInvMaster(c: Ctx, u: SmmuUnit, master: SmmuMaster, ssid: number): void {
  for (const sid of master.sids) atcInv(c, u, sid, ssid);
  cmdSync(c, u);
}

/** arm_smmu_remove_master_domain: unlink (master, ssid) from a paging/SVA domain's list. */
export function removeMasterDomain(u: SmmuUnit, master: SmmuMaster, domainId: string | null, ssid: number): void {
  if (domainId === null) return;
  const rec = u.hw.domains.get(domainId);
  if (!rec) return; // identity / blocked domains track no devices
  const list = rec.devices;
  for (let i = list.length - 1; i >= 0; i--) {
    const md = list[i]!;
    if (md.dev === master.dev && md.ssid === ssid) {
      for (let j = i + 1; j < list.length; j++) list[j - 1] = list[j]!; // splice(i, 1) without allocating
      list.pop();
      if (master.atsEnabled) rec.nrAtsMasters--;
      return;
    }
  }
}

/**
 * arm_smmu_attach_commit: turn ATS on (full ATC flush first), flush the ATC for the SSID when it stays
 * on, or flush everything when it goes off; then unlink the old domain.
 */
export function attachCommit(c: Ctx, u: SmmuUnit, state: AttachState): void {
  const { master } = state;
  if (state.atsEnabled && !master.atsEnabled) atcInvMaster(c, u, master, 0);
  else if (state.atsEnabled && master.atsEnabled) atcInvMaster(c, u, master, state.ssid);
  else if (!state.atsEnabled && master.atsEnabled) atcInvMaster(c, u, master, 0);
  removeMasterDomain(u, master, state.oldDomain, state.ssid);
  master.atsEnabled = state.atsEnabled;
}

/**
 * The arm_smmu_domain of a stage-1 paging domain on this instance, finalised (ASID allocated) when
 * first asked for: at domain_alloc for a scenario's domain (driver.domainAllocPaging), at the boot
 * attach for a default domain (allocated and attached at once). A domain finalised on another SMMU is
 * refused (smmu_domain->smmu != smmu → -EINVAL).
 */
export function pagingDomain(c: Ctx, u: SmmuUnit, dom: Domain): SmmuDomain | Errno {
  if (dom.iommu !== u.id) return 'EINVAL';
  const have = u.hw.domains.get(dom.id);
  if (have) return have;
  const asid = asidAlloc(c, u);
  if (asid < 0) return 'EBUSY';
  const rec: SmmuDomain = {
    id: dom.id,
    type: 'paging',
    asid,
    mm: null,
    devices: [],
    nrAtsMasters: 0,
    mmReleased: false,
  };
  u.hw.domains.set(dom.id, rec);
  return rec;
}

/** arm_smmu_clear_cd: write an all-zero CD, if the table (and, 2-level, the leaf) exists. */
export function clearCd(c: Ctx, u: SmmuUnit, master: SmmuMaster, ssid: number): void {
  const table = cdTableOf(u.hw, master);
  if (!table) return;
  if (table.s1fmt === S1FMT_64K_L2 && !table.l1.has(ssid >>> CD_SPLIT)) return;
  writeCd(c, u, master, table, ssid, ZERO_CD);
}

/** arm_smmu_attach_dev for a stage-1 paging domain (A10.2): CD[0], cd-table STE with S1DSS=SSID0. */
function attachPaging(c: Ctx, u: SmmuUnit, master: SmmuMaster, dom: Domain): Errno | null {
  const rec = pagingDomain(c, u, dom);
  if (typeof rec === 'string') return rec;
  const table = allocCdPtr(c, u, master, 0);
  const state = attachState(master, 0, master.ridDomain);
  attachPrepare(state, rec);
  writeCd(c, u, master, table, 0, makeS1Cd(rec.asid, dom.id));
  installSte(c, u, master, makeCdtableSte(table, state.atsEnabled, S1DSS_SSID0, u.hw.idr.attrTypesOvr));
  attachCommit(c, u, state);
  master.ridDomain = dom.id;
  master.ridType = 'paging';
  return null;
}

/**
 * arm_smmu_attach_dev_ste for identity / blocked (A10.8): while SSIDs are in use the STE stays a
 * cd-table STE and only S1DSS changes (BYPASS / TERMINATE, ATS kept); otherwise the plain bypass /
 * abort STE. CD[0] is cleared last, after the old domain was unlinked.
 */
export function attachSte(c: Ctx, u: SmmuUnit, master: SmmuMaster, dom: { id: string; type: 'identity' | 'blocked' }) {
  const identity = dom.type === 'identity';
  const state = attachState(master, 0, master.ridDomain);
  let ste: Ste = identity ? makeBypassSte(u.hw.idr.attrTypesOvr) : ABORT_STE;
  const table = cdTableOf(u.hw, master);
  if (master.usedSsids > 0 && table) {
    state.cdNeedsAts = true;
    attachPrepare(state, null);
    ste = makeCdtableSte(table, state.atsEnabled, identity ? S1DSS_BYPASS : S1DSS_TERMINATE, u.hw.idr.attrTypesOvr);
  } else {
    attachPrepare(state, null);
  }
  installSte(c, u, master, ste);
  attachCommit(c, u, state);
  master.ridDomain = dom.id;
  master.ridType = dom.type;
  clearCd(c, u, master, 0);
}

/** ops->attach_dev for the RID: paging → arm_smmu_attach_dev; identity / blocked → their static ops. */
export function attachDev(c: Ctx, u: SmmuUnit, master: SmmuMaster, dom: Domain): Errno | null {
  switch (dom.type) {
    case 'paging':
      return attachPaging(c, u, master, dom);
    case 'identity':
    case 'blocked':
      attachSte(c, u, master, { id: dom.id, type: dom.type });
      return null;
    case 'sva':
      return 'EINVAL'; // SVA domains have no attach_dev
  }
}
