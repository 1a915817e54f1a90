/**
 * Domain attachment flows of drivers/iommu/intel/iommu.c and svm.c (current mainline), on top of the
 * PASID-entry primitives in pasid-ops.ts:
 * - RID: intel_iommu_attach_device / identity_domain_attach_dev / blocking_domain_attach_dev, each of
 *   which first runs device_block_translation (tear down PASID entry 0 only: PASIDs ≥ 1 stay, R37).
 * - PASID: intel_iommu_set_dev_pasid (paging), identity_domain_set_dev_pasid, intel_svm_set_dev_pasid
 *   (SVA), blocking_domain_set_dev_pasid; `old` null = fresh attach, else replace (error keeps old).
 */
import type { Ctx, DeviceState, Domain, IommuState } from '../../kernel/state.ts';
import { IOMMU_NO_PASID } from '../../kernel/state.ts';
import type { Errno } from '../../trace/types.ts';
import { domainAttachIommu, domainDetachIommu } from './did.ts';
import { firstStageTe, passThroughTe, replaceEntry, setupEntry, tearDownEntry } from './pasid-ops.ts';
import { FLPT_DEFAULT_DID } from './types.ts';
import type { PasidTe, VtdDevInfo, VtdHw } from './types.ts';

/**
 * intel_iommu_sva_supported() (drivers/iommu/intel/svm.c), called by both intel_svm_domain_alloc and
 * intel_svm_set_dev_pasid: -ENODEV when the unit is not SVM-capable (no PASID support), -EINVAL unless
 * PASID and ATS are enabled on the device, -EINVAL when the device supports PRI but it is not enabled
 * (Linux enables PRI at probe whenever ATS is on and PRI is supported, so that last case is latent).
 * A device without PRI may do SVA (device-specific fault handling); IOPF is then not enabled.
 */
export function svaSupported(hw: VtdHw, info: VtdDevInfo): Errno | null {
  if (hw.caps.pasidBits === 0) return 'ENODEV';
  if (!info.pasidEnabled || !info.atsEnabled) return 'EINVAL';
  if (info.priSupported && !info.priEnabled) return 'EINVAL';
  return null;
}

/**
 * iopf_for_domain_set / _remove: SVA domains carry an iopf handler; since "iommu/vt-d: Only handle
 * IOPF for SVA when PRI is supported" (39c20c4e83b9) and its unbind fix, IOPF is enabled only on PRI
 * devices. Paging/identity domains have no handler here (iommufd fault domains are not modelled).
 */
function iopfSet(info: VtdDevInfo, dom: Domain | null): void {
  if (dom !== null && dom.type === 'sva' && info.priSupported) info.iopfRefcount++;
}

function iopfRemove(info: VtdDevInfo, dom: Domain | null): void {
  if (dom !== null && dom.type === 'sva' && info.priSupported && info.iopfRefcount > 0) info.iopfRefcount--;
}

/** domain_add_dev_pasid's bookkeeping for SVA domains: the dev_pasids list mm release walks. False if already linked. */
function addSvaDevPasid(c: Ctx, hw: VtdHw, dom: Domain, dev: DeviceState, pasid: number): boolean {
  const list = hw.svaDevPasids.get(dom.id);
  if (list === undefined) {
    hw.svaDevPasids.set(dom.id, [{ dev: dev.id, pasid, seq: c.s.nextDevPasid++ }]);
    return true;
  }
  for (const l of list) if (l.pasid === pasid && l.dev === dev.id) return false;
  list.push({ dev: dev.id, pasid, seq: c.s.nextDevPasid++ });
  return true;
}

/** domain_remove_dev_pasid(old): drop the DID reference (paging) or the dev_pasids link (SVA). */
function removeDevPasid(hw: VtdHw, dom: Domain | null, dev: DeviceState, pasid: number): void {
  if (dom === null) return;
  if (dom.type === 'paging') domainDetachIommu(hw, dom.id);
  else if (dom.type === 'sva') {
    const list = hw.svaDevPasids.get(dom.id);
    if (list === undefined) return;
    for (let i = 0; i < list.length; i++) {
      const l = list[i]!;
      if (l.pasid !== pasid || l.dev !== dev.id) continue;
      for (let j = i + 1; j < list.length; j++) list[j - 1] = list[j]!;
      list.pop();
      break;
    }
    if (list.length === 0) hw.svaDevPasids.delete(dom.id);
  }
}

/** device_block_translation: tear down PASID entry 0 only, then release the RID domain's DID. */
export function blockTranslation(c: Ctx, iommu: IommuState, hw: VtdHw, info: VtdDevInfo): void {
  if (!info.ridAttached) return;
  tearDownEntry(c, iommu, hw, info, IOMMU_NO_PASID, false);
  info.ridAttached = false;
  if (info.ridDomain !== null) {
    domainDetachIommu(hw, info.ridDomain);
    info.ridDomain = null;
  }
}

