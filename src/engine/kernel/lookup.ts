/** Small accessors shared by the kernel modules. Steps are validated, so missing ids are engine bugs. */
import type { IommuDriver } from '../hw/driver.ts';
import { LIMITS } from '../scenario/types.ts';
import type { IommuType } from '../scenario/types.ts';
import type { Ctx, DeviceState, Domain, GroupState, IommuState, ProcState, SimState } from './state.ts';

export function devOf(c: Ctx, id: string): DeviceState {
  const d = c.s.devices.get(id);
  if (!d) throw new Error(`engine: unknown device ${id}`);
  return d;
}

/**
 * Links that never change once made — a device's group and IOMMU, a group's PASID-capable members —
 * by DeviceState.index and GroupState.index, so the hot paths index arrays instead of hashing id
 * strings (several lookups per bind and unbind). Derived from the state, never part of it: it hangs
 * off the Ctx, a Ctx on another state (a clone, a restored checkpoint) starts empty ones, and each
 * slot is filled on first use and checked against the id it stands for, so a state still being
 * booted (devices and groups arriving) is served too, and nothing is rebuilt per device at boot.
 */
export interface Links {
  s: SimState;
  /** The IOMMU instances of each driver type, in SimState.iommus order, made when `ofTypeOf` had that many. */
  ofType: Record<IommuType, IommuState[]>;
  ofTypeOf: number;
  group: (GroupState | undefined)[];
  iommu: (IommuState | undefined)[];
  /** By GroupState.index: the members that can emit PASID TLPs, with g.devices.length when computed. */
  capable: ({ size: number; members: readonly DeviceState[] } | undefined)[];
}

function links(c: Ctx): Links {
  const l = c.links;
  if (l !== undefined && l.s === c.s) return l;
  const fresh: Links = {
    s: c.s,
    ofType: { smmuv3: [], vtd: [] },
    ofTypeOf: -1,
    group: [],
    iommu: [],
    capable: [],
  };
  c.links = fresh;
  return fresh;
}

export function groupOf(c: Ctx, dev: DeviceState): GroupState {
  const l = links(c);
  const g = l.group[dev.index];
  if (g !== undefined && g.id === dev.group) return g;
  const m = c.s.groups.get(dev.group);
  if (!m) throw new Error(`engine: unknown group ${dev.group}`);
  l.group[dev.index] = m;
  return m;
}

export function iommuOf(c: Ctx, dev: DeviceState): IommuState {
  const l = links(c);
  const u = l.iommu[dev.index];
  if (u !== undefined && u.id === dev.iommu) return u;
  const m = c.s.iommus.get(dev.iommu);
  if (!m) throw new Error(`engine: unknown iommu ${dev.iommu}`);
  l.iommu[dev.index] = m;
  return m;
}

/** The IOMMU instances driven by `type`, in SimState.iommus order (instances are made at boot only). */
export function iommusOfType(c: Ctx, type: IommuType): readonly IommuState[] {
  const l = links(c);
  if (l.ofTypeOf !== c.s.iommus.size) {
    l.ofType = { smmuv3: [], vtd: [] };
    for (const u of c.s.iommus.values()) l.ofType[u.type].push(u);
    l.ofTypeOf = c.s.iommus.size;
  }
  return l.ofType[type];
}

export function driverOf(c: Ctx, iommu: IommuState): IommuDriver {
  return c.drv[iommu.type];
}

/**
 * Devices per row of SimState.bonds keys, so a key stays a small integer: a Map hashes it without
 * building a `${dev}\u0000${proc}` string and hashing that on every bind and unbind.
 */
const BOND_STRIDE = LIMITS.devices;

/** SimState.bonds key of (device index, process index). */
export function bondKey(dev: DeviceState, p: ProcState): number {
  return p.index * BOND_STRIDE + dev.index;
}

/** The device index of a SimState.bonds key. */
export function bondDev(key: number): number {
  return key % BOND_STRIDE;
}

/** The process index (ProcState.index) of a SimState.bonds key. */
export function bondProc(key: number): number {
  return Math.floor(key / BOND_STRIDE);
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
 * detach walks them, so the list is kept in the Links: membership and device facts never change after
 * boot. The length check covers a group still being built at boot. Callers must not mutate it.
 */
export function capableMembersOf(c: Ctx, g: GroupState): readonly DeviceState[] {
  const l = links(c);
  const hit = l.capable[g.index];
  if (hit !== undefined && hit.size === g.devices.length) return hit.members;
  const members = membersOf(c, g).filter((d) => d.maxPasids > 0);
  l.capable[g.index] = { size: g.devices.length, members };
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
