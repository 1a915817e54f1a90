/**
 * SimModel: the main thread's read-only mirror of what the worker has reported, built by
 * merging frame deltas. Columns stay typed arrays; readers below give per-entity views.
 * Only the client writes it (through `apply`); views, stores and machines read it.
 */
import type { Policy, Step, StepResult } from '../engine/index.ts';
import { MSR_STRIDE, NO_PASID, PROC_FLAG, RID_NAMES } from '../protocol/index.ts';
import type { DomainInfo, FrameDelta, ProcInfo, Topology } from '../protocol/index.ts';
import type { Bond, ChangeSet, DeviceView, GroupView, PasidEntry, ProcView } from './modelViews.ts';

const orNull = (v: number | undefined): number | null => (v === undefined || v === NO_PASID ? null : v);

/**
 * The merged frames. Read it through the accessors (`device`, `groupOf`, `proc`, `bond`, …);
 * the columns are mutated in place on every frame, so select primitives in React.
 * @example
 * const bond = client.model.bond('accel0', 'P1'); // { pasid: 1, users: 1 } or undefined
 */
export class SimModel {
  epoch = -1;
  seq = -1;
  cursor = 0;
  length = 0;
  policy: Policy = 'global';
  topology: Topology | null = null;
  /** Results of the applied steps, index = step index. */
  readonly log: StepResult[] = [];
  /** The applied steps themselves, parallel to `log`. */
  readonly logSteps: Step[] = [];
  globalPasids: Uint32Array = new Uint32Array(0);
  private domainById = new Map<string, DomainInfo>();
  /** `domains`, built on first read after a frame changed them (null: not built yet). */
  private domainList: DomainInfo[] | null = [];
  private deviceIndex = new Map<string, number>();
  private procIndex = new Map<string, number>();
  private procs: ProcInfo[] = [];
  private rid = new Uint8Array(0);
  private ridDomain: string[] = [];
  private groupOwner: (string | null)[] = [];
  private groupOwnerCnt: number[] = [];
  private groupResetting: number[] = [];
  private groupPasids: PasidEntry[][] = [];
  private procFlags = new Uint8Array(0);
  private procPasid = new Int32Array(0);
  private procMmPasid = new Int32Array(0);
  private procMsr = new Int32Array(0);
  private bonds = new Map<number, Map<number, Bond>>();
  /** Number of entries in `bonds`, kept as they come and go (read on every frame). */
  private bondTotal = 0;

  /**
   * Merges a frame and records what changed into `changes`.
   * @returns false when the frame is stale (older epoch) and was ignored.
   */
  apply(f: FrameDelta, changes: ChangeSet): boolean {
    if (f.full) {
      if (!f.topology) return false; // full frames always win: a restarted worker counts epochs from 1 again
      // The log prefix the worker says is unchanged survives the new epoch (see FrameDelta.log).
      const kept = Math.min(this.log.length, f.log?.from ?? 0);
      this.log.length = kept;
      this.logSteps.length = kept;
      this.reset(f.topology);
      changes.full = true;
    } else if (f.epoch !== this.epoch || f.seq <= this.seq) {
      return false;
    }
    this.epoch = f.epoch;
    this.seq = f.seq;
    this.cursor = f.cursor;
    this.length = f.length;
    this.policy = f.policy;
    if (f.newProcs) for (const p of f.newProcs) this.addProc(p, changes);
    if (f.log) {
      this.log.length = Math.min(this.log.length, f.log.from);
      this.logSteps.length = this.log.length;
      for (const r of f.log.results) this.log.push(r);
      for (const s of f.log.steps) this.logSteps.push(s);
      changes.log = true;
    }
    this.applyDevices(f, changes);
    this.applyGroups(f, changes);
    this.applyProcs(f, changes);
    this.applyBonds(f, changes);
    if (f.globalPasids) {
      this.globalPasids = f.globalPasids;
      changes.globals = true;
    }
    if (f.domains || f.removedDomains) {
      for (const id of f.removedDomains ?? []) this.domainById.delete(id);
      for (const d of f.domains ?? []) this.domainById.set(d.id, d);
      // Most steps bind or unbind an SVA domain: the list of thousands is built only when read.
      this.domainList = null;
      changes.domains = true;
    }
    return true;
  }

