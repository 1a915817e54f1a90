/**
 * Property suite: a ViewDiffer fed the steps' effects and the engine's Touched record returns
 * exactly what a ViewDiffer re-reading the whole state returns (hardware tables, SVA handles,
 * kernel PASIDs, global PASID holders, counters), after every step of random sequences under each
 * policy, on SMMUv3 and VT-d, one step or several per frame, with full re-reads in between. A touch
 * call missing from the engine shows up here as a row or holder the tracked differ did not send,
 * or as a changed handle, domain->users or global PASID the record lacks.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Simulation, Timeline } from '../engine/index.ts';
import type { Effect, Policy, Scenario, SimState, Step, Touched } from '../engine/index.ts';
import { idaToArray } from '../engine/alloc/ida.ts';
import { arbScenario } from '../engine/codec/arbitrary.ts';
import { newTouched } from '../engine/kernel/touched.ts';
import { POLICIES } from '../engine/scenario/types.ts';
import { arbStep, tearDown, topology } from './touchedSteps.ts';
import { ViewDiffer } from './viewModel.ts';
import { readHwStats } from './viewRows.ts';
import { numIndex, TABLES } from '../protocol/views.ts';
import type { ViewSections } from '../protocol/views.ts';

/**
 * `v` with the hardware tables' removed keys sorted. Those tables take the effects path (written
 * entries), which lists removals in effect order where a full re-read lists them in the order the
 * rows were first sent: a difference older than the Touched record and outside what it covers.
 * The handle and kernel-PASID tables are compared as they are.
 */
function sortHwRemovals(v: ViewSections): ViewSections {
  for (const [kind, d] of Object.entries(v.tables ?? {})) if (kind !== 'handle' && kind !== 'kpasid') d.removed.sort();
  return v;
}

/** What the handle, domain-users and PASID parts of a Touched record speak for, comparable per id. */
function objects(s: Readonly<SimState>) {
  return {
    handles: new Map([...s.handles].map(([id, h]) => [id, JSON.stringify(h)])),
    users: new Map([...s.domains].map(([id, d]) => [id, d.users])),
    pasids: new Map([
      ...idaToArray(s.globalIda).map((p): [number, string] => [p, 'ida']),
      ...[...s.kernelPasids].map(([p, dev]): [number, string] => [p, `ida kernel ${dev}`]),
    ]),
  };
}

function changedIds<K, V>(a: ReadonlyMap<K, V>, b: ReadonlyMap<K, V>): K[] {
  return [...new Set([...a.keys(), ...b.keys()])].filter((k) => a.get(k) !== b.get(k));
}

/** The record names every handle, domain->users (of a domain that outlived the step) and PASID the step changed. */
function expectCovers(before: ReturnType<typeof objects>, after: ReturnType<typeof objects>, t: Touched, at: string) {
  const missing = (ids: (number | string)[], set: ReadonlySet<number | string>) => ids.filter((id) => !set.has(id));
  expect(missing(changedIds(before.handles, after.handles), t.handles), `${at}: handles`).toEqual([]);
  const users = changedIds(before.users, after.users).filter((id) => before.users.has(id) && after.users.has(id));
  expect(missing(users, t.domainUsers), `${at}: domain users`).toEqual([]);
  expect(missing(changedIds(before.pasids, after.pasids), t.pasids), `${at}: global PASIDs`).toEqual([]);
}

/**
 * Runs `steps` then the tear-down, checking the record and diffing with both ViewDiffers after every
 * step, and that the counters are sent exactly when their JSON changes (as they were before
 * hwStatsChanged compared numbers instead).
 */
function compareEveryStep(sc: Scenario, policy: Policy, steps: readonly Step[]): void {
  const sim = Simulation.create(sc, { policy, effects: true });
  const tracked = new ViewDiffer();
  const full = new ViewDiffer();
  expect(tracked.diff(sim.state, [], newTouched())).toEqual(full.diff(sim.state));
  let stats = JSON.stringify(readHwStats(sim.state));
  const run = (list: readonly Step[]) => {
    for (const [i, step] of list.entries()) {
      const at = `step ${i} ${JSON.stringify(step)}`;
      const before = objects(sim.state);
      const t = newTouched();
      sim.trackChanges(t);
      const r = sim.apply(step);
      sim.trackChanges(null);
      expectCovers(before, objects(sim.state), t, at);
      const want = full.diff(sim.state);
      expect(sortHwRemovals(tracked.diff(sim.state, r.effects ?? [], t)), at).toEqual(sortHwRemovals(want));
      const now = JSON.stringify(readHwStats(sim.state));
      expect(want.hwStats !== undefined, `${at}: counters sent`).toBe(now !== stats);
      stats = now;
    }
  };
  run(steps);
  run(tearDown(sim.state));
}

