/**
 * Differ: remembers what the client was last told and turns the current SimState into a frame
 * delta with only the rows that changed. One Differ per epoch (a full frame starts a new one).
 *
 * Given the engine's record of what the steps since the last call touched (Touched), it re-reads
 * only those processes, groups, bonds and domains; without one it scans everything (10,000
 * processes in the bench scenario: most of a step's cost). Both give the same sections, in the
 * same order: rows by index, bonds by key, domains in the order SimState.domains holds them.
 */
import { bondDev, bondProc } from '../engine/index.ts';
import type { SimState, Touched } from '../engine/index.ts';
import { MSR_STRIDE, NO_PASID } from '../protocol/index.ts';
import type {
  BondColumns,
  DeviceColumns,
  FrameDelta,
  GroupColumns,
  ProcColumns,
  ProcInfo,
  Topology,
} from '../protocol/index.ts';
import { DomainDiffer } from './domainDiffer.ts';
import {
  enqcmdPasid,
  groupPasids,
  procFlags,
  readGlobalPasids,
  readTopology,
  ridCode,
  ridState,
  writeMsrs,
} from './read.ts';

type Sections = Pick<
  FrameDelta,
  'devices' | 'groups' | 'procs' | 'bonds' | 'globalPasids' | 'domains' | 'removedDomains' | 'newProcs'
>;

/** What the client was last told about a group. */
interface GroupRow {
  /** group->domain (the RID domain): a change re-derives its devices' RID state. */
  domain: string;
  owner: string | null;
  ownerCnt: number;
  resetting: number;
  /** pasid, domain, sva (handle !== null) per pasid_array entry, in Map order. */
  pasids: number[];
  domains: string[];
  sva: boolean[];
}

type GroupState = SimState['groups'] extends Map<string, infer G> ? G : never;
type ProcState = SimState['procs'] extends Map<string, infer P> ? P : never;

function groupRow(g: GroupState): GroupRow {
  const row: GroupRow = {
    domain: g.domain,
    owner: g.owner,
    ownerCnt: g.ownerCnt,
    resetting: g.resetting.size,
    pasids: [],
    domains: [],
    sva: [],
  };
  for (const [pasid, e] of g.pasidArray) {
    row.pasids.push(pasid);
    row.domains.push(e.domain);
    row.sva.push(e.handle !== null);
  }
  return row;
}

/** Structural compare without building strings: most groups have no PASIDs and never change. */
function sameGroup(prev: GroupRow | null | undefined, g: GroupState): boolean {
  if (
    !prev ||
    prev.domain !== g.domain ||
    prev.owner !== g.owner ||
    prev.ownerCnt !== g.ownerCnt ||
    prev.resetting !== g.resetting.size
  )
    return false;
  if (prev.pasids.length !== g.pasidArray.size) return false;
  let k = 0;
  for (const [pasid, e] of g.pasidArray) {
    if (prev.pasids[k] !== pasid || prev.domains[k] !== e.domain || prev.sva[k] !== (e.handle !== null)) return false;
    k += 1;
  }
  return true;
}