  private reset(t: Topology): void {
    this.topology = t;
    this.globalPasids = new Uint32Array(0);
    this.domainList = [];
    this.domainById = new Map();
    this.deviceIndex = new Map(t.devices.map((d, i) => [d.id, i]));
    this.rid = new Uint8Array(t.devices.length);
    this.ridDomain = new Array<string>(t.devices.length).fill('');
    const g = t.groups.length;
    this.groupOwner = new Array<string | null>(g).fill(null);
    this.groupOwnerCnt = new Array<number>(g).fill(0);
    this.groupResetting = new Array<number>(g).fill(0);
    this.groupPasids = Array.from({ length: g }, () => []);
    this.procIndex = new Map();
    this.procs = [];
    this.procFlags = new Uint8Array(0);
    this.procPasid = new Int32Array(0);
    this.procMmPasid = new Int32Array(0);
    this.procMsr = new Int32Array(0);
    this.bonds = new Map();
    this.bondTotal = 0;
    for (const p of t.procs) this.addProc(p, null);
  }

  private addProc(p: ProcInfo, changes: ChangeSet | null): void {
    const i = this.procs.length;
    this.procs.push(p);
    this.procIndex.set(p.id, i);
    if (i >= this.procFlags.length) {
      const cap = Math.max(16, this.procFlags.length * 2);
      const grow = <T extends Uint8Array | Int32Array>(old: T, fresh: T): T => {
        fresh.fill(NO_PASID);
        fresh.set(old);
        return fresh;
      };
      this.procFlags = grow(this.procFlags, new Uint8Array(cap));
      this.procPasid = grow(this.procPasid, new Int32Array(cap));
      this.procMmPasid = grow(this.procMmPasid, new Int32Array(cap));
      this.procMsr = grow(this.procMsr, new Int32Array(cap * MSR_STRIDE));
    }
    this.procFlags[i] = PROC_FLAG.alive | PROC_FLAG.mmLive;
    changes?.procs.add(i);
  }

  private applyDevices(f: FrameDelta, changes: ChangeSet): void {
    const d = f.devices;
    if (!d) return;
    d.index.forEach((i, k) => {
      this.rid[i] = d.rid[k]!;
      this.ridDomain[i] = d.ridDomain[k] ?? '';
      changes.devices.add(i);
    });
  }

  private applyGroups(f: FrameDelta, changes: ChangeSet): void {
    const g = f.groups;
    if (!g) return;
    g.index.forEach((i, k) => {
      this.groupOwner[i] = g.owner[k] ?? null;
      this.groupOwnerCnt[i] = g.ownerCnt[k]!;
      this.groupResetting[i] = g.resetting[k]!;
      const list: PasidEntry[] = [];
      for (let j = g.offsets[k]!; j < g.offsets[k + 1]!; j++) {
        list.push({ pasid: g.pasids[j]!, sva: g.pasidSva[j] === 1, domain: g.pasidDomain[j] ?? '' });
      }
      this.groupPasids[i] = list;
      changes.groups.add(i);
      for (const dev of this.topology?.groupDevices[i] ?? []) changes.devices.add(dev);
    });
  }

  private applyProcs(f: FrameDelta, changes: ChangeSet): void {
    const p = f.procs;
    if (!p) return;
    p.index.forEach((i, k) => {
      this.procFlags[i] = p.flags[k]!;
      this.procPasid[i] = p.pasid[k]!;
      this.procMmPasid[i] = p.mmPasid[k]!;
      this.procMsr.set(p.msr.subarray(k * MSR_STRIDE, (k + 1) * MSR_STRIDE), i * MSR_STRIDE);
      changes.procs.add(i);
    });
  }

  private applyBonds(f: FrameDelta, changes: ChangeSet): void {
    const b = f.bonds;
    if (!b) return;
    b.dev.forEach((d, k) => {
      const p = b.proc[k]!;
      const pasid = b.pasid[k]!;
      let row = this.bonds.get(d);
      if (pasid === NO_PASID) {
        if (row?.delete(p)) this.bondTotal--;
      } else {
        if (!row) this.bonds.set(d, (row = new Map<number, Bond>()));
        if (!row.has(p)) this.bondTotal++;
        row.set(p, { pasid, users: b.users[k]! });
      }
      changes.bondDevices.add(d);
      changes.devices.add(d);
    });
  }

  /** Every live domain, in creation order. */
  get domains(): DomainInfo[] {
    return (this.domainList ??= [...this.domainById.values()]);
  }

  /** The domain named `id`, or undefined. */
  domain(id: string): DomainInfo | undefined {
    return this.domainById.get(id);
  }

