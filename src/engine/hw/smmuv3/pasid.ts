/**
 * PASID attach / detach (A10.3, A10.4) and the SVA domain life cycle (A10.6, A10.7):
 * arm_smmu_set_pasid, arm_smmu_blocking_set_dev_pasid, arm_smmu_sva_domain_alloc,
 * arm_smmu_mm_release and arm_smmu_sva_domain_free (drivers/iommu/arm/arm-smmu-v3/arm-smmu-v3.c and
 * arm-smmu-v3-sva.c, Kingxukai/linux mainline snapshot).
 */
import type { Ctx, Domain } from '../../kernel/state.ts';
import type { Errno } from '../../trace/types.ts';
import { atcInv, cmdSync, tlbiAsid, type SmmuUnit } from './commands.ts';
import {
  atcInvMaster,
  attachCommit,
  attachPrepare,
  attachState,
  attachSte,
  clearCd,
  pagingDomain,
  removeMasterDomain,
} from './attach.ts';
import {
  CD_SPLIT,
  makeCdtableSte,
  makeS1Cd,
  makeSvaCd,
  S1DSS_BYPASS,
  S1DSS_TERMINATE,
  S1FMT_64K_L2,
} from './entries.ts';
import { allocCdPtr, asidAlloc, asidFree, cdTableOf } from './tables.ts';
import type { SmmuDomain, SmmuMaster } from './types.ts';
import { installSte, writeCd } from './writer.ts';

/**
 * arm_smmu_update_ste: a STE that is not cd-table yet (RID identity / blocked) becomes one with
 * S1DSS = BYPASS (identity) or TERMINATE (blocked); an installed one is rewritten only if EATS changes.
 */
function updateSte(c: Ctx, u: SmmuUnit, master: SmmuMaster, atsEnabled: boolean): void {
  if (master.inSte && master.steAtsEnabled === atsEnabled) return;
  const table = cdTableOf(u.hw, master);
  if (!table) return;
  const s1dss = master.ridType === 'identity' ? S1DSS_BYPASS : S1DSS_TERMINATE;
  installSte(c, u, master, makeCdtableSte(table, atsEnabled, s1dss, u.hw.idr.attrTypesOvr));
}

function svaDomain(c: Ctx, u: SmmuUnit, dom: Domain, have: SmmuDomain | undefined): SmmuDomain | Errno {
  if (have) return have;
  // Normally made by domainAllocSva on this instance; allocate here if the core skipped it.
  const asid = asidAlloc(c, u);
  if (asid < 0) return 'EBUSY';
  const rec: SmmuDomain = {
    id: dom.id,
    type: 'sva',
    asid,
    mm: dom.mm,
    devices: [],
    nrAtsMasters: 0,
    mmReleased: false,
  };
  u.hw.domains.set(dom.id, rec);
  return rec;
}

/**
 * set_dev_pasid for paging (arm_smmu_s1_set_dev_pasid) and SVA (arm_smmu_sva_set_dev_pasid) domains,
 * both ending in arm_smmu_set_pasid (A10.3 a–f). Every refusal happens before any change, so a
 * failed replace leaves the old configuration.
 */
export function setPasid(
  c: Ctx,
  u: SmmuUnit,
  master: SmmuMaster,
  pasid: number,
  dom: Domain,
  old: Domain | null
): Errno | null {
  if (dom.type === 'blocked') {
    if (old) blockPasid(c, u, master, pasid, old);
    return null;
  }
  if (dom.type === 'identity') return 'EOPNOTSUPP'; // the identity domain has no set_dev_pasid
  // (a) smmu_domain->smmu != master->smmu. Checked before the mm test below (Linux's order is the
  // reverse): both refuse with EINVAL before any change, and this one needs no process lookup.
  if (dom.iommu !== u.id) return 'EINVAL';
  let rec: SmmuDomain | Errno;
  if (dom.type === 'sva') {
    const have = u.hw.domains.get(dom.id);
    // mmget_not_zero(domain->mm) fails once the process exited (also after our mm release).
    const proc = dom.mm === null ? undefined : c.s.procs.get(dom.mm);
    if (!proc?.alive || have?.mmReleased) return 'EINVAL';
    rec = svaDomain(c, u, dom, have);
  } else {
    rec = pagingDomain(c, u, dom);
  }
  if (typeof rec === 'string') return rec;
  // (a) a PASID needs a cd-table STE already, or a RID that is identity / blocked (S1DSS can express it).
  if (!master.inSte && master.ridType !== 'identity' && master.ridType !== 'blocked') return 'EINVAL';
  // (b) table / 64 KB leaf on demand (L1CD store + CFGI_CD leaf=0 + SYNC).
  const table = allocCdPtr(c, u, master, pasid);
  // (c) link the master_domain (and count it for ATS).
  const state = attachState(master, pasid, old ? old.id : null);
  attachPrepare(state, rec);
  // (d) CD[pasid]: two CFGI_CD rounds for invalid→valid, three for a breaking replace.
  const cd = rec.type === 'sva' ? makeSvaCd(rec.asid, rec.mm) : makeS1Cd(rec.asid, dom.id);
  writeCd(c, u, master, table, pasid, cd);
  // (e) cd-table STE with S1DSS BYPASS/TERMINATE if the RID is identity/blocked and it is not one yet.
  updateSte(c, u, master, state.atsEnabled);
  // (f) ATS: enable (full flush) or flush this SSID; drop the old domain's master_domain.
  attachCommit(c, u, state);
  master.pasids.set(pasid, dom.id);
  return null;
}

