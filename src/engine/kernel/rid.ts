/**
 * The RID side of a group: iommu_attach_device / iommu_detach_device (R35–R37), DMA ownership
 * (R38–R42) and PCI reset gating (R43–R44). None of these read or write pasid_array entries ≥ 1
 * except the ownership checks that require it to be empty.
 */
import type { Ctx, DeviceState, Domain, GroupState } from './state.ts';
import { blockingDomainId, domainOf, driverOf, groupOf, iommuOf, membersOf, sameDomain } from './lookup.ts';
import { kerr } from './outcome.ts';
import { touchGroup } from './touched.ts';
import type { KErr } from './outcome.ts';

/**
 * __iommu_group_set_domain_internal: the same domain is a no-op (checked before the reset fence, so
 * re-attaching the current domain succeeds even during a reset); while a member is in PCI reset
 * recovery the change is refused with EBUSY (R43) unless the caller must succeed (the detach and
 * ownership-release paths, v7.0.y 5474e6e17a26), which updates group->domain and switches every
 * member not held blocked by its reset (pci_dev_reset_iommu_done applies it to that one, R44).
 * Every other member attach_dev's `dom`; on a member failure the members already switched go back to
 * the old domain.
 */
function setGroupDomain(c: Ctx, g: GroupState, dom: Domain, mustSucceed = false): KErr | null {
  const old = domainOf(c, g.domain);
  if (sameDomain(old, dom)) {
    g.domain = dom.id;
    touchGroup(c, g.id);
    return null;
  }
  if (g.resetting.size > 0 && !mustSucceed) return kerr('EBUSY', `group ${g.id} is in PCI reset recovery`);
  const done: DeviceState[] = [];
  for (const dev of membersOf(c, g)) {
    if (g.resetting.has(dev.id)) continue;
    const iommu = iommuOf(c, dev);
    const err = driverOf(c, iommu).attachDev(c, iommu, dev, dom);
    if (err) {
      for (const prev of done) {
        const pi = iommuOf(c, prev);
        driverOf(c, pi).attachDev(c, pi, prev, old);
      }
      return kerr(err, `${dev.id}'s driver refused RID domain ${dom.id}`);
    }
    done.push(dev);
  }
  g.domain = dom.id;
  touchGroup(c, g.id);
  return null;
}

function isCoreDomain(c: Ctx, g: GroupState): boolean {
  const cur = domainOf(c, g.domain);
  return sameDomain(cur, domainOf(c, g.defaultDomain)) || cur.type === 'blocked';
}

/** iommu_attach_device (R35): single-device group, current domain default or blocking, compatible ops. */
export function attachDev(c: Ctx, dev: DeviceState, dom: Domain): KErr | null {
  const g = groupOf(c, dev);
  if (g.devices.length !== 1) return kerr('EINVAL', `group ${g.id} has ${g.devices.length} devices: use the group API`);
  if (!isCoreDomain(c, g))
    return kerr('EBUSY', `${dev.id}'s RID is on ${g.domain}, not on its default or blocking domain`);
  if (dom.driver !== iommuOf(c, dev).type) return kerr('EINVAL', `domain ${dom.id} belongs to ${dom.driver}`);
  return setGroupDomain(c, g, dom); // R43: EBUSY during a reset unless `dom` is already the RID domain
}

/** Blocking domain while owned, default domain otherwise (__iommu_group_set_core_domain). */
function coreDomain(c: Ctx, g: GroupState): Domain {
  return domainOf(c, g.owner === null ? g.defaultDomain : blockingDomainId(domainOf(c, g.defaultDomain).driver));
}

/** iommu_detach_device (R36): a wrong domain or a multi-device group only WARNs. PASIDs stay (R37). */
export function detachDev(c: Ctx, dev: DeviceState, dom: Domain): KErr | null {
  const g = groupOf(c, dev);
  if (!sameDomain(domainOf(c, g.domain), dom)) {
    return kerr('WARN', `${dom.id} is not ${dev.id}'s RID domain (${g.domain}): detach ignored`);
  }
  if (g.devices.length !== 1) return kerr('WARN', `group ${g.id} has ${g.devices.length} devices: detach ignored`);
  const err = setGroupDomain(c, g, coreDomain(c, g), true);
  if (err) throw new Error(`engine: core domain attach must succeed (${err.message})`);
  return null;
}

