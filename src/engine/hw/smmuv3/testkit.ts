/**
 * Test support: a tiny hand-built SimState around one or two SMMUv3 instances, driven through the real
 * smmuv3Driver (no mocks), and a one-line text form of effects so tests can assert exact sequences.
 */
import { createIda } from '../../alloc/ida.ts';
import type { Ctx, DeviceState, Domain, DomainType, IommuState, SimState } from '../../kernel/state.ts';
import type { IommuSpec } from '../../scenario/types.ts';
import type { Effect } from '../../trace/types.ts';
import { smmuv3Driver } from './driver.ts';
import type { SmmuHw } from './types.ts';

export interface Kit {
  c: Ctx;
  /** The first SMMU ("smmu0") and its hardware. */
  iommu: IommuState;
  hw: SmmuHw;
  /** Adds another SMMU instance. */
  addIommu(spec: Omit<IommuSpec, 'type'>): IommuState;
  /** Adds and probes a device (effects of the probe are dropped, as the core's boot does). */
  device(id: string, opts?: Partial<DeviceState> & { pasidBits?: number | null }): DeviceState;
  domain(id: string, type: DomainType, opts?: Partial<Domain>): Domain;
  proc(id: string, alive?: boolean): void;
  /** The effects recorded since the last call, as text lines; clears them. */
  take(): string[];
}

const num = (v: unknown): string => (typeof v === 'boolean' ? (v ? '1' : '0') : String(v));

/** One effect as a line: `STE[16] ← V=1 Config=5`, `CFGI_CD sid=16 ssid=3 leaf=1`, `SYNC`, `event …`. */
export function fmtEffect(e: Effect): string {
  switch (e.kind) {
    case 'write':
      return `${e.entry} ← ${Object.entries(e.fields)
        .map(([k, v]) => `${k}=${num(v)}`)
        .join(' ')}`;
    case 'cmd':
    case 'desc': {
      const args = Object.entries(e.args).map(([k, v]) => `${k}=${num(v)}`);
      return [e.name, ...args].join(' ');
    }
    case 'event':
    case 'fault':
      return `${e.kind} ${e.name} ${Object.entries(e.args)
        .map(([k, v]) => `${k}=${num(v)}`)
        .join(' ')}`;
    case 'msr':
      return `msr ${e.proc}/${e.thread} ${e.pasid}`;
  }
}

function makeIommu(s: SimState, spec: Omit<IommuSpec, 'type'>): IommuState {
  const full: IommuSpec = { ...spec, type: 'smmuv3' };
  const iommu: IommuState = {
    id: spec.id,
    type: 'smmuv3',
    index: s.iommus.size,
    maxPasids: smmuv3Driver.maxPasids(full),
    hw: smmuv3Driver.createHw(full) as SmmuHw,
  };
  s.iommus.set(iommu.id, iommu);
  return iommu;
}

/** A kit with "smmu0" built from `spec` (ssidBits, cdTable). */
export function kit(spec: Partial<Omit<IommuSpec, 'type' | 'id'>> = {}): Kit {
  const s: SimState = {
    policy: 'global',
    arch: 'arm64',
    enqcmdLike: false,
    iommus: new Map(),
    devices: new Map(),
    groups: new Map(),
    domains: new Map(),
    procs: new Map(),
    globalIda: createIda(1 << 20),
    kernelPasids: new Map(),
    driverIdas: new Map(),
    handles: new Map(),
    nextHandle: 1,
    bonds: new Map(),
    nextSvaDomain: 1,
    nextDevPasid: 0,
    smmuAsids: null,
  };
  const fx: Effect[] = [];
  const c: Ctx = { s, fx, drv: { smmuv3: smmuv3Driver, vtd: smmuv3Driver } };
  const iommu = makeIommu(s, { id: 'smmu0', ...spec });
  return {
    c,
    iommu,
    hw: iommu.hw as SmmuHw,
    addIommu: (more) => makeIommu(s, more),
    device(id, { pasidBits, ...opts } = {}) {
      const owner = s.iommus.get(opts.iommu ?? 'smmu0') ?? iommu;
      const bits = pasidBits === undefined ? 20 : pasidBits;
      const devPasids = bits === null ? 0 : 2 ** bits;
      const dev: DeviceState = {
        id,
        index: s.devices.size,
        iommu: owner.id,
        group: `grp:${id}`,
        bus: 'pci',
        devPasids,
        maxPasids: Math.min(devPasids, owner.maxPasids),
        enqcmd: false,
        ats: false,
        pri: false,
        sid: s.devices.size,
        bdf: '00:00.0',
        ...opts,
      };
      s.devices.set(id, dev);
      const saved = c.fx;
      c.fx = null;
      smmuv3Driver.probeDevice(c, owner, dev);
      c.fx = saved;
      return dev;
    },
    domain(id, type, opts = {}) {
      const dom: Domain = {
        id,
        type,
        driver: 'smmuv3',
        iommu: 'smmu0',
        pasidCompat: true,
        mm: null,
        users: 0,
        defaultOf: null,
        live: true,
        ...opts,
      };
      s.domains.set(id, dom);
      return dom;
    },
    proc(id, alive = true) {
      s.procs.set(id, { id, index: s.procs.size, alive, mmLive: true, lam: false, iommuMm: null, threads: [] });
    },
    take() {
      const lines = fx.map(fmtEffect);
      fx.length = 0;
      return lines;
    },
  };
}
