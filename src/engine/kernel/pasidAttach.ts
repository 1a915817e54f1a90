/**
 * The core PASID attachment API of drivers/iommu/iommu.c: iommu_attach_device_pasid,
 * the RFC's iommu_attach_device_pasid_any, iommu_replace_device_pasid, iommu_detach_device_pasid.
 * Checks run in the kernel's order (R25, R31, R33); the first failing check decides the errno.
 */
import { IOMMU_FIRST_GLOBAL_PASID, IOMMU_NO_PASID } from './state.ts';
import type { Ctx, DeviceState, Domain, GroupState } from './state.ts';
import { capableMembersOf, domainOf, driverOf, groupOf, iommuOf } from './lookup.ts';
import { kerr } from './outcome.ts';
import { touchGroup } from './touched.ts';
import type { KErr } from './outcome.ts';

/** Devices that can emit PASID TLPs; members with max_pasids 0 are skipped (R26, ML-SKIP). Read-only. */
export function pasidCapableMembers(c: Ctx, g: GroupState): readonly DeviceState[] {
  return capableMembersOf(c, g);
}

/** Steps 1–3 of R25 (no group lock yet): set_dev_pasid support, then ops compatibility and PASID 0. */
function precheck(c: Ctx, dom: Domain, dev: DeviceState, pasid: number | null): KErr | null {
  const iommu = iommuOf(c, dev);
  if (!c.drv[dom.driver].supportsPasidDomain(dom.type)) {
    return kerr('EOPNOTSUPP', `${dom.type} domain ${dom.id} has no set_dev_pasid on ${dom.driver}`);
  }
  if (dom.driver !== iommu.type) {
    return kerr('EINVAL', `domain ${dom.id} belongs to ${dom.driver}, ${dev.id} sits behind ${iommu.type}`);
  }
  if (pasid === IOMMU_NO_PASID) return kerr('EINVAL', 'PASID 0 is IOMMU_NO_PASID, the RID: not attachable');
  return null;
}

/** R43: every PASID attach/replace in a group with a member in PCI reset recovery fails. */
function resetCheck(g: GroupState): KErr | null {
  if (g.resetting.size === 0) return null;
  return kerr('EBUSY', `group ${g.id} is in PCI reset recovery (${[...g.resetting].join(', ')})`);
}

/**
 * __iommu_set_group_pasid: program `dom` at `pasid` into every PASID-capable member in order; if member k
 * fails, members before k get the blocked domain and the driver's error is returned (R27, R28).
 */
function setGroupPasid(
  c: Ctx,
  g: GroupState,
  pasid: number,
  dom: Domain,
  old: Domain | null,
  members: readonly DeviceState[] = pasidCapableMembers(c, g)
): KErr | null {
  for (let k = 0; k < members.length; k++) {
    const dev = members[k]!;
    const iommu = iommuOf(c, dev);
    const err = driverOf(c, iommu).setDevPasid(c, iommu, dev, pasid, dom, old);
    if (err) {
      // The members before k were programmed: undo them in order.
      for (let j = 0; j < k; j++) {
        const prev = members[j]!;
        const pi = iommuOf(c, prev);
        // Replace rolls back to the old domain; a fresh attach rolls back to blocked (R28, §4.4 step 8).
        if (old) driverOf(c, pi).setDevPasid(c, pi, prev, pasid, old, dom);
        else driverOf(c, pi).blockDevPasid(c, pi, prev, pasid, dom);
      }
      return kerr(err, `${dev.id}'s driver refused ${dom.id} at PASID ${pasid}`);
    }
  }
  return null;
}

/**
 * iommu_attach_device_pasid (R25–R30). `handle` is an SVA handle id, or null for a bare-domain entry.
 * Nothing checks ownership, the RID domain, group size or who allocated the PASID (R30).
 */
export function attachDevicePasid(
  c: Ctx,
  dom: Domain,
  dev: DeviceState,
  pasid: number,
  handle: number | null
): KErr | null {
  const pre = precheck(c, dom, dev, pasid);
  if (pre) return pre;
  const g = groupOf(c, dev);
  const busy = resetCheck(g);
  if (busy) return busy;
  const members = pasidCapableMembers(c, g);
  for (const m of members) {
    if (pasid >= m.maxPasids) {
      return kerr('EINVAL', `PASID ${pasid} is not below ${m.id}'s max_pasids ${m.maxPasids}`);
    }
  }
  const entry = g.pasidArray.get(pasid);
  if (entry) return kerr('EBUSY', `PASID ${pasid} of group ${g.id} is already attached to ${entry.domain}`);
  const err = setGroupPasid(c, g, pasid, dom, null, members);
  if (err) return err;
  // R29: the entry becomes visible only once every member is programmed.
  g.pasidArray.set(pasid, { domain: dom.id, handle, userHandle: false });
  touchGroup(c, g.id);
  return null;
}

