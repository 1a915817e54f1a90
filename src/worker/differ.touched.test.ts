/**
 * Property suite: a Differ fed the engine's Touched record (what the steps since its last call
 * wrote) returns exactly what a Differ scanning the whole state returns, after every step of
 * random sequences under each policy, on SMMUv3 and VT-d, with multi-device groups. A touch call
 * missing from the engine shows up here as a row the tracked Differ did not send, or (for fields
 * the Differ does not show, such as iommu_mm->sva_domains) as a changed object the record lacks.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Simulation, Timeline } from '../engine/index.ts';
import type { Policy, Scenario, SimState, Step, Touched } from '../engine/index.ts';
import { idaToArray } from '../engine/alloc/ida.ts';
import { arbScenario } from '../engine/codec/arbitrary.ts';
import { bondDev, bondProc } from '../engine/kernel/lookup.ts';
import { newTouched } from '../engine/kernel/touched.ts';
import { POLICIES } from '../engine/scenario/types.ts';
import { Differ } from './differ.ts';

const DEVS = ['nic0', 'acc0', 'pair0', 'pair1', 'dsa0', 'iax0', 'vg0', 'vg1'];
const PROCS = ['P1', 'P2', 'P3', 'P4', 'C1', 'C2', 'C3'];
const DOMAINS = ['default', 'U1', 'U2', 'U3', 'U4'];

function topology(policy: Policy, arch: 'x86' | 'arm64', steps: Step[] = []): Scenario {
  return {
    format: 'pasid-sandbox/1',
    policy,
    arch,
    iommus: [
      { id: 'smmu0', type: 'smmuv3', ssidBits: 16 },
      { id: 'dmar0', type: 'vtd' },
    ],
    devices: [
      { id: 'nic0', iommu: 'smmu0', pasidBits: 20, ats: true },
      { id: 'acc0', iommu: 'smmu0', bus: 'platform', pasidBits: 2 },
      { id: 'pair0', iommu: 'smmu0', pasidBits: 8, group: 'g1', ats: true },
      { id: 'pair1', iommu: 'smmu0', pasidBits: 4, group: 'g1' },
      { id: 'dsa0', iommu: 'dmar0', pasidBits: 20, enqcmd: true, ats: true, pri: true },
      { id: 'iax0', iommu: 'dmar0', pasidBits: 3, ats: true },
      { id: 'vg0', iommu: 'dmar0', pasidBits: 10, group: 'g2', enqcmd: true, ats: true },
      { id: 'vg1', iommu: 'dmar0', group: 'g2', ats: true },
    ],
    processes: [{ id: 'P1', threads: 2 }, { id: 'P2' }, { id: 'P3' }, { id: 'P4', lam: true }],
    steps,
  };
}

const dev = fc.constantFrom(...DEVS);
const proc = fc.constantFrom(...PROCS);
const pasid = fc.integer({ min: 0, max: 12 });
const domain = fc.constantFrom(...DOMAINS);
const r = <T>(weight: number, arbitrary: fc.Arbitrary<T>) => ({ weight, arbitrary });
/** Unvalidated steps (Simulation takes them as they are): references to missing processes fail at run time. */
const arbStep: fc.Arbitrary<Step> = fc.oneof(
  r(8, fc.record({ op: fc.constant('bind' as const), dev, proc })),
  r(5, fc.record({ op: fc.constant('unbind' as const), dev, proc })),
  r(2, fc.record({ op: fc.constant('bind_pasid' as const), dev, proc })),
  r(1, fc.record({ op: fc.constant('bind_pasid' as const), dev, proc, pasid })),
  r(1, fc.record({ op: fc.constant('exit' as const), proc })),
  r(1, fc.record({ op: fc.constant('fork' as const), proc, child: fc.constantFrom('C1', 'C2', 'C3') })),
  r(1, fc.record({ op: fc.constant('dma' as const), dev, pasid })),
  r(2, fc.record({ op: fc.constant('enqcmd' as const), proc, dev, thread: fc.constantFrom(0, 0, 1) })),
  r(1, fc.record({ op: fc.constant('alloc_global_pasid' as const), dev })),
  r(1, fc.record({ op: fc.constant('free_global_pasid' as const), pasid })),
  r(
    1,
    fc.record({
      op: fc.constant('domain_alloc' as const),
      id: fc.constantFrom('U1', 'U2', 'U3', 'U4'),
      iommu: fc.constantFrom('smmu0', 'dmar0'),
      type: fc.constantFrom('paging' as const, 'blocked' as const, 'identity' as const),
      pasid: fc.boolean(),
    })
  ),
  r(1, fc.record({ op: fc.constantFrom('attach_dev' as const, 'detach_dev' as const), dev, domain })),
  r(2, fc.record({ op: fc.constantFrom('attach_pasid' as const, 'replace_pasid' as const), dev, domain, pasid })),
  r(1, fc.record({ op: fc.constant('attach_pasid_any' as const), dev, domain })),
  r(2, fc.record({ op: fc.constant('detach_pasid' as const), dev, pasid })),
  r(1, fc.record({ op: fc.constant('claim_dma_owner' as const), dev, owner: fc.constantFrom('vfio', 'user') })),
  r(1, fc.record({ op: fc.constant('release_dma_owner' as const), dev })),
  r(2, fc.record({ op: fc.constantFrom('reset_prepare' as const, 'reset_done' as const), dev }))
);

