/**
 * PASID-entry programming as drivers/iommu/intel/pasid.c does it (current mainline), with the
 * invalidations in Linux's order (B5):
 * - setupEntry: intel_pasid_setup_first_level / _pass_through (entry must be not present, else
 *   -EBUSY) + pasid_flush_caches (CM only: PC g=1 + P_IOTLB g=2, each followed by qi_submit_sync's WAIT).
 * - replaceEntry: intel_pasid_replace_* (entry must be present, else -EINVAL): copy the new entry over
 *   the live one, intel_pasid_flush_present with the OLD DID, then drain the PRQ (B2 "Replace a live
 *   entry", B5.3).
 * - tearDownEntry: intel_pasid_tear_down_entry (B5.4, B5.6).
 * - drainPrq: intel_iommu_drain_pasid_prq (drivers/iommu/intel/prq.c): only when the device has IOPF
 *   enabled (info->iopf_refcount, i.e. an SVA PASID on a PRI device); descriptors WAIT(fence),
 *   P_IOTLB g=2 (IOTLB DSI for PASID 0) and PASID_DEVTLB (DEVTLB for PASID 0) with the RID domain's
 *   DID (FLPT_DEFAULT_DID when the RID has no paging domain), then qi_submit_sync's WAIT with PD=1.
 */
import type { Ctx, IommuState } from '../../kernel/state.ts';
import type { Errno } from '../../trace/types.ts';
import { qiDevtlb, qiIotlb, qiPasidCache, qiPasidDevtlb, qiPiotlb, qiSync, qiWait } from './queue.ts';
import { pasidEntrySlot, writePasidTe } from './tables.ts';
import { FLPT_DEFAULT_DID, PGTT_FL_ONLY, PGTT_PT } from './types.ts';
import type { PasidTe, VtdDevInfo, VtdHw } from './types.ts';

/** A first-stage entry (pasid_pte_config_first_level): PGTT=1, SRE=0, FPD=0. */
export function firstStageTe(did: number, mm: string | null, dom: string | null): PasidTe {
  return { p: true, fpd: false, pgtt: PGTT_FL_ONLY, did, sre: false, mm, dom };
}

/** A pass-through entry (pasid_pte_config_pass_through): PGTT=4, DID 1. */
export function passThroughTe(): PasidTe {
  return { p: true, fpd: false, pgtt: PGTT_PT, did: FLPT_DEFAULT_DID, sre: false, mm: null, dom: null };
}

/** devtlb_invalidation_with_pasid: only with ATS enabled; PASID 0 (RID_PASID) uses the no-PASID form. */
function devtlbInvalidation(c: Ctx, iommu: IommuState, hw: VtdHw, dev: VtdDevInfo, pasid: number): void {
  if (!dev.atsEnabled) return;
  if (pasid === 0) qiDevtlb(c, iommu, hw, dev);
  else qiPasidDevtlb(c, iommu, hw, dev, pasid);
  qiSync(c, iommu, hw);
}

/** intel_iommu_drain_pasid_prq (see the file comment). */
export function drainPrq(c: Ctx, iommu: IommuState, hw: VtdHw, dev: VtdDevInfo, pasid: number): void {
  if (dev.iopfRefcount === 0) return;
  const did = dev.ridDomain !== null ? (hw.dids.get(dev.ridDomain)?.did ?? FLPT_DEFAULT_DID) : FLPT_DEFAULT_DID;
  qiWait(c, iommu, hw, false, true, false);
  if (pasid === 0) {
    qiIotlb(c, iommu, hw, 2, did);
    qiDevtlb(c, iommu, hw, dev);
  } else {
    qiPiotlb(c, iommu, hw, 2, did, pasid);
    qiPasidDevtlb(c, iommu, hw, dev, pasid);
  }
  qiWait(c, iommu, hw, true, false, true);
}

