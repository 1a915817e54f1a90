/**
 * The second half of the bindings model: given the processes picked for the graph (pickProcs.ts
 * or the incremental ProcIndex) and their SVA handles, builds every node and edge. Its cost
 * depends on what is drawn (at most MAX_PROCS processes), not on the number of processes or
 * handles in the system; the full rebuild and the incremental path both end here, so they can
 * only differ in what they pass in.
 */
import { MAX_DEVICES } from './limits.ts';
import type { BareIn, BEdge, BindingsModel, BNode, DeviceIn, HandleIn, ProcIn } from './bindingsModel.ts';

/** Devices by id and by group, each group's in topology order. */
export interface DeviceLookup {
  list: readonly DeviceIn[];
  byId: ReadonlyMap<string, DeviceIn>;
  byGroup: ReadonlyMap<string, readonly DeviceIn[]>;
}

export function deviceLookup(list: readonly DeviceIn[]): DeviceLookup {
  const byGroup = new Map<string, DeviceIn[]>();
  for (const d of list) {
    const g = byGroup.get(d.groupId);
    if (g) g.push(d);
    else byGroup.set(d.groupId, [d]);
  }
  return { list, byId: new Map(list.map((d) => [d.id, d])), byGroup };
}

export interface AssembleInput {
  /** The processes drawn, in process-row order. */
  shown: readonly ProcIn[];
  /** Processes that qualified but did not fit. */
  hiddenProcs: number;
  /** The SVA handles of the shown processes, in handle-table order. */
  handles: readonly HandleIn[];
  bare: readonly BareIn[];
  devices: DeviceLookup;
  iommuType: ReadonlyMap<string, 'smmuv3' | 'vtd'>;
  selectedProc: string | null;
  selectedDevice: string | null;
  changed: ReadonlySet<string>;
}

const pasidNode = (p: number): string => `pasid:${p}`;