/**
 * The RFC's iommu_attach_device_pasid_any: xa_alloc the lowest free index of the GROUP's pasid_array
 * in [1, dev max − 1]. Faithful to the posted patch: the limit is computed from this device's
 * max_pasids (a max of 0 wraps to UINT_MAX), the per-member range check of R25 step 6 is absent, and
 * a full range fails with xa_alloc's -EBUSY. Returns the PASID, or the error.
 */
export function attachDevicePasidAny(c: Ctx, dom: Domain, dev: DeviceState, handle: number | null): number | KErr {
  const pre = precheck(c, dom, dev, null);
  if (pre) return pre;
  const g = groupOf(c, dev);
  const busy = resetCheck(g);
  if (busy) return busy;
  const max = (dev.maxPasids - 1) >>> 0;
  const pasid = lowestFreeSlot(g, IOMMU_FIRST_GLOBAL_PASID, max);
  if (pasid < 0) {
    return kerr('EBUSY', `no free PASID in [1, ${max}] of group ${g.id} (xa_alloc -EBUSY)`);
  }
  const members = pasidCapableMembers(c, g);
  for (const m of members) {
    // The patch programs members without the range check; a driver cannot index past its table.
    if (pasid >= m.maxPasids) return kerr('EINVAL', `PASID ${pasid} is beyond ${m.id}'s table`);
  }
  const err = setGroupPasid(c, g, pasid, dom, null, members);
  if (err) return err;
  g.pasidArray.set(pasid, { domain: dom.id, handle, userHandle: false });
  touchGroup(c, g.id);
  return pasid;
}

/** Lowest index in [min, max] with no pasid_array entry, or -1. Entries per group stay small. */
export function lowestFreeSlot(g: GroupState, min: number, max: number): number {
  for (let p = min; p <= max; p++) if (!g.pasidArray.has(p)) return p;
  return -1;
}

/** iommu_replace_device_pasid (R31, R32); the new entry is a fresh non-SVA handle (iommufd passes one). */
export function replaceDevicePasid(c: Ctx, dom: Domain, dev: DeviceState, pasid: number): KErr | null {
  const pre = precheck(c, dom, dev, pasid);
  if (pre) return pre;
  const g = groupOf(c, dev);
  const busy = resetCheck(g);
  if (busy) return busy;
  const entry = g.pasidArray.get(pasid);
  if (!entry) return kerr('EINVAL', `PASID ${pasid} of group ${g.id} is not attached: nothing to replace`);
  const cur = domainOf(c, entry.domain);
  if (cur.id !== dom.id) {
    const err = setGroupPasid(c, g, pasid, dom, cur);
    if (err) return err;
  }
  g.pasidArray.set(pasid, { domain: dom.id, handle: null, userHandle: true });
  touchGroup(c, g.id);
  return null;
}

/**
 * iommu_detach_device_pasid (R33): never fails, allowed during reset; every PASID-capable member gets the
 * blocked domain and the slot is erased. Members blocked by a reset are already blocked in hardware.
 */
export function detachDevicePasid(c: Ctx, dev: DeviceState, pasid: number): void {
  const g = groupOf(c, dev);
  const entry = g.pasidArray.get(pasid);
  if (entry) detachEntry(c, g, pasid, domainOf(c, entry.domain));
}

/** detachDevicePasid once the caller holds the group and the entry's domain (`old`). */
export function detachEntry(c: Ctx, g: GroupState, pasid: number, old: Domain): void {
  const resetting = g.resetting.size > 0; // almost never: skip hashing each member's id
  for (const m of pasidCapableMembers(c, g)) {
    if (resetting && g.resetting.has(m.id)) continue;
    const iommu = iommuOf(c, m);
    driverOf(c, iommu).blockDevPasid(c, iommu, m, pasid, old);
  }
  g.pasidArray.delete(pasid);
  touchGroup(c, g.id);
}
