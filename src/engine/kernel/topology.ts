/**
 * Boot: builds the kernel state from a validated scenario — IOMMU instances, probed devices with
 * max_pasids (R2–R4), iommu groups with their DMA-API default domains attached, processes.
 * Setup effects are not recorded (c.fx is null).
 */
import { createIda } from '../alloc/ida.ts';
import type { IommuDriver } from '../hw/driver.ts';
import { LIMITS } from '../scenario/types.ts';
import type { DeviceSpec, IommuType, Policy, Scenario } from '../scenario/types.ts';
import { platformEnqcmdLike } from './policyOps.ts';
import { PASID_SPACE } from './state.ts';
import type { Ctx, DeviceState, Domain, IommuState, SimState } from './state.ts';
import { blockingDomainId } from './lookup.ts';

/** Device-side PASID count (R2): PCI 1 << Max PASID Width; platform 1 << pasid-num-bits; absent → 0. */
function devicePasids(spec: DeviceSpec): number {
  // A shift, not 2 ** bits (parsing caps bits at 20): `**` yields a heap number, which would make
  // DeviceState.devPasids a boxed double field read through a pointer on every PASID-tagged DMA.
  return spec.pasidBits === undefined || spec.pasidBits === null ? 0 : 1 << spec.pasidBits;
}

function staticDomain(type: 'identity' | 'blocked', driver: IommuType): Domain {
  return {
    id: `${type}:${driver}`,
    type,
    driver,
    iommu: '',
    pasidCompat: true,
    mm: null,
    users: 0,
    defaultOf: null,
    live: true,
  };
}

function bdfOf(n: number): string {
  const hex = (v: number, w: number) => v.toString(16).padStart(w, '0');
  return `${hex((n >> 8) & 0xff, 2)}:${hex((n >> 3) & 0x1f, 2)}.${n & 7}`;
}

/** Stream IDs / BDFs "assigned in order" (spec §1.4), skipping values a device names explicitly. */
function assignIds(scenario: Scenario): Map<string, { sid: number; bdf: string }> {
  const out = new Map<string, { sid: number; bdf: string }>();
  const taken = new Map<string, Set<string>>();
  for (const d of scenario.devices) {
    const set = taken.get(d.iommu) ?? new Set<string>();
    if (d.sid !== undefined) set.add(`s${d.sid}`);
    if (d.bdf !== undefined) set.add(`b${d.bdf.toLowerCase()}`);
    taken.set(d.iommu, set);
  }
  const next = new Map<string, number>();
  for (const d of scenario.devices) {
    const set = taken.get(d.iommu) ?? new Set<string>();
    let n = next.get(d.iommu) ?? 0;
    let sid = d.sid;
    let bdf = d.bdf?.toLowerCase();
    while (sid === undefined || bdf === undefined) {
      // One counter per IOMMU drives both namespaces so a device's SID and BDF read alike (SID n, devfn n).
      if (sid === undefined && !set.has(`s${n}`)) sid = n;
      if (bdf === undefined && !set.has(`b${bdfOf(n + 8)}`)) bdf = bdfOf(n + 8);
      n++;
    }
    set.add(`s${sid}`).add(`b${bdf}`);
    next.set(d.iommu, n);
    out.set(d.id, { sid, bdf });
  }
  return out;
}

/** Builds and boots the state. Throws only on engine bugs: the scenario is already validated. */
export function bootState(scenario: Scenario, policy: Policy, drv: Readonly<Record<IommuType, IommuDriver>>): SimState {
  // SimState.bonds keys hold a device index below LIMITS.devices (lookup.ts bondKey).
  if (scenario.devices.length > LIMITS.devices) {
    throw new Error(`engine: ${scenario.devices.length} devices, more than the ${LIMITS.devices} a scenario may have`);
  }
  const arch = scenario.arch ?? 'arm64';
  const s: SimState = {
    policy,
    arch,
    enqcmdLike: platformEnqcmdLike(scenario),
    iommus: new Map(),
    devices: new Map(),
    groups: new Map(),
    domains: new Map(),
    procs: new Map(),
    globalIda: createIda(PASID_SPACE),
    kernelPasids: new Map(),
    driverIdas: new Map(),
    handles: new Map(),
    nextHandle: 1,
    bonds: new Map(),
    nextSvaDomain: 1,
    nextDevPasid: 0,
    smmuAsids: null,
  };
  const c: Ctx = { s, fx: null, drv };
  for (const type of ['smmuv3', 'vtd'] as const) {
    s.domains.set(blockingDomainId(type), staticDomain('blocked', type));
    s.domains.set(`identity:${type}`, staticDomain('identity', type));
  }
  scenario.iommus.forEach((spec, index) => {
    const d = drv[spec.type];
    const base = { id: spec.id, index, maxPasids: d.maxPasids(spec) };
    // createHw returns the hardware of the driver's own type; the discriminant ties them together.
    s.iommus.set(spec.id, { ...base, type: spec.type, hw: d.createHw(spec) } as IommuState);
  });
  const ids = assignIds(scenario);
  // A group's default domain type may be stated on any one member (the parser checks they agree),
  // not only on the first one probed.
  const identityGroups = new Set<string>();
  for (const d of scenario.devices) if (d.defaultDomain === 'identity') identityGroups.add(d.group ?? `grp:${d.id}`);
  scenario.devices.forEach((spec, index) => {
    const iommu = s.iommus.get(spec.iommu);
    const id = ids.get(spec.id);
    if (!iommu || !id) throw new Error(`engine: device ${spec.id} has no IOMMU`);
    const devPasids = devicePasids(spec);
    const dev: DeviceState = {
      id: spec.id,
      index,
      iommu: spec.iommu,
      group: spec.group ?? `grp:${spec.id}`,
      bus: spec.bus ?? 'pci',
      devPasids,
      maxPasids: Math.min(devPasids, iommu.maxPasids),
      enqcmd: spec.enqcmd ?? false,
      ats: spec.ats ?? false,
      pri: spec.pri ?? false,
      sid: id.sid,
      bdf: id.bdf,
    };
    s.devices.set(dev.id, dev);
    drv[iommu.type].probeDevice(c, iommu, dev);
    let g = s.groups.get(dev.group);
    if (!g) {
      const dflt: Domain = {
        id: `default:${dev.group}`,
        type: identityGroups.has(dev.group) ? 'identity' : 'paging',
        driver: iommu.type,
        iommu: iommu.id,
        pasidCompat: false,
        mm: null,
        users: 0,
        defaultOf: dev.group,
        live: true,
      };
      s.domains.set(dflt.id, dflt);
      g = {
        id: dev.group,
        index: s.groups.size,
        devices: [],
        domain: dflt.id,
        defaultDomain: dflt.id,
        owner: null,
        ownerCnt: 0,
        pasidArray: new Map(),
        resetting: new Set(),
      };
      s.groups.set(g.id, g);
    }
    g.devices.push(dev.id);
    const dflt = s.domains.get(g.defaultDomain);
    if (dflt) drv[iommu.type].attachDev(c, iommu, dev, dflt);
  });
  for (const p of scenario.processes) {
    s.procs.set(p.id, {
      id: p.id,
      index: s.procs.size,
      alive: true,
      mmLive: true,
      lam: p.lam ?? false,
      iommuMm: null,
      threads: Array.from({ length: p.threads ?? 1 }, () => ({ msr: null, activated: false })),
    });
  }
  return s;
}
