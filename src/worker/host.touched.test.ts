/**
 * SimHost frames re-read only what the steps touched when they follow consecutive steps, and
 * everything after a load, a backward seek or a long jump. Whatever the path, the rows a client
 * accumulates from the frames must equal what one full frame at that cursor says.
 */
import { describe, expect, it } from 'vitest';
import type { Scenario, Step } from '../engine/index.ts';
import { MSR_STRIDE, NO_PASID, requestId } from '../protocol/index.ts';
import type { DomainInfo, FrameDelta, Request, WorkerMessage } from '../protocol/index.ts';
import { HOLDER, TABLES } from '../protocol/views.ts';
import type { TableKind, ViewSections } from '../protocol/views.ts';
import { SimHost } from './host.ts';

/** Deterministic pseudo-random steps: mostly bind/unbind, with forks, exits, PASID attaches, ownership and resets. */
function makeSteps(n: number): Step[] {
  let x = 12345;
  const rnd = (m: number) => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x % m;
  };
  const devs = ['s0', 's1', 'pair0', 'pair1', 'v0', 'v1', 'v2'];
  const procs = ['P0', 'P1', 'P2', 'P3', 'P4', 'P5'];
  const steps: Step[] = [
    { op: 'domain_alloc', id: 'U1', iommu: 'smmu0', type: 'paging', pasid: true },
    { op: 'domain_alloc', id: 'U2', iommu: 'dmar0', type: 'paging', pasid: true },
  ];
  let children = 0;
  while (steps.length < n) {
    const r = rnd(100);
    const dev = devs[rnd(devs.length)]!;
    const proc = procs[rnd(procs.length)]!;
    const dom = dev.startsWith('v') ? 'U2' : 'U1';
    if (r < 40) steps.push({ op: 'bind', dev, proc });
    else if (r < 70) steps.push({ op: 'unbind', dev, proc });
    else if (r < 73 && children < 40) {
      const child = `C${children++}`;
      steps.push({ op: 'fork', proc, child });
      procs.push(child);
    } else if (r < 75) steps.push({ op: 'exit', proc });
    else if (r < 80) steps.push({ op: 'attach_pasid', dev, domain: dom, pasid: 1 + rnd(6) });
    else if (r < 85) steps.push({ op: 'detach_pasid', dev, pasid: 1 + rnd(6) });
    else if (r < 88) steps.push({ op: rnd(2) ? 'claim_dma_owner' : 'release_dma_owner', dev });
    else if (r < 91) steps.push({ op: rnd(2) ? 'reset_prepare' : 'reset_done', dev });
    else if (r < 94) steps.push({ op: 'enqcmd', proc, dev });
    else if (r < 97) steps.push({ op: 'alloc_global_pasid', dev });
    else steps.push({ op: 'free_global_pasid', pasid: 1 + rnd(30) });
  }
  return steps;
}

const SCENARIO: Scenario = {
  format: 'pasid-sandbox/1',
  arch: 'x86',
  iommus: [
    { id: 'smmu0', type: 'smmuv3', ssidBits: 8 },
    { id: 'dmar0', type: 'vtd' },
  ],
  devices: [
    { id: 's0', iommu: 'smmu0', pasidBits: 20, ats: true },
    { id: 's1', iommu: 'smmu0', pasidBits: 3 },
    { id: 'pair0', iommu: 'smmu0', pasidBits: 8, group: 'g1', ats: true },
    { id: 'pair1', iommu: 'smmu0', pasidBits: 5, group: 'g1' },
    { id: 'v0', iommu: 'dmar0', pasidBits: 20, enqcmd: true, ats: true },
    { id: 'v1', iommu: 'dmar0', pasidBits: 6, group: 'g2', ats: true },
    { id: 'v2', iommu: 'dmar0', pasidBits: 10, group: 'g2', enqcmd: true },
  ],
  processes: ['P0', 'P1', 'P2', 'P3', 'P4', 'P5'].map((id) => ({ id, threads: 2 })),
  steps: makeSteps(6000),
};