  /** Device ids in topology order. */
  deviceIds(): string[] {
    return this.topology?.devices.map((d) => d.id) ?? [];
  }

  /** Process ids, forks included, in creation order. */
  procIds(): string[] {
    return this.procs.map((p) => p.id);
  }

  /** Number of processes (forks included). */
  get procCount(): number {
    return this.procs.length;
  }

  /** The device named `id`, or undefined. */
  device(id: string): DeviceView | undefined {
    const i = this.deviceIndex.get(id);
    return i === undefined ? undefined : this.deviceAt(i);
  }

  /** The device at row `i`. */
  deviceAt(i: number): DeviceView | undefined {
    const info = this.topology?.devices[i];
    if (!info || !this.topology) return undefined;
    return {
      ...info,
      index: i,
      rid: RID_NAMES[this.rid[i] ?? 0] ?? 'default',
      ridDomain: this.ridDomain[i] ?? '',
      groupId: this.topology.groups[info.group] ?? '',
    };
  }

  /** The group at row `i`. */
  groupAt(i: number): GroupView | undefined {
    const t = this.topology;
    const id = t?.groups[i];
    if (!t || id === undefined) return undefined;
    return {
      index: i,
      id,
      devices: (t.groupDevices[i] ?? []).map((d) => t.devices[d]?.id ?? ''),
      owner: this.groupOwner[i] ?? null,
      ownerCnt: this.groupOwnerCnt[i] ?? 0,
      resetting: this.groupResetting[i] ?? 0,
      pasids: this.groupPasids[i] ?? [],
    };
  }

  /** The group of device `id`. */
  groupOf(id: string): GroupView | undefined {
    const d = this.device(id);
    return d ? this.groupAt(d.group) : undefined;
  }

  /**
   * The PASID entries of device `id`'s group, without building a GroupView: the model's own list,
   * which a frame that changes the group replaces (never edits), so an unchanged group gives the
   * same array.
   */
  groupPasidsOf(devId: string): readonly PasidEntry[] | undefined {
    const g = this.groupIndexOf(devId);
    return g === undefined ? undefined : this.groupPasids[g];
  }

  /** The DMA owner of device `id`'s group (null: the kernel DMA API). */
  groupOwnerOf(devId: string): string | null {
    const g = this.groupIndexOf(devId);
    return g === undefined ? null : (this.groupOwner[g] ?? null);
  }

  private groupIndexOf(devId: string): number | undefined {
    const i = this.deviceIndex.get(devId);
    return i === undefined ? undefined : this.topology?.devices[i]?.group;
  }

  /** Row index of a process, or -1. */
  procIndexOf(id: string): number {
    return this.procIndex.get(id) ?? -1;
  }

  /** The process named `id`, or undefined. */
  proc(id: string): ProcView | undefined {
    const i = this.procIndex.get(id);
    return i === undefined ? undefined : this.procAt(i);
  }

  /** The process at row `i`. */
  procAt(i: number): ProcView | undefined {
    const info = this.procs[i];
    if (!info) return undefined;
    const flags = this.procFlags[i] ?? 0;
    const msr: (number | null)[] = [];
    for (let t = 0; t < info.threads; t++) msr.push(orNull(this.procMsr[i * MSR_STRIDE + t]));
    return {
      ...info,
      index: i,
      alive: (flags & PROC_FLAG.alive) !== 0,
      mmLive: (flags & PROC_FLAG.mmLive) !== 0,
      lam: (flags & PROC_FLAG.lam) !== 0,
      pasid: orNull(this.procPasid[i]),
      mmPasid: orNull(this.procMmPasid[i]),
      msr,
    };
  }

  /** The bond of (device, process), if the device holds outstanding binds of that mm. */
  bond(devId: string, procId: string): Bond | undefined {
    const d = this.deviceIndex.get(devId);
    const p = this.procIndex.get(procId);
    if (d === undefined || p === undefined) return undefined;
    return this.bonds.get(d)?.get(p);
  }

  /** Every bond of a device, as [process id, bond], in process order. */
  bondsOf(devId: string): [string, Bond][] {
    const d = this.deviceIndex.get(devId);
    const row = d === undefined ? undefined : this.bonds.get(d);
    if (!row) return [];
    return [...row.entries()].sort((a, b) => a[0] - b[0]).map(([p, b]) => [this.procs[p]?.id ?? '?', b]);
  }

  /** Total number of bonds. */
  bondCount(): number {
    return this.bondTotal;
  }
}