describe.each(POLICIES)('ViewDiffer fed Touched records under %s', (policy) => {
  it('records every change, and returns what a full re-read returns, after every step', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('x86' as const, 'arm64' as const),
        fc.array(arbStep, { maxLength: 80 }),
        (arch, steps) => compareEveryStep(topology(policy, arch), policy, steps)
      ),
      { numRuns: 120, seed: 42 }
    );
  });

  it('returns what a full re-read returns on random topologies', () => {
    fc.assert(
      fc.property(arbScenario({ maxSteps: 40, maxProcesses: 4 }), (sc) => compareEveryStep(sc, policy, sc.steps)),
      { numRuns: 60, seed: 7 }
    );
  });

  it('returns what a full re-read returns when a few steps repeat (rebinds of a bound handle, shared domains)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('x86' as const, 'arm64' as const),
        fc.array(arbStep, { minLength: 1, maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 60 }),
        (arch, pool, picks) =>
          compareEveryStep(
            topology(policy, arch),
            policy,
            picks.map((k) => pool[k % pool.length]!)
          )
      ),
      { numRuns: 120, seed: 11 }
    );
  });

  it('returns what a full re-read returns with several steps per frame and full re-reads between (Timeline records)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('x86' as const, 'arm64' as const),
        fc.array(arbStep, { maxLength: 80 }),
        // A frame after n steps; `jump`: the host lost the record and effects (a seek or long move).
        fc.array(fc.record({ n: fc.integer({ min: 1, max: 6 }), jump: fc.boolean() }), { minLength: 1, maxLength: 30 }),
        (arch, steps, frames) => {
          const tl = Timeline.create(topology(policy, arch, steps), { interval: 1000 });
          const tracked = new ViewDiffer();
          const full = new ViewDiffer();
          expect(tracked.diff(tl.state, undefined, tl.takeTouched())).toEqual(full.diff(tl.state));
          let k = 0;
          const frame = (effects: Effect[], jump: boolean) => {
            const t = tl.takeTouched();
            expect(t).not.toBeNull();
            const got = jump ? tracked.diff(tl.state) : tracked.diff(tl.state, effects, t);
            expect(sortHwRemovals(got), `after step ${tl.cursor - 1}`).toEqual(sortHwRemovals(full.diff(tl.state)));
          };
          while (tl.cursor < tl.length) {
            const { n, jump } = frames[k++ % frames.length]!;
            const effects: Effect[] = [];
            for (const r of tl.step(n)) effects.push(...(r.effects ?? []));
            frame(effects, jump);
          }
          // Then the tear-down backwards, inserted (SimHost's sim.insert): frames that remove several
          // rows and PASIDs at once, newest first.
          const rest = tearDown(tl.state).reverse();
          while (rest.length > 0) {
            const { n, jump } = frames[k++ % frames.length]!;
            const effects: Effect[] = [];
            for (const step of rest.splice(0, n)) effects.push(...(tl.insert(step).effects ?? []));
            frame(effects, jump);
          }
        }
      ),
      { numRuns: 80, seed: 3 }
    );
  });
});

/**
 * Runs `frames` (steps, then a frame: tracked, or a full re-read when `jump`) with a tracked and a
 * full ViewDiffer, checking they agree; returns the full one's sections of every frame.
 */