/** ops->attach_dev for paging, identity and blocked domains. */
export function attachRid(c: Ctx, iommu: IommuState, hw: VtdHw, info: VtdDevInfo, dom: Domain): Errno | null {
  if (dom.type === 'sva') return 'EINVAL';
  blockTranslation(c, iommu, hw, info);
  if (dom.type === 'blocked') return null;
  if (dom.type === 'identity') {
    // identity_domain_attach_dev → intel_pasid_setup_pass_through(IOMMU_NO_PASID): PGTT=4, DID 1.
    const err = setupEntry(c, iommu, hw, info, IOMMU_NO_PASID, passThroughTe());
    if (err === null) info.ridAttached = true;
    return err;
  }
  // dmar_domain_attach_device: DID, then intel_pasid_setup_first_level(IOMMU_NO_PASID).
  const didErr = domainAttachIommu(hw, dom);
  if (didErr !== null) return didErr;
  info.ridDomain = dom.id;
  info.ridAttached = true;
  const did = hw.dids.get(dom.id)?.did ?? 0;
  const err = setupEntry(c, iommu, hw, info, IOMMU_NO_PASID, firstStageTe(did, null, dom.id));
  if (err !== null) blockTranslation(c, iommu, hw, info);
  return err;
}

/** Setup or replace, per `old`. */
function program(
  c: Ctx,
  iommu: IommuState,
  hw: VtdHw,
  info: VtdDevInfo,
  pasid: number,
  te: PasidTe,
  old: Domain | null
): Errno | null {
  return old === null ? setupEntry(c, iommu, hw, info, pasid, te) : replaceEntry(c, iommu, hw, info, pasid, te);
}

/** blocking_domain_set_dev_pasid: tear down, then drop old's IOPF and dev_pasid/DID bookkeeping. */
export function blockPasid(
  c: Ctx,
  iommu: IommuState,
  hw: VtdHw,
  info: VtdDevInfo,
  dev: DeviceState,
  pasid: number,
  old: Domain | null
): void {
  tearDownEntry(c, iommu, hw, info, pasid, false);
  iopfRemove(info, old);
  removeDevPasid(hw, old, dev, pasid);
  info.pasids.delete(pasid);
}

/** intel_svm_set_dev_pasid: first-stage entry with DID 1 and FLPTR = the mm, SRE=0. */
function setSva(
  c: Ctx,
  iommu: IommuState,
  hw: VtdHw,
  info: VtdDevInfo,
  dev: DeviceState,
  pasid: number,
  dom: Domain,
  old: Domain | null
): Errno | null {
  const unsupported = svaSupported(hw, info);
  if (unsupported !== null) return unsupported;
  const linked = addSvaDevPasid(c, hw, dom, dev, pasid);
  iopfSet(info, dom);
  iopfRemove(info, old);
  const err = program(c, iommu, hw, info, pasid, firstStageTe(FLPT_DEFAULT_DID, dom.mm, null), old);
  if (err !== null) {
    iopfSet(info, old);
    iopfRemove(info, dom);
    if (linked) removeDevPasid(hw, dom, dev, pasid);
    return err;
  }
  // Linux keeps one dev_pasid link when old and new are the same domain (add at head, remove first match).
  if (old !== null && old.id !== dom.id) removeDevPasid(hw, old, dev, pasid);
  return null;
}

/** intel_iommu_set_dev_pasid: first-stage entry with the domain's DID on this unit. */
function setPaging(
  c: Ctx,
  iommu: IommuState,
  hw: VtdHw,
  info: VtdDevInfo,
  dev: DeviceState,
  pasid: number,
  dom: Domain,
  old: Domain | null
): Errno | null {
  if (hw.caps.pasidBits === 0) return 'EOPNOTSUPP';
  const didErr = domainAttachIommu(hw, dom);
  if (didErr !== null) return didErr;
  iopfRemove(info, old);
  const did = hw.dids.get(dom.id)?.did ?? 0;
  const err = program(c, iommu, hw, info, pasid, firstStageTe(did, null, dom.id), old);
  if (err !== null) {
    iopfSet(info, old);
    domainDetachIommu(hw, dom.id);
    return err;
  }
  removeDevPasid(hw, old, dev, pasid);
  return null;
}

/** identity_domain_set_dev_pasid: pass-through entry, DID 1. */
function setIdentity(
  c: Ctx,
  iommu: IommuState,
  hw: VtdHw,
  info: VtdDevInfo,
  dev: DeviceState,
  pasid: number,
  old: Domain | null
): Errno | null {
  if (hw.caps.pasidBits === 0) return 'EOPNOTSUPP';
  iopfRemove(info, old);
  const err = program(c, iommu, hw, info, pasid, passThroughTe(), old);
  if (err !== null) {
    iopfSet(info, old);
    return err;
  }
  removeDevPasid(hw, old, dev, pasid);
  return null;
}

/** domain->ops->set_dev_pasid for every domain type VT-d implements it for. */
export function attachPasid(
  c: Ctx,
  iommu: IommuState,
  hw: VtdHw,
  info: VtdDevInfo,
  dev: DeviceState,
  pasid: number,
  dom: Domain,
  old: Domain | null
): Errno | null {
  let err: Errno | null;
  switch (dom.type) {
    case 'sva':
      err = setSva(c, iommu, hw, info, dev, pasid, dom, old);
      break;
    case 'paging':
      err = setPaging(c, iommu, hw, info, dev, pasid, dom, old);
      break;
    case 'identity':
      err = setIdentity(c, iommu, hw, info, dev, pasid, old);
      break;
    case 'blocked':
      blockPasid(c, iommu, hw, info, dev, pasid, old);
      return null;
  }
  if (err === null) info.pasids.set(pasid, dom.id);
  return err;
}
