/**
 * Reads the engine's SimState into frame rows. Pure functions over plain data; no posting here.
 */
import type { Domain, SimState } from '../engine/index.ts';
import { idaToArray } from '../engine/alloc/ida.ts';
import { MSR_STRIDE, NO_PASID, PROC_FLAG, RID } from '../protocol/index.ts';
import type { DomainInfo, RidState, Topology } from '../protocol/index.ts';

type GroupState = SimState['groups'] extends Map<string, infer G> ? G : never;
type ProcState = SimState['procs'] extends Map<string, infer P> ? P : never;

/** Builds the static topology (names, limits) from the state right after create/replay. */
export function readTopology(s: Readonly<SimState>): Topology {
  const groups = [...s.groups.keys()];
  const groupIndex = new Map(groups.map((g, i) => [g, i]));
  const devices = [...s.devices.values()]
    .sort((a, b) => a.index - b.index)
    .map((d) => ({
      id: d.id,
      iommu: d.iommu,
      group: groupIndex.get(d.group) ?? 0,
      bus: d.bus,
      maxPasids: d.maxPasids,
      enqcmd: d.enqcmd,
      ats: d.ats,
      pri: d.pri,
      sid: d.sid,
      bdf: d.bdf,
    }));
  const devIndex = new Map(devices.map((d, i) => [d.id, i]));
  return {
    iommus: [...s.iommus.values()].map((m) => ({ id: m.id, type: m.type, maxPasids: m.maxPasids })),
    devices,
    groups,
    groupDevices: groups.map((g) => (s.groups.get(g)?.devices ?? []).map((d) => devIndex.get(d) ?? 0)),
    procs: [...s.procs.values()].map((p) => ({ id: p.id, threads: p.threads.length })),
    arch: s.arch,
    enqcmdLike: s.enqcmdLike,
  };
}

/** The RID-side state of `devId` in `group` (see protocol RID). */
export function ridState(s: Readonly<SimState>, group: GroupState, devId: string): RidState {
  if (group.resetting.has(devId)) return 'resetting';
  const dom = s.domains.get(group.domain);
  const isDefault = group.domain === group.defaultDomain;
  if (!isDefault && dom && dom.type !== 'blocked') return 'userDomain';
  if (group.owner !== null) return 'userOwned';
  if (isDefault) return dom?.type === 'identity' ? 'identity' : 'default';
  return 'blocked';
}

/** RID code for a state name. */
export function ridCode(r: RidState): number {
  return RID[r];
}

/** Sorted (pasid, sva, domain) entries of a group's pasid_array. */
export function groupPasids(g: GroupState): { pasid: number; sva: boolean; domain: string }[] {
  return [...g.pasidArray.entries()]
    .map(([pasid, e]) => ({ pasid, sva: e.handle !== null, domain: e.domain }))
    .sort((a, b) => a.pasid - b.pasid);
}

/** PROC_FLAG bits of a process. */
export function procFlags(p: ProcState): number {
  return (p.alive ? PROC_FLAG.alive : 0) | (p.mmLive ? PROC_FLAG.mmLive : 0) | (p.lam ? PROC_FLAG.lam : 0);
}

/** mm_get_enqcmd_pasid(), as the engine's final state reports it (driver-managed binds stay invisible). */
export function enqcmdPasid(p: ProcState): number {
  const mm = p.iommuMm;
  if (!p.mmLive || !mm || !mm.enqcmdVisible) return NO_PASID;
  return mm.pasid;
}

/** Writes a process's thread MSRs into `out[at .. at + MSR_STRIDE)`. */
export function writeMsrs(p: ProcState, out: Int32Array, at: number): void {
  for (let t = 0; t < MSR_STRIDE; t++) {
    const th = p.threads[t];
    out[at + t] = th && th.msr !== null ? th.msr : NO_PASID;
  }
}

/** Whether the UI lists `d` (a freed SVA domain is gone). */
export function listed(d: Domain): boolean {
  return d.type !== 'sva' || d.live;
}

/** `d` as the UI lists it. */
export function domainInfo(d: Domain): DomainInfo {
  return { id: d.id, type: d.type, iommu: d.iommu, pasidCompat: d.pasidCompat, mm: d.mm, defaultOf: d.defaultOf };
}

/** The global IDA's allocated PASIDs (ascending, without the reserved 0). */
export function readGlobalPasids(s: Readonly<SimState>): number[] {
  return idaToArray(s.globalIda).filter((p) => p >= 1);
}