/** What a client knows after applying frames: every row, keyed by index (bonds by "dev,proc"). */
interface Mirror {
  procs: string[];
  devices: Map<number, string>;
  groups: Map<number, string>;
  procRows: Map<number, string>;
  bonds: Map<string, string>;
  globals: number[];
  domains: Map<string, DomainInfo>;
  /** View sections: rows by "kind key", holder code by PASID, the counters as JSON. */
  viewRows: Map<string, string>;
  holders: Map<number, number>;
  hwStats: string;
}

function emptyMirror(): Mirror {
  return {
    procs: [],
    devices: new Map(),
    groups: new Map(),
    procRows: new Map(),
    bonds: new Map(),
    globals: [],
    domains: new Map(),
    viewRows: new Map(),
    holders: new Map(),
    hwStats: '',
  };
}

function applyViews(out: Mirror, v: ViewSections): void {
  for (const [kind, d] of Object.entries(v.tables ?? {})) {
    if (d.reset) for (const key of out.viewRows.keys()) if (key.startsWith(`${kind} `)) out.viewRows.delete(key);
    for (const key of d.removed) out.viewRows.delete(`${kind} ${key}`);
    const { num, str } = TABLES[kind as TableKind];
    d.keys.forEach((key, k) => {
      const nums = [...d.num.subarray(k * num.length, (k + 1) * num.length)];
      out.viewRows.set(
        `${kind} ${key}`,
        `${nums.join(',')} ${d.str.slice(k * str.length, (k + 1) * str.length).join(',')}`
      );
    });
  }
  const h = v.holders;
  if (h?.reset) out.holders.clear();
  h?.pasid.forEach((p, k) => (h.code[k] === HOLDER.free ? out.holders.delete(p) : out.holders.set(p, h.code[k]!)));
  if (v.hwStats) out.hwStats = JSON.stringify(v.hwStats);
}

function apply(m: Mirror, f: FrameDelta): Mirror {
  const out = f.full ? emptyMirror() : m;
  if (f.topology) out.procs = f.topology.procs.map((p) => p.id);
  for (const p of f.newProcs ?? []) out.procs.push(p.id);
  const d = f.devices;
  d?.index.forEach((i, k) => out.devices.set(i, `${d.rid[k]} ${d.ridDomain[k]}`));
  const g = f.groups;
  g?.index.forEach((i, k) => {
    const [a, b] = [g.offsets[k]!, g.offsets[k + 1]!];
    const pasids = [...g.pasids.subarray(a, b)].map((p, j) => `${p}:${g.pasidSva[a + j]}:${g.pasidDomain[a + j]}`);
    out.groups.set(i, `${g.owner[k]} ${g.ownerCnt[k]} ${g.resetting[k]} ${pasids.join(',')}`);
  });
  const p = f.procs;
  p?.index.forEach((i, k) => {
    const msr = [...p.msr.subarray(k * MSR_STRIDE, (k + 1) * MSR_STRIDE)];
    out.procRows.set(i, `${p.flags[k]} ${p.pasid[k]} ${p.mmPasid[k]} ${msr.join(',')}`);
  });
  const b = f.bonds;
  b?.dev.forEach((dev, k) => {
    const key = `${dev},${b.proc[k]}`;
    if (b.pasid[k] === NO_PASID) out.bonds.delete(key);
    else out.bonds.set(key, `${b.pasid[k]} ${b.users[k]}`);
  });
  if (f.globalPasids) out.globals = [...f.globalPasids];
  for (const id of f.removedDomains ?? []) out.domains.delete(id);
  for (const info of f.domains ?? []) out.domains.set(info.id, info);
  if (f.views) applyViews(out, f.views);
  return out;
}