function runFrames(policy: Policy, frames: { steps: Step[]; jump?: boolean }[]): ViewSections[] {
  const sim = Simulation.create(topology(policy, 'x86'), { policy, effects: true });
  const tracked = new ViewDiffer();
  const full = new ViewDiffer();
  const out: ViewSections[] = [];
  expect(tracked.diff(sim.state, [], newTouched())).toEqual(full.diff(sim.state));
  for (const [i, { steps, jump }] of frames.entries()) {
    const t = newTouched();
    const effects: Effect[] = [];
    sim.trackChanges(t);
    for (const step of steps) effects.push(...(sim.apply(step).effects ?? []));
    sim.trackChanges(null);
    const want = full.diff(sim.state);
    out.push(want);
    expect(sortHwRemovals(jump ? tracked.diff(sim.state) : tracked.diff(sim.state, effects, t)), `frame ${i}`).toEqual(
      sortHwRemovals(want)
    );
  }
  return out;
}

const one = (...steps: Step[]) => steps.map((step) => ({ steps: [step] }));

describe('ViewDiffer fed Touched records, special cases', () => {
  // A bind after the core API detached the slot of an earlier handle of the same mm makes a second
  // handle on the same (group, PASID); the row shows the newer one, and only when it changes.
  it.each(POLICIES)('two live handles on one row key under %s', (policy) => {
    const frames = runFrames(policy, [
      ...one(
        { op: 'bind', dev: 'nic0', proc: 'P1' },
        { op: 'bind', dev: 'pair0', proc: 'P1' },
        { op: 'detach_pasid', dev: 'nic0', pasid: 1 },
        { op: 'bind', dev: 'nic0', proc: 'P1' },
        { op: 'bind', dev: 'nic0', proc: 'P2' }
      ),
      { steps: [] },
      ...one(
        { op: 'unbind', dev: 'pair0', proc: 'P1' },
        { op: 'unbind', dev: 'nic0', proc: 'P1' },
        { op: 'unbind', dev: 'nic0', proc: 'P2' },
        { op: 'unbind', dev: 'nic0', proc: 'P1' }
      ),
    ]);
    // The third bind's frame shows its handle (id 3) in the shared row; an idle frame sends nothing.
    const third = frames[3]?.tables?.handle;
    const k = third?.keys.indexOf('H[grp:nic0][1]') ?? -1;
    expect(k).toBeGreaterThanOrEqual(0);
    expect(third?.num[k * TABLES.handle.num.length + numIndex('handle', 'handle')]).toBe(3);
    expect(frames[5]).toEqual({});
    expect(frames.at(-1)?.tables?.handle?.removed).toEqual(['H[grp:nic0][1]']);
  });

  it('a full re-read after tracked frames lists removed handle rows by their first handle', () => {
    // Handles 1 (pair0, g1 slot 1) and 3 (pair1, same slot after a detach) share a row key that was
    // first sent before handle 2's; once 1 is gone the key is ordered by 3, after handle 2's.
    const last = runFrames('global', [
      ...one(
        { op: 'bind', dev: 'pair0', proc: 'P1' },
        { op: 'bind', dev: 'nic0', proc: 'P2' },
        { op: 'detach_pasid', dev: 'pair0', pasid: 1 },
        { op: 'bind', dev: 'pair1', proc: 'P1' },
        { op: 'unbind', dev: 'pair0', proc: 'P1' }
      ),
      {
        steps: [
          { op: 'unbind', dev: 'pair1', proc: 'P1' },
          { op: 'unbind', dev: 'nic0', proc: 'P2' },
        ],
        jump: true,
      },
    ]);
    expect(last.at(-1)?.tables?.handle?.removed).toEqual(['H[grp:nic0][2]', 'H[g1][1]']);
  });

  it('a full re-read after tracked frames lists removed PASIDs ascending', () => {
    // PASID 1 is freed and taken again in tracked frames, so it was last sent after PASID 3.
    const last = runFrames('global', [
      ...one(
        { op: 'alloc_global_pasid', dev: 'nic0' },
        { op: 'alloc_global_pasid', dev: 'nic0' },
        { op: 'alloc_global_pasid', dev: 'nic0' },
        { op: 'free_global_pasid', pasid: 1 },
        { op: 'bind', dev: 'nic0', proc: 'P1' }
      ),
      {
        steps: [
          { op: 'free_global_pasid', pasid: 3 },
          { op: 'unbind', dev: 'nic0', proc: 'P1' },
          { op: 'exit', proc: 'P1' },
        ],
        jump: true,
      },
    ]);
    expect([...(last.at(-1)?.holders?.pasid ?? [])]).toEqual([1, 3]);
  });
});