/** Steps that undo everything (unbind, end resets, detach, release, exit, free): removals of every kind. */
function tearDown(s: Readonly<SimState>): Step[] {
  const devIds = [...s.devices.values()].sort((a, b) => a.index - b.index).map((d) => d.id);
  const procIds = [...s.procs.values()].map((p) => p.id);
  const out: Step[] = [];
  for (const [key, stack] of s.bonds) {
    const step: Step = { op: 'unbind', dev: devIds[bondDev(key)] ?? '', proc: procIds[bondProc(key)] ?? '' };
    for (let n = stack.length; n > 0; n--) out.push(step);
  }
  for (const d of s.devices.values()) {
    out.push({ op: 'reset_done', dev: d.id });
    for (const p of s.groups.get(d.group)?.pasidArray.keys() ?? [])
      out.push({ op: 'detach_pasid', dev: d.id, pasid: p });
    out.push({ op: 'release_dma_owner', dev: d.id });
  }
  for (const p of s.procs.values()) out.push({ op: 'exit', proc: p.id });
  for (const p of s.kernelPasids.keys()) out.push({ op: 'free_global_pasid', pasid: p });
  return out;
}

/** Every object a Touched record speaks for, as a comparable string per id. */
function objects(s: Readonly<SimState>) {
  const str = (x: unknown) =>
    JSON.stringify(x, (_k, v: unknown) => (v instanceof Map || v instanceof Set ? [...v] : v));
  return {
    procs: new Map([...s.procs].map(([id, p]) => [id, str(p)])),
    groups: new Map([...s.groups].map(([id, g]) => [id, str(g)])),
    bonds: new Map(
      [...s.bonds].map(([key, stack]) => [key, str([stack, s.handles.get(stack[stack.length - 1] ?? -1)?.pasid])])
    ),
    // Not domain->users: the UI does not show it, so the record leaves it out.
    domains: new Map(
      [...s.domains].map(([id, d]) => [id, str([d.type, d.iommu, d.pasidCompat, d.mm, d.defaultOf, d.live])])
    ),
    globals: str([idaToArray(s.globalIda), s.kernelPasids]),
  };
}

/** Ids whose object differs between `a` and `b` (or exists in one only). */
function changedIds<K>(a: ReadonlyMap<K, string>, b: ReadonlyMap<K, string>): K[] {
  return [...new Set([...a.keys(), ...b.keys()])].filter((k) => a.get(k) !== b.get(k));
}

/** The record names every object the step changed (a superset is allowed). */
function expectCovers(before: ReturnType<typeof objects>, after: ReturnType<typeof objects>, t: Touched, at: string) {
  for (const kind of ['procs', 'groups', 'bonds', 'domains'] as const) {
    const missing = changedIds<string | number>(before[kind], after[kind]).filter(
      (id) => !(t[kind] as Set<string | number>).has(id)
    );
    expect(missing, `${at}: ${kind} changed but not recorded`).toEqual([]);
  }
  if (before.globals !== after.globals) expect(t.globals, `${at}: global PASIDs changed but not recorded`).toBe(true);
}

/** Runs `steps` then the tear-down, checking the record and diffing with both Differs after every step. */
function compareEveryStep(sc: Scenario, policy: Policy, steps: readonly Step[]): void {
  const sim = Simulation.create(sc, { policy, effects: false });
  const tracked = new Differ(sim.state);
  const full = new Differ(sim.state);
  expect(tracked.diff(sim.state)).toEqual(full.diff(sim.state));
  const run = (list: readonly Step[]) => {
    for (const [i, step] of list.entries()) {
      const at = `step ${i} ${JSON.stringify(step)}`;
      const before = objects(sim.state);
      const t = newTouched();
      sim.trackChanges(t);
      sim.apply(step);
      sim.trackChanges(null);
      expectCovers(before, objects(sim.state), t, at);
      expect(tracked.diff(sim.state, t), at).toEqual(full.diff(sim.state));
    }
  };
  run(steps);
  run(tearDown(sim.state));
}

describe.each(POLICIES)('Differ fed Touched records under %s', (policy) => {
  it('records every change, and returns what a full scan returns, after every step', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('x86' as const, 'arm64' as const),
        fc.array(arbStep, { maxLength: 80 }),
        (arch, steps) => compareEveryStep(topology(policy, arch), policy, steps)
      ),
      { numRuns: 120, seed: 42 }
    );
  });

  it('returns what a full scan returns on random topologies', () => {
    fc.assert(
      fc.property(arbScenario({ maxSteps: 40, maxProcesses: 4 }), (sc) => compareEveryStep(sc, policy, sc.steps)),
      { numRuns: 60, seed: 7 }
    );
  });

  it('returns what a full scan returns when several steps pass between frames (Timeline records)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('x86' as const, 'arm64' as const),
        fc.array(arbStep, { maxLength: 80 }),
        fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 30 }),
        (arch, steps, gaps) => {
          const tl = Timeline.create(topology(policy, arch, steps), { interval: 1000 });
          const tracked = new Differ(tl.state);
          const full = new Differ(tl.state);
          expect(tracked.diff(tl.state, tl.takeTouched())).toEqual(full.diff(tl.state));
          for (let k = 0; tl.cursor < tl.length; k++) {
            tl.step(gaps[k % gaps.length]);
            const t = tl.takeTouched();
            expect(t).not.toBeNull();
            expect(tracked.diff(tl.state, t), `after step ${tl.cursor - 1}`).toEqual(full.diff(tl.state));
          }
        }
      ),
      { numRuns: 80, seed: 3 }
    );
  });
});
