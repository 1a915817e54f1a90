/**
 * Test helpers: a tiny hand-built SimState with VT-d units, devices, domains and processes, a Ctx that
 * records effects, and a compact one-line form of each effect for exact-sequence assertions.
 * Used only by the *.test.ts files of this folder (no mocks: the real model runs underneath).
 */
import { createIda } from '../../alloc/ida.ts';
import { PASID_SPACE } from '../../kernel/state.ts';
import type { Ctx, DeviceState, Domain, DomainType, IommuState, ProcState, SimState } from '../../kernel/state.ts';
import type { IommuSpec } from '../../scenario/types.ts';
import type { Effect } from '../../trace/types.ts';
import type { DmaOutcome } from '../driver.ts';
import { vtdDriver } from './driver.ts';
import type { VtdHw } from './types.ts';

/** Device capabilities for addDevice (defaults: PCI, 20-bit PASID, no ATS/PRI, bdf 00:(n+2).0). */
export interface DevOpts {
  bdf?: string;
  /** PCI Max PASID Width; null = no PASID capability. Default 20. */
  pasidBits?: number | null;
  ats?: boolean;
  pri?: boolean;
  bus?: 'pci' | 'platform';
}

/** A hand-built kernel state with accessors that throw on unknown ids. */
export interface Kit {
  c: Ctx;
  s: SimState;
  unit(id?: string): IommuState;
  hw(id?: string): VtdHw;
  dev(id: string): DeviceState;
  dom(id: string): Domain;
}

/** A VT-d IommuState as the core builds it (max_pasids from the driver). */
export function vtdUnit(spec: Omit<IommuSpec, 'type'> & { id: string }, index = 0): IommuState {
  const full: IommuSpec = { ...spec, type: 'vtd' };
  const hw = vtdDriver.createHw(full);
  if (hw.kind !== 'vtd') throw new Error('expected VT-d hardware');
  return { id: spec.id, type: 'vtd', index, maxPasids: vtdDriver.maxPasids(full), hw };
}

/** A booted kernel state with the given units; devices and domains are added with the helpers below. */
export function kit(units: IommuState[] = [vtdUnit({ id: 'dmar0' })], procs: string[] = ['P1', 'P2']): Kit {
  const s: SimState = {
    policy: 'global',
    arch: 'x86',
    enqcmdLike: true,
    iommus: new Map(units.map((u) => [u.id, u])),
    devices: new Map(),
    groups: new Map(),
    domains: new Map(),
    procs: new Map(
      procs.map((id, index): [string, ProcState] => [
        id,
        { id, index, alive: true, mmLive: true, lam: false, iommuMm: null, threads: [] },
      ])
    ),
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
  const c: Ctx = { s, fx: [], drv: { smmuv3: vtdDriver, vtd: vtdDriver } };
  const get = <T>(m: Map<string, T>, id: string, what: string): T => {
    const v = m.get(id);
    if (v === undefined) throw new Error(`testkit: no ${what} ${id}`);
    return v;
  };
  return {
    c,
    s,
    unit: (id = 'dmar0') => get(s.iommus, id, 'iommu'),
    hw(id = 'dmar0') {
      const u = get(s.iommus, id, 'iommu');
      if (u.type !== 'vtd') throw new Error('not VT-d');
      return u.hw;
    },
    dev: (id) => get(s.devices, id, 'device'),
    dom: (id) => get(s.domains, id, 'domain'),
  };
}

/** Adds a domain (paging/identity/blocked on `iommu`, or SVA for process `mm`). */
export function addDomain(k: Kit, id: string, type: DomainType, iommu = 'dmar0', mm: string | null = null): Domain {
  const d: Domain = { id, type, driver: 'vtd', iommu, pasidCompat: true, mm, users: 0, defaultOf: null, live: true };
  k.s.domains.set(id, d);
  return d;
}

/**
 * Adds and probes a device, then attaches `rid` (default: a fresh paging domain "def:<id>") to its RID,
 * as the core does at boot: effects of both are not recorded.
 */
export function addDevice(k: Kit, id: string, o: DevOpts = {}, iommu = 'dmar0', rid?: Domain): DeviceState {
  const unit = k.unit(iommu);
  const bits = o.pasidBits === undefined ? 20 : o.pasidBits;
  const devPasids = bits === null ? 0 : 2 ** bits;
  const dev: DeviceState = {
    id,
    index: k.s.devices.size,
    iommu,
    group: `grp:${id}`,
    bus: o.bus ?? 'pci',
    devPasids,
    maxPasids: Math.min(devPasids, unit.maxPasids),
    enqcmd: false,
    ats: o.ats ?? false,
    pri: o.pri ?? false,
    sid: k.s.devices.size,
    bdf: o.bdf ?? `00:${(k.s.devices.size + 2).toString(16).padStart(2, '0')}.0`,
  };
  k.s.devices.set(id, dev);
  const saved = k.c.fx;
  k.c.fx = null;
  vtdDriver.probeDevice(k.c, unit, dev);
  const err = vtdDriver.attachDev(k.c, unit, dev, rid ?? addDomain(k, `def:${id}`, 'paging', iommu));
  k.c.fx = saved;
  if (err !== null) throw new Error(`testkit: default attach failed: ${err}`);
  return dev;
}

/** One effect as a line: `W PASIDTE[00:02.0][3] P=true …`, `D PC g=1 did=1 pasid=3`, `F VTD_0x59 …`. */
export function show(e: Effect): string {
  const kv = (o: Record<string, unknown>) =>
    Object.entries(o)
      .map(([key, v]) => `${key}=${String(v)}`)
      .join(' ');
  switch (e.kind) {
    case 'write':
      return `W ${e.entry} ${kv(e.fields)}`;
    case 'desc':
      return `D ${e.name} ${kv(e.args)}`;
    case 'fault':
      return `F ${e.name} ${kv(e.args)}`;
    case 'cmd':
    case 'event':
      return `${e.kind} ${e.name} ${kv(e.args)}`;
    case 'msr':
      return `msr ${e.proc}`;
  }
}

/** The effects recorded since the last call, as lines, and a fresh sink. */
export function take(k: Kit): string[] {
  const out = (k.c.fx ?? []).map(show);
  k.c.fx = [];
  return out;
}

/** The fault of a DMA outcome, or null when it succeeded. */
export function faultOf(o: DmaOutcome): string | null {
  return o.ok ? null : o.fault;
}