/** Maps compared as sorted entries, except domains: the client lists them in the order it got them. */
const comparable = (m: Mirror) => ({
  ...m,
  devices: [...m.devices].sort((a, b) => a[0] - b[0]),
  groups: [...m.groups].sort((a, b) => a[0] - b[0]),
  procRows: [...m.procRows].sort((a, b) => a[0] - b[0]),
  bonds: [...m.bonds].sort(),
  domains: [...m.domains.values()],
  viewRows: [...m.viewRows].sort(),
  holders: [...m.holders].sort((a, b) => a[0] - b[0]),
});

function host() {
  const frames: FrameDelta[] = [];
  const h = new SimHost((msg: WorkerMessage) => {
    if (msg.type === 'sim.frame') frames.push(msg.frame);
    if (msg.type === 'sim.nack') throw new Error(msg.message);
  });
  let id = 1;
  const send = (req: Record<string, unknown>) => h.handle({ ...req, id: requestId(id++) } as unknown as Request);
  return { frames, send };
}

/** One full frame of a fresh host at `cursor`. */
function reference(scenario: Scenario, cursor: number): Mirror {
  const h = host();
  h.send({ type: 'sim.load', scenario, policy: 'global', cursor });
  return apply(emptyMirror(), h.frames[0]!);
}

describe('SimHost frames with change records', () => {
  it('add up to a full frame at every cursor: consecutive steps, inserts, backward seeks, long jumps', () => {
    const h = host();
    let mirror = emptyMirror();
    let steps = SCENARIO.steps.slice();
    let cursor = 0;
    let seen = 0;
    const check = (what: string) => {
      expect(h.frames.length, what).toBeGreaterThan(seen);
      for (; seen < h.frames.length; seen++) mirror = apply(mirror, h.frames[seen]!);
      expect(h.frames.at(-1)?.cursor, what).toBe(cursor);
      expect(comparable(mirror), what).toStrictEqual(comparable(reference({ ...SCENARIO, steps }, cursor)));
    };
    const stepBy = (count: number, times = 1) => {
      for (let k = 0; k < times; k++) {
        h.send({ type: 'sim.step', count });
        cursor = Math.min(steps.length, cursor + count);
        check(`step ${count} to ${cursor}`);
      }
    };
    const seek = (to: number) => {
      h.send({ type: 'sim.seek', cursor: to });
      cursor = to;
      check(`seek to ${to}`);
    };
    h.send({ type: 'sim.load', scenario: SCENARIO, policy: 'global', cursor: 0 });
    check('load');
    stepBy(1, 60);
    seek(10); // backward: a new Differ, full frame
    stepBy(1, 10);
    stepBy(7, 10);
    stepBy(3000); // long jump: a delta frame from a full scan
    stepBy(1, 20);
    seek(cursor + 700); // forward within the effects limit: one record over 700 steps
    seek(2500); // backward from a checkpoint
    stepBy(1, 20);
    stepBy(2100); // long jump over steps run before: a checkpoint copy replaces the live state
    stepBy(1, 5);
    for (const step of [
      { op: 'bind', dev: 'v0', proc: 'P1' },
      { op: 'fork', proc: 'P1', child: 'X1' },
      { op: 'exit', proc: 'P1' },
    ] as Step[]) {
      h.send({ type: 'sim.insert', step });
      steps = [...steps.slice(0, cursor), step, ...steps.slice(cursor)];
      cursor += 1;
      check(`insert ${step.op}`);
    }
    stepBy(1, 10);
    seek(cursor - 5); // backward over the inserted steps
    stepBy(2, 10);
    expect(mirror.procs).toContain('X1');
    expect(mirror.bonds.size).toBeGreaterThan(0);
    expect(mirror.domains.size).toBeGreaterThan(4);
    expect([...mirror.viewRows.keys()].filter((k) => k.startsWith('handle ')).length).toBeGreaterThan(0);
    expect([...mirror.viewRows.keys()].filter((k) => k.startsWith('kpasid ')).length).toBeGreaterThan(0);
    expect(mirror.holders.size).toBeGreaterThan(1);
  });
});
