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
import { newTouched } from '../engine/kernel/touched.ts';
import { POLICIES } from '../engine/scenario/types.ts';
import { Differ } from './differ.ts';
import { arbStep, tearDown, topology } from './touchedSteps.ts';

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