/**
 * arm_smmu_blocking_set_dev_pasid (A10.4): clear CD[pasid], flush the ATC for it, unlink; when the
 * last SSID goes and the RID is identity / blocked, re-attach the RID domain so the STE becomes plain
 * bypass / abort again. No TLBI: the TLB keeps the domain's ASID until the mm notifier or domain free.
 */
export function blockPasid(c: Ctx, u: SmmuUnit, master: SmmuMaster, pasid: number, old: Domain): void {
  clearCd(c, u, master, pasid);
  if (master.atsEnabled) atcInvMaster(c, u, master, pasid);
  removeMasterDomain(u, master, old.id, pasid);
  master.pasids.delete(pasid);
  if (master.usedSsids === 0 && master.ridDomain !== null) {
    if (master.ridType === 'identity' || master.ridType === 'blocked') {
      attachSte(c, u, master, { id: master.ridDomain, type: master.ridType });
    }
  }
}

/**
 * arm_smmu_sva_domain_alloc: a private ASID per SVA domain, i.e. per (mm, SMMU instance). Current
 * Linux refuses only !ARM_SMMU_FEAT_SVA (-EOPNOTSUPP; assumed present here): a master without SSIDs
 * is NOT refused (R18 reaches the driver only when the core's range checks let the bind through,
 * which the RFC policies do for max_pasids 0/1: the core's xa_alloc then decides). Older kernels
 * refused such a master (-EINVAL, arm_smmu_master_sva_supported()) when the driver enabled
 * IOMMU_DEV_FEAT_SVA; that enable step no longer exists. A full ASID space makes xa_alloc fail (-EBUSY).
 */
export function domainAllocSva(c: Ctx, u: SmmuUnit, master: SmmuMaster | undefined, dom: Domain): Errno | null {
  if (!master) return 'ENODEV'; // the core only calls this for probed devices
  if (u.hw.domains.has(dom.id)) return null;
  const asid = asidAlloc(c, u);
  if (asid < 0) return 'EBUSY';
  u.hw.domains.set(dom.id, {
    id: dom.id,
    type: 'sva',
    asid,
    mm: dom.mm,
    devices: [],
    nrAtsMasters: 0,
    mmReleased: false,
  });
  return null;
}

/**
 * arm_smmu_atc_inv_domain(domain, 0, 0): nothing unless nr_ats_masters; else ATC_INV for each
 * (master with ATS, ssid) newest-first, one batch, one SYNC.
 */
function atcInvDomain(c: Ctx, u: SmmuUnit, rec: SmmuDomain): void {
  if (rec.nrAtsMasters === 0) return;
  for (let i = rec.devices.length - 1; i >= 0; i--) {
    const md = rec.devices[i]!;
    const master = u.hw.masters.get(md.dev);
    if (!master?.atsEnabled) continue;
    for (const sid of master.sids) atcInv(c, u, sid, md.ssid);
  }
  cmdSync(c, u);
}

/**
 * arm_smmu_mm_release (A10.6): every CD of the domain becomes the "dead mm" CD (EPD0=1, R=S=0, V=1,
 * a hitless rewrite: q0 then the TTB0 cleanup, two CFGI_CD rounds), then TLBI_NH_ASID + SYNC and the
 * ATC flush. Later DMA through these CDs aborts without an event.
 */
export function mmRelease(c: Ctx, u: SmmuUnit, dom: Domain): void {
  const rec = u.hw.domains.get(dom.id);
  if (!rec || rec.type !== 'sva' || rec.mmReleased) return;
  for (let i = rec.devices.length - 1; i >= 0; i--) {
    const md = rec.devices[i]!;
    const master = u.hw.masters.get(md.dev);
    if (!master) continue;
    const table = cdTableOf(u.hw, master);
    if (!table || (table.s1fmt === S1FMT_64K_L2 && !table.l1.has(md.ssid >>> CD_SPLIT))) continue;
    writeCd(c, u, master, table, md.ssid, makeSvaCd(rec.asid, null));
  }
  tlbiAsid(c, u, rec.asid);
  atcInvDomain(c, u, rec);
  rec.mmReleased = true;
}

/**
 * Domain free on this instance: SVA (arm_smmu_sva_domain_free) and paging (free_io_pgtable_ops →
 * arm_smmu_tlb_inv_context) both issue TLBI_NH_ASID + SYNC, then the ASID is erased.
 */
export function domainFree(c: Ctx, u: SmmuUnit, dom: Domain): void {
  const rec = u.hw.domains.get(dom.id);
  if (!rec) return;
  tlbiAsid(c, u, rec.asid);
  if (rec.type === 'paging') atcInvDomain(c, u, rec);
  asidFree(c, rec.asid);
  u.hw.domains.delete(dom.id);
}