/** iommu_device_claim_dma_owner (R38, R39). */
export function claimDmaOwner(c: Ctx, dev: DeviceState, owner: string): KErr | null {
  const g = groupOf(c, dev);
  if (g.ownerCnt > 0) {
    if (g.owner !== owner) return kerr('EPERM', `group ${g.id} is already owned by ${g.owner ?? 'the kernel'}`);
    g.ownerCnt++;
    touchGroup(c, g.id);
    return null;
  }
  if (!sameDomain(domainOf(c, g.domain), domainOf(c, g.defaultDomain))) {
    return kerr('EBUSY', `${dev.id}'s RID is on ${g.domain}, not its default domain`);
  }
  if (g.pasidArray.size > 0) {
    return kerr('EBUSY', `group ${g.id} still has PASIDs attached (${[...g.pasidArray.keys()].join(', ')})`);
  }
  const err = setGroupDomain(c, g, domainOf(c, blockingDomainId(domainOf(c, g.defaultDomain).driver)));
  if (err) return err;
  g.owner = owner;
  g.ownerCnt = 1;
  touchGroup(c, g.id);
  return null;
}

/** iommu_device_release_dma_owner (R41, R42): refused with a WARN while any PASID is attached. */
export function releaseDmaOwner(c: Ctx, dev: DeviceState): KErr | null {
  const g = groupOf(c, dev);
  if (g.ownerCnt > 1) {
    g.ownerCnt--;
    touchGroup(c, g.id);
    return null;
  }
  if (g.ownerCnt === 0 || g.owner === null) return kerr('WARN', `group ${g.id} is not owned: release ignored`);
  if (g.pasidArray.size > 0) {
    return kerr(
      'WARN',
      `group ${g.id} still has PASIDs attached (${[...g.pasidArray.keys()].join(', ')}): release refused`
    );
  }
  g.ownerCnt = 0;
  g.owner = null;
  touchGroup(c, g.id);
  const err = setGroupDomain(c, g, domainOf(c, g.defaultDomain), true);
  if (err) throw new Error(`engine: default domain attach must succeed (${err.message})`);
  return null;
}

/** Whether pci_dev_reset_iommu_prepare gates this device: ATS-capable PCI devices only (K-RESET). */
function resetGated(dev: DeviceState): boolean {
  return dev.bus === 'pci' && dev.ats;
}

/**
 * pci_dev_reset_iommu_prepare (R44): RID and every attached PASID of the device go to blocked in
 * hardware; group->domain and pasid_array keep what was attached. Re-entry WARNs with -EBUSY, as
 * the research (§4.10) and v7.0 have it. Stable v7.0.y later took 0d5fd7a9323c ("Fix nested
 * pci_dev_reset_iommu_prepare/done()"): a per-device reset_depth makes a nested prepare return 0
 * and only the outermost done restore. Not modelled: the research, which the engine follows, says -EBUSY.
 */
export function resetPrepare(c: Ctx, dev: DeviceState): KErr | null | 'ungated' {
  if (!resetGated(dev)) return 'ungated';
  const g = groupOf(c, dev);
  if (g.resetting.has(dev.id)) return kerr('EBUSY', `WARN: ${dev.id} is already in reset recovery`);
  const iommu = iommuOf(c, dev);
  const drv = driverOf(c, iommu);
  // "if (group->domain != group->blocking_domain)": an owned group's RID is blocked already.
  if (domainOf(c, g.domain).type !== 'blocked') drv.attachDev(c, iommu, dev, domainOf(c, blockingDomainId(iommu.type)));
  if (dev.maxPasids > 0) {
    for (const [pasid, entry] of g.pasidArray) drv.blockDevPasid(c, iommu, dev, pasid, domainOf(c, entry.domain));
  }
  g.resetting.add(dev.id);
  touchGroup(c, g.id);
  return null;
}

/** pci_dev_reset_iommu_done (R44): restore the recorded RID domain and PASIDs; no-op if not in reset. */
export function resetDone(c: Ctx, dev: DeviceState): 'ungated' | 'idle' | null {
  if (!resetGated(dev)) return 'ungated';
  const g = groupOf(c, dev);
  if (!g.resetting.has(dev.id)) return 'idle';
  g.resetting.delete(dev.id);
  touchGroup(c, g.id);
  const iommu = iommuOf(c, dev);
  const drv = driverOf(c, iommu);
  const rid = domainOf(c, g.domain);
  if (rid.type !== 'blocked') drv.attachDev(c, iommu, dev, rid);
  if (dev.maxPasids > 0) {
    for (const [pasid, entry] of g.pasidArray) drv.setDevPasid(c, iommu, dev, pasid, domainOf(c, entry.domain), null);
  }
  return null;
}