function sameNumbers(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

interface BondRow {
  pasid: number;
  users: number;
}

export class Differ {
  readonly topology: Topology;
  private readonly devIndex = new Map<string, number>();
  private readonly groupIndex = new Map<string, number>();
  private readonly procIndex = new Map<string, number>();
  private readonly procIds: string[] = [];
  private rid: Uint8Array;
  private ridDomain: string[];
  private groupPrev: GroupRow[];
  private procFlags = new Uint8Array(0);
  private procPasid = new Int32Array(0);
  private procMmPasid = new Int32Array(0);
  private procMsr = new Int32Array(0);
  private bonds = new Map<number, BondRow>();
  private globals: readonly number[] = [];
  private readonly domains = new DomainDiffer();
  /** Whether a full scan ran: before it there is nothing for a Touched record to be relative to. */
  private scanned = false;

  constructor(s: Readonly<SimState>) {
    this.topology = readTopology(s);
    this.topology.devices.forEach((d, i) => this.devIndex.set(d.id, i));
    this.topology.groups.forEach((g, i) => this.groupIndex.set(g, i));
    for (const p of this.topology.procs) this.addProc(p.id);
    this.rid = new Uint8Array(this.topology.devices.length).fill(255);
    this.ridDomain = new Array<string>(this.topology.devices.length).fill('');
    this.groupPrev = new Array<GroupRow | null>(this.topology.groups.length).fill(null) as GroupRow[];
  }

  private addProc(id: string): number {
    const i = this.procIds.length;
    this.procIndex.set(id, i);
    this.procIds.push(id);
    if (i >= this.procFlags.length) {
      const cap = Math.max(16, this.procFlags.length * 2);
      this.procFlags = grow(this.procFlags, new Uint8Array(cap), 255);
      this.procPasid = grow(this.procPasid, new Int32Array(cap), -2);
      this.procMmPasid = grow(this.procMmPasid, new Int32Array(cap), -2);
      this.procMsr = grow(this.procMsr, new Int32Array(cap * MSR_STRIDE), -2);
    }
    return i;
  }

  /**
   * Sections for everything that changed since the last call (the first call returns everything).
   * `touched`: what the steps applied since the last call touched (Simulation.trackChanges), or
   * null/omitted to scan everything. It must cover every one of those steps.
   */
  diff(s: Readonly<SimState>, touched?: Touched | null): Sections {
    const t = this.scanned ? (touched ?? null) : null;
    this.scanned = true;
    const out: Sections = {};
    const newProcs = this.diffNewProcs(s);
    if (newProcs.length > 0) out.newProcs = newProcs;
    const changedGroups: number[] = [];
    const groups = this.diffGroups(s, changedGroups, t && sortedIndices(t.groups, this.groupIndex));
    if (groups) out.groups = groups;
    const devices = this.diffDevices(s, changedGroups);
    if (devices) out.devices = devices;
    const procs = this.diffProcs(s, t && sortedIndices(t.procs, this.procIndex));
    if (procs) out.procs = procs;
    const bonds = this.diffBonds(s, t && t.bonds);
    if (bonds) out.bonds = bonds;
    if (!t || t.globals) {
      const globals = readGlobalPasids(s);
      if (!sameNumbers(globals, this.globals)) {
        this.globals = globals;
        out.globalPasids = Uint32Array.from(globals);
      }
    }
    this.domains.diff(s, t && t.domains, out);
    return out;
  }

  private diffNewProcs(s: Readonly<SimState>): ProcInfo[] {
    const added: ProcInfo[] = [];
    if (s.procs.size === this.procIds.length) return added;
    for (const p of s.procs.values()) {
      if (this.procIndex.has(p.id)) continue;
      this.addProc(p.id);
      added.push({ id: p.id, threads: p.threads.length });
    }
    return added;
  }

  /** RID state only changes with its group (domain, owner, reset), so only those groups' devices are read. */
  private diffDevices(s: Readonly<SimState>, changedGroups: readonly number[]): DeviceColumns | null {
    const idx: number[] = [];
    const rid: number[] = [];
    const doms: string[] = [];
    for (const gi of changedGroups) {
      const g = s.groups.get(this.topology.groups[gi] ?? '');
      if (!g) continue;
      for (const i of this.topology.groupDevices[gi] ?? []) {
        const id = this.topology.devices[i]?.id ?? '';
        const r = ridCode(ridState(s, g, id));
        if (r === this.rid[i] && g.domain === this.ridDomain[i]) continue;
        this.rid[i] = r;
        this.ridDomain[i] = g.domain;
        idx.push(i);
        rid.push(r);
        doms.push(g.domain);
      }
    }
    if (idx.length === 0) return null;
    return { index: Uint32Array.from(idx), rid: Uint8Array.from(rid), ridDomain: doms };
  }

  /** `only`: the group rows to re-read (ascending), or null for all. */
  private diffGroups(s: Readonly<SimState>, changed: number[], only: readonly number[] | null): GroupColumns | null {
    const idx: number[] = [];
    const owner: (string | null)[] = [];
    const cnt: number[] = [];
    const resetting: number[] = [];
    const offsets: number[] = [0];
    const pasids: number[] = [];
    const sva: number[] = [];
    const pdom: string[] = [];
    const visit = (g: GroupState, i: number): void => {
      if (sameGroup(this.groupPrev[i], g)) return;
      this.groupPrev[i] = groupRow(g);
      changed.push(i);
      idx.push(i);
      owner.push(g.owner);
      cnt.push(g.ownerCnt);
      resetting.push(g.resetting.size);
      for (const e of groupPasids(g)) {
        pasids.push(e.pasid);
        sva.push(e.sva ? 1 : 0);
        pdom.push(e.domain);
      }
      offsets.push(pasids.length);
    };
    if (only) {
      for (const i of only) {
        const g = s.groups.get(this.topology.groups[i] ?? '');
        if (g) visit(g, i);
      }
    } else {
      for (const g of s.groups.values()) {
        const i = this.groupIndex.get(g.id);
        if (i !== undefined) visit(g, i);
      }
    }
    if (idx.length === 0) return null;
    return {
      index: Uint32Array.from(idx),
      owner,
      ownerCnt: Uint32Array.from(cnt),
      resetting: Uint32Array.from(resetting),
      offsets: Uint32Array.from(offsets),
      pasids: Uint32Array.from(pasids),
      pasidSva: Uint8Array.from(sva),
      pasidDomain: pdom,
    };
  }

  /** `only`: the process rows to re-read (ascending), or null for all. */
  private diffProcs(s: Readonly<SimState>, only: readonly number[] | null): ProcColumns | null {
    const idx: number[] = [];
    if (only) {
      for (const i of only) {
        const p = s.procs.get(this.procIds[i] ?? '');
        if (p && this.procChanged(p, i)) idx.push(i);
      }
    } else {
      // The full scan's hot loop (one pass over every process): no allocation, no string keys
      // when the state's Map order matches our rows (it does unless a process was removed).
      let k = -1;
      for (const p of s.procs.values()) {
        k += 1;
        const i = this.procIds[k] === p.id ? k : (this.procIndex.get(p.id) ?? -1);
        if (i >= 0 && this.procChanged(p, i)) idx.push(i);
      }
    }
    if (idx.length === 0) return null;
    const n = idx.length;
    const out: ProcColumns = {
      index: Uint32Array.from(idx),
      flags: new Uint8Array(n),
      pasid: new Int32Array(n),
      mmPasid: new Int32Array(n),
      msr: new Int32Array(n * MSR_STRIDE),
    };
    idx.forEach((i, k) => {
      out.flags[k] = this.procFlags[i]!;
      out.pasid[k] = this.procPasid[i]!;
      out.mmPasid[k] = this.procMmPasid[i]!;
      out.msr.set(this.procMsr.subarray(i * MSR_STRIDE, (i + 1) * MSR_STRIDE), k * MSR_STRIDE);
    });
    return out;
  }

  /** Updates process row `i` from `p`; whether it changed. */
  private procChanged(p: ProcState, i: number): boolean {
    const flags = procFlags(p);
    const pasid = enqcmdPasid(p);
    // `| 0`: IOMMU_PASID_INVALID (0xffffffff, an mm bind_pasid made) reads back from the Int32Array
    // as -1; compared unconverted, that process would count as changed in every frame.
    const mmPasid = p.iommuMm ? p.iommuMm.pasid | 0 : NO_PASID;
    const base = i * MSR_STRIDE;
    let same = flags === this.procFlags[i] && pasid === this.procPasid[i] && mmPasid === this.procMmPasid[i];
    for (let t = 0; same && t < p.threads.length && t < MSR_STRIDE; t++) {
      const m = p.threads[t]!.msr;
      same = (m === null ? NO_PASID : m) === this.procMsr[base + t];
    }
    if (same) return false;
    this.procFlags[i] = flags;
    this.procPasid[i] = pasid;
    this.procMmPasid[i] = mmPasid;
    writeMsrs(p, this.procMsr, base);
    return true;
  }

  /**
   * Bonds made, changed or gone, by key (the client keys them by device and process, so the order
   * is free; a fixed one lets the touched path match the full scan). `only`: the keys to re-read,
   * or null for all.
   */
  private diffBonds(s: Readonly<SimState>, only: ReadonlySet<number> | null): BondColumns | null {
    const keys: number[] = [];
    if (only) {
      for (const key of only) {
        const handles = s.bonds.get(key);
        if (handles && handles.length > 0) {
          if (this.bondChanged(s, key, handles)) keys.push(key);
        } else if (this.bonds.delete(key)) keys.push(key);
      }
    } else {
      const seen = new Set<number>();
      for (const [key, handles] of s.bonds) {
        if (handles.length === 0) continue;
        seen.add(key);
        if (this.bondChanged(s, key, handles)) keys.push(key);
      }
      for (const key of this.bonds.keys()) {
        if (seen.has(key)) continue;
        this.bonds.delete(key);
        keys.push(key);
      }
    }
    if (keys.length === 0) return null;
    keys.sort((a, b) => a - b);
    const n = keys.length;
    const out: BondColumns = {
      dev: new Uint32Array(n),
      proc: new Uint32Array(n),
      pasid: new Int32Array(n),
      users: new Uint32Array(n),
    };
    keys.forEach((key, k) => {
      const [d, p] = this.bondIndex(key);
      const row = this.bonds.get(key);
      out.dev[k] = d;
      out.proc[k] = p;
      out.pasid[k] = row ? row.pasid : NO_PASID;
      out.users[k] = row ? row.users : 0;
    });
    return out;
  }

  /** Updates the row of bond `key` (non-empty `handles`); whether it changed. */
  private bondChanged(s: Readonly<SimState>, key: number, handles: readonly number[]): boolean {
    const last = s.handles.get(handles[handles.length - 1]!);
    const pasid = last ? last.pasid : NO_PASID;
    const prev = this.bonds.get(key);
    if (prev && prev.pasid === pasid && prev.users === handles.length) return false;
    const [d, p] = this.bondIndex(key);
    if (d < 0 || p < 0) return false;
    this.bonds.set(key, { pasid, users: handles.length });
    return true;
  }

  /** Engine device and process indices are our row indices: both follow the state's Map order. */
  private bondIndex(key: number): [number, number] {
    const d = bondDev(key);
    const p = bondProc(key);
    return [d < this.topology.devices.length ? d : -1, p < this.procIds.length ? p : -1];
  }
}

/** Row indices of `ids` (those we have a row for), ascending: the order a full scan visits them. */
function sortedIndices(ids: ReadonlySet<string>, index: ReadonlyMap<string, number>): number[] {
  const out: number[] = [];
  for (const id of ids) {
    const i = index.get(id);
    if (i !== undefined) out.push(i);
  }
  return out.sort((a, b) => a - b);
}

function grow<T extends Uint8Array | Int32Array>(old: T, fresh: T, fill: number): T {
  fresh.fill(fill);
  fresh.set(old);
  return fresh;
}