/** Installs a new entry at a not-present slot. ENODEV: PASID beyond the table; EBUSY: slot present. */
export function setupEntry(
  c: Ctx,
  iommu: IommuState,
  hw: VtdHw,
  dev: VtdDevInfo,
  pasid: number,
  te: PasidTe
): Errno | null {
  const table = pasidEntrySlot(c, iommu, hw, dev, pasid);
  if (table === null) return 'ENODEV';
  if (table.te.get(pasid)?.p === true) return 'EBUSY';
  writePasidTe(c, iommu, table, dev, pasid, te);
  // pasid_flush_caches: not-present → present needs no invalidation unless caching mode.
  if (hw.caps.cm) {
    qiPasidCache(c, iommu, hw, 1, te.did, pasid);
    qiSync(c, iommu, hw);
    qiPiotlb(c, iommu, hw, 2, te.did, pasid);
    qiSync(c, iommu, hw);
  }
  return null;
}

/** Replaces a present entry (EINVAL when not present), flushing with the OLD entry's DID. */
export function replaceEntry(
  c: Ctx,
  iommu: IommuState,
  hw: VtdHw,
  dev: VtdDevInfo,
  pasid: number,
  te: PasidTe
): Errno | null {
  const table = pasidEntrySlot(c, iommu, hw, dev, pasid);
  if (table === null) return 'ENODEV';
  const old = table.te.get(pasid);
  if (old === undefined || !old.p) return 'EINVAL';
  const oldDid = old.did;
  writePasidTe(c, iommu, table, dev, pasid, te);
  // intel_pasid_flush_present (VT-d spec "Guidance to Software for Invalidations").
  qiPasidCache(c, iommu, hw, 1, oldDid, pasid);
  qiSync(c, iommu, hw);
  qiPiotlb(c, iommu, hw, 2, oldDid, pasid);
  qiSync(c, iommu, hw);
  devtlbInvalidation(c, iommu, hw, dev, pasid);
  drainPrq(c, iommu, hw, dev, pasid);
  return null;
}

/**
 * intel_pasid_tear_down_entry(pasid, fault_ignore), as mainline has it since 75ed00055c05 ("Clear
 * Present bit before tearing down PASID entry", January 2026, in v7.0 and 6.18.y):
 * - not present and FPD=0: nothing (Linux WARNs if the entry is not all-zero);
 * - not present and FPD=1 (an mm release before that commit left such entries): clear it and drain
 *   the PRQ, no invalidation;
 * - present: read DID/PGTT, clear ONLY the P bit (pasid_clear_present: the other fields stay until the
 *   caches have let go of the entry, VT-d spec 6.5.3.3), PC g=1 + WAIT, P_IOTLB g=2 (PGTT PT/FL) or
 *   IOTLB DSI + WAIT, device-TLB + WAIT if ATS, THEN clear the entry (intel_pasid_clear_entry), and
 *   the PRQ drain unless fault_ignore.
 *
 * intel_pasid_clear_entry still sets FPD=1 for fault_ignore only `if (pasid_pte_is_present(pe))`, and
 * P is already clear by then: an mm release (fault_ignore) now leaves an all-zero entry, so DMA still
 * in flight gets fault records (0x59) where the pre-2026 teardown left P=0/FPD=1 and stayed quiet.
 */
export function tearDownEntry(
  c: Ctx,
  iommu: IommuState,
  hw: VtdHw,
  dev: VtdDevInfo,
  pasid: number,
  faultIgnore: boolean
): void {
  const table = pasidEntrySlot(c, iommu, hw, dev, pasid);
  if (table === null) return;
  const te = table.te.get(pasid);
  if (te === undefined) return;
  if (!te.p) {
    if (!te.fpd) return;
    writePasidTe(c, iommu, table, dev, pasid, null);
    drainPrq(c, iommu, hw, dev, pasid);
    return;
  }
  const did = te.did;
  const pgtt = te.pgtt;
  writePasidTe(c, iommu, table, dev, pasid, { ...te, p: false });
  qiPasidCache(c, iommu, hw, 1, did, pasid);
  qiSync(c, iommu, hw);
  if (pgtt === PGTT_PT || pgtt === PGTT_FL_ONLY) qiPiotlb(c, iommu, hw, 2, did, pasid);
  else qiIotlb(c, iommu, hw, 2, did);
  qiSync(c, iommu, hw);
  devtlbInvalidation(c, iommu, hw, dev, pasid);
  writePasidTe(c, iommu, table, dev, pasid, null); // the FPD branch tests P, cleared above: never taken
  if (!faultIgnore) drainPrq(c, iommu, hw, dev, pasid);
}
