/** Small accessors shared by the kernel modules. Steps are validated, so missing ids are engine bugs. */
import type { IommuDriver } from '../hw/driver.ts';
import type { Ctx, DeviceState, Domain, GroupState, IommuState, ProcState } from './state.ts';

export function devOf(c: Ctx, id: string): DeviceState {
  const d = c.s.devices.get(id);
  if (!d) throw new Error(`engine: unknown device ${id}`);
  return d;
}

export function groupOf(c: Ctx, dev: DeviceState): GroupState {
  const g = c.s.groups.get(dev.group);
  if (!g) throw new Error(`engine: unknown group ${dev.group}`);
  return g;
}

export function iommuOf(c: Ctx, dev: DeviceState): IommuState {
  const m = c.s.iommus.get(dev.iommu);
  if (!m) throw new Error(`engine: unknown iommu ${dev.iommu}`);
  return m;
}

export function driverOf(c: Ctx, iommu: IommuState): IommuDriver {
  return c.drv[iommu.type];
}

export function procOf(c: Ctx, id: string): ProcState | undefined {
  return c.s.procs.get(id);
}

export function domainOf(c: Ctx, id: string): Domain {
  const d = c.s.domains.get(id);
  if (!d) throw new Error(`engine: unknown domain ${id}`);
  return d;
}

/** Group members in probe order. */
export function membersOf(c: Ctx, g: GroupState): DeviceState[] {
  return g.devices.map((id) => devOf(c, id));
}

/**
 * The members that can emit PASID TLPs (max_pasids > 0), in probe order. Every PASID attach and
 * detach walks them, so the list is cached per group object: membership and device facts never change
 * after boot, and a structuredClone'd state has new group objects, so the WeakMap simply misses and
 * rebuilds from the clone's own devices. The length check covers a group still being built at boot.
 * Callers must not mutate the returned array.
 */
const capableCache = new WeakMap<GroupState, { size: number; members: readonly DeviceState[] }>();

export function capableMembersOf(c: Ctx, g: GroupState): readonly DeviceState[] {
  const hit = capableCache.get(g);
  if (hit !== undefined && hit.size === g.devices.length) return hit.members;
  const members = membersOf(c, g).filter((d) => d.maxPasids > 0);
  capableCache.set(g, { size: g.devices.length, members });
  return members;
}

/**
 * Pointer equality of the kernel's domains: the static identity/blocked domains of one driver are one
 * object whatever name a scenario gives them (a user "blocked" domain IS the group's blocking domain).
 */
export function sameDomain(a: Domain, b: Domain): boolean {
  if (a.id === b.id) return true;
  return a.driver === b.driver && a.type === b.type && (a.type === 'identity' || a.type === 'blocked');
}

/** The static blocking domain of a driver type. */
export function blockingDomainId(driver: string): string {
  return `blocked:${driver}`;
}