export function assembleBindings(input: AssembleInput): BindingsModel {
  const nodes = new Map<string, BNode>();
  const edges: BEdge[] = [];
  const boundBy = new Map<string, Set<number>>();
  for (const h of input.handles) {
    const set = boundBy.get(h.proc) ?? new Set<number>();
    set.add(h.pasid);
    boundBy.set(h.proc, set);
  }
  const claim = new Map<number, Set<string>>();
  const addClaim = (pasid: number, who: string): void => {
    const set = claim.get(pasid) ?? new Set<string>();
    set.add(who);
    claim.set(pasid, set);
  };
  const ensurePasid = (pasid: number): string => {
    const id = pasidNode(pasid);
    if (!nodes.has(id)) {
      nodes.set(id, {
        id,
        kind: 'pasid',
        column: 1,
        title: `PASID ${pasid}`,
        lines: [],
        chips: [],
        badges: [],
        selected: false,
        changed: false,
        proc: null,
        device: null,
      });
    }
    return id;
  };

  for (const p of input.shown) {
    const bound = boundBy.get(p.id) ?? new Set<number>();
    const chips = p.msr.map((m, t) => ({
      text: `T${t} ${m === null ? '–' : m}`,
      valid: m !== null,
      stale: m !== null && !bound.has(m),
    }));
    const lines = [
      p.mmPasid === null
        ? 'mm: no PASID'
        : `mm PASID ${p.mmPasid}${p.pasid === null && p.mmPasid !== null ? ' (not ENQCMD)' : ''}`,
    ];
    nodes.set(`proc:${p.id}`, {
      id: `proc:${p.id}`,
      kind: 'proc',
      column: 0,
      title: p.id,
      lines,
      chips,
      badges: [...(p.alive ? [] : [p.mmLive ? 'exited (mm pinned)' : 'exited'])],
      selected: p.id === input.selectedProc,
      changed: input.changed.has(`proc:${p.id}`),
      proc: p.id,
      device: null,
    });
    if (p.mmPasid !== null) {
      edges.push({
        from: `proc:${p.id}`,
        to: ensurePasid(p.mmPasid),
        kind: 'mm',
        label: p.pasid === null ? 'mm (no ENQCMD)' : 'mm',
        dashed: p.pasid === null,
        changed: input.changed.has(`proc:${p.id}`),
        shared: false,
      });
      addClaim(p.mmPasid, p.id);
    }
  }

  const devById = input.devices.byId;
  const ensureDevice = (id: string): BNode | undefined => {
    const nid = `dev:${id}`;
    const d = devById.get(id);
    if (!d) return undefined;
    let n = nodes.get(nid);
    if (!n) {
      n = {
        id: nid,
        kind: 'device',
        column: 2,
        title: d.id,
        lines: [`${d.iommu} · max ${d.maxPasids}`, d.groupId],
        chips: [],
        badges: [],
        selected: d.id === input.selectedDevice,
        changed: false,
        proc: null,
        device: d.id,
      };
      nodes.set(nid, n);
    }
    return n;
  };
  if (input.selectedDevice !== null) ensureDevice(input.selectedDevice);
  if (input.devices.list.length <= MAX_DEVICES) for (const d of input.devices.list) ensureDevice(d.id);

  for (const h of input.handles) {
    const pid = ensurePasid(h.pasid);
    const changed = input.changed.has(`${h.dev}|${h.pasid}`);
    addClaim(h.pasid, h.proc);
    const procs = nodes.get(`proc:${h.proc}`);
    if (procs && !edges.some((e) => e.from === procs.id && e.to === pid)) {
      edges.push({ from: procs.id, to: pid, kind: 'bind', label: 'bound', dashed: false, changed, shared: false });
    }
    const type = input.iommuType.get(devById.get(h.dev)?.iommu ?? '') ?? 'smmuv3';
    const tag = type === 'vtd' ? `DID ${h.tag}` : `ASID ${h.tag}`;
    edges.push({
      from: pid,
      to: `dev:${h.dev}`,
      kind: 'attach',
      label: `${h.domain} · ${tag} · binds ${h.users} · dom users ${h.domainUsers}`,
      dashed: false,
      changed,
      shared: h.domainUsers > 1,
    });
    const dn = ensureDevice(h.dev);
    if (dn) {
      dn.lines.push(
        `${changed ? '● ' : ''}${h.pasid} → ${h.proc} · ${h.domain} · ${tag} · binds ${h.users} · users ${h.domainUsers}`
      );
      if (changed) dn.changed = true;
    }
    const pn = nodes.get(pid);
    if (pn && changed) pn.changed = true;
  }

  for (const b of input.bare) {
    const kid = 'kernel';
    if (!nodes.has(kid)) {
      nodes.set(kid, {
        id: kid,
        kind: 'kernel',
        column: 0,
        title: 'kernel / driver',
        lines: ['attach_pasid domains'],
        chips: [],
        badges: [],
        selected: false,
        changed: false,
        proc: null,
        device: null,
      });
    }
    const pid = ensurePasid(b.pasid);
    addClaim(b.pasid, `domain ${b.domain}`);
    if (!edges.some((e) => e.from === kid && e.to === pid)) {
      edges.push({ from: kid, to: pid, kind: 'bare', label: b.domain, dashed: true, changed: false, shared: false });
    }
    for (const d of input.devices.byGroup.get(b.group) ?? []) {
      ensureDevice(d.id)?.lines.push(`${b.pasid} → ${b.domain} (attach_pasid)`);
      edges.push({
        from: pid,
        to: `dev:${d.id}`,
        kind: 'bare',
        label: b.domain,
        dashed: true,
        changed: false,
        shared: false,
      });
    }
  }

  const devices = [...nodes.values()].filter((n) => n.kind === 'device');
  let hiddenDevices = 0;
  if (devices.length > MAX_DEVICES) {
    const keep = new Set(
      devices
        .map((n, i) => ({ n, i, r: n.selected ? 0 : n.changed ? 1 : 2 }))
        .sort((a, b) => a.r - b.r || a.i - b.i)
        .slice(0, MAX_DEVICES)
        .map((x) => x.n.id)
    );
    for (const n of devices) {
      if (keep.has(n.id)) continue;
      nodes.delete(n.id);
      hiddenDevices++;
    }
  }
  const conflicts: number[] = [];
  for (const [pasid, who] of claim) {
    if (who.size < 2) continue;
    conflicts.push(pasid);
    nodes.get(pasidNode(pasid))?.badges.push(`⚠ ${who.size} holders: ${[...who].join(', ')}`);
  }
  for (const n of nodes.values()) {
    if (n.kind === 'proc' && n.chips.some((c) => c.stale)) n.badges.push('stale MSR');
  }
  // A PASID is selected when the selected process links to it (one pass over the edges).
  const selectedFrom = `proc:${input.selectedProc}`;
  const linked = new Set<string>();
  for (const e of edges) if (e.from === selectedFrom) linked.add(e.to);
  for (const n of nodes.values()) if (n.kind === 'pasid') n.selected = linked.has(n.id);
  return {
    nodes: [...nodes.values()],
    edges: edges.filter((e) => nodes.has(e.from) && nodes.has(e.to)),
    hiddenProcs: input.hiddenProcs,
    hiddenDevices,
    conflicts: conflicts.sort((a, b) => a - b),
  };
}
