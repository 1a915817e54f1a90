import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbScenario } from '../codec/arbitrary.ts';
import { ScenarioError } from '../scenario/parse.ts';
import type { Scenario, Step } from '../scenario/types.ts';
import type { StepResult } from '../trace/types.ts';
import { Simulation, runScenario } from './simulation.ts';
import { CHECKPOINT_BUDGET, MAX_CHECKPOINTS, MIN_INTERVAL, Timeline, checkpointInterval } from './timeline.ts';
import type { TimelineOptions } from './timeline.ts';

const withoutEffects = ({ effects: _e, ...rest }: StepResult): StepResult => rest;

/** Straight run of the first n steps: results (with effects) and the final state. */
function straight(scenario: Scenario, n: number) {
  const sim = Simulation.create(scenario);
  const results: StepResult[] = [];
  for (let i = 0; i < n; i++) results.push(sim.step());
  return { results, final: sim.final() };
}

const RFC: Scenario = {
  format: 'pasid-sandbox/1',
  iommus: [{ id: 'smmu0', type: 'smmuv3' }],
  devices: [
    { id: 'nic0', iommu: 'smmu0', pasidBits: 20 },
    { id: 'accel0', iommu: 'smmu0', bus: 'platform', pasidBits: 2 },
  ],
  processes: [{ id: 'P1' }, { id: 'P2' }, { id: 'P3' }, { id: 'P4' }],
  steps: [
    { op: 'bind', dev: 'nic0', proc: 'P1' },
    { op: 'bind', dev: 'nic0', proc: 'P2' },
    { op: 'bind', dev: 'nic0', proc: 'P3' },
    { op: 'bind', dev: 'accel0', proc: 'P4' },
    { op: 'bind', dev: 'accel0', proc: 'P1' },
    { op: 'dma', dev: 'accel0', pasid: 1 },
    { op: 'unbind', dev: 'nic0', proc: 'P2' },
    { op: 'exit', proc: 'P2' },
    { op: 'bind', dev: 'accel0', proc: 'P4' },
  ],
};

describe('checkpointInterval(steps)', () => {
  it('never goes below MIN_INTERVAL', () => {
    expect(checkpointInterval(0)).toBe(MIN_INTERVAL);
    expect(checkpointInterval(1000)).toBe(MIN_INTERVAL);
  });
  it('keeps the checkpoint count at MAX_CHECKPOINTS or fewer', () => {
    for (const n of [1e4, 1e5, 12_345, 99_999])
      expect(Math.ceil(n / checkpointInterval(n))).toBeLessThanOrEqual(MAX_CHECKPOINTS);
  });
});

describe('Timeline', () => {
  it('seek(n) reproduces a straight run of n steps, forwards and backwards', () => {
    const tl = Timeline.create(RFC, { interval: 2 });
    for (const n of [9, 3, 0, 5, 4, 8, 1, 9, 2]) {
      tl.seek(n);
      const ref = straight(RFC, n);
      expect(tl.cursor).toBe(n);
      expect(tl.final()).toStrictEqual(ref.final);
      expect(tl.currentResult()).toStrictEqual(ref.results[n - 1] ?? null);
    }
  });

  it('keeps past results without effects and returns the current one with them', () => {
    const tl = Timeline.create(RFC);
    tl.seek(RFC.steps.length);
    const ref = runScenario(RFC);
    expect(tl.resultRange(0, tl.length)).toStrictEqual(ref.steps.map(withoutEffects));
    expect(tl.resultRange(0, tl.length).some((r) => 'effects' in r)).toBe(false);
    expect(tl.currentResult()).toStrictEqual(ref.steps.at(-1));
    expect(tl.currentResult()?.effects?.length).toBeGreaterThan(0);
  });

  it('recomputes the current effects after landing exactly on a checkpoint', () => {
    const tl = Timeline.create(RFC, { interval: 3 });
    tl.seek(9);
    tl.seek(6); // from checkpoint 3, replaying steps 3..5
    tl.step(0);
    expect(tl.currentResult()).toStrictEqual(straight(RFC, 6).results[5]);
  });

  it('step(count) stops at the end and returns results with effects', () => {
    const tl = Timeline.create(RFC);
    const out = tl.step(100);
    expect(out).toStrictEqual(runScenario(RFC).steps);
    expect(tl.cursor).toBe(RFC.steps.length);
    expect(tl.step()).toStrictEqual([]);
  });

  it('insert(step) at the cursor matches a fresh run of the edited scenario', () => {
    const tl = Timeline.create(RFC, { interval: 2 });
    tl.seek(9);
    tl.seek(5);
    const extra: Step = { op: 'exit', proc: 'P3' };
    const r = tl.insert(extra);
    const edited: Scenario = { ...RFC, steps: [...RFC.steps.slice(0, 5), extra, ...RFC.steps.slice(5)] };
    expect(tl.scenario).toStrictEqual(edited);
    expect(tl.length).toBe(10);
    expect(tl.known).toBe(6);
    expect(r).toStrictEqual(straight(edited, 6).results[5]);
    tl.seek(10);
    expect(tl.final()).toStrictEqual(runScenario(edited).final);
    tl.seek(1);
    tl.seek(7);
    expect(tl.final()).toStrictEqual(straight(edited, 7).final);
  });

  it('honours a policy override', () => {
    const tl = Timeline.create(RFC, { policy: 'per-device-cap' });
    tl.seek(RFC.steps.length);
    expect(tl.policy).toBe('per-device-cap');
    expect(tl.final()).toStrictEqual(runScenario(RFC, { policy: 'per-device-cap' }).final);
  });

  it('agrees with a straight run at random seek targets on random scenarios', () => {
    fc.assert(
      fc.property(
        arbScenario({ maxSteps: 40 }),
        fc.integer({ min: 1, max: 7 }),
        fc.option(fc.nat({ max: 300_000 }), { nil: undefined }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
        (scenario, interval, budget, targets) => {
          const opts: TimelineOptions = budget === undefined ? { interval } : { interval, budget };
          const tl = Timeline.create(scenario, opts);
          const ref = runScenario(scenario);
          for (const t of targets) {
            const n = t % (scenario.steps.length + 1);
            tl.seek(n);
            expect(tl.final()).toStrictEqual(straight(scenario, n).final);
            expect(tl.currentResult()).toStrictEqual(ref.steps[n - 1] ?? null);
          }
          tl.seek(scenario.steps.length);
          expect(tl.resultRange(0, tl.length)).toStrictEqual(ref.steps.map(withoutEffects));
          expect(tl.final()).toStrictEqual(ref.final);
        }
      ),
      { numRuns: 150, seed: 5 }
    );
  }, 60_000);

  it('gives the same results, states and checkpoints with deferred checkpoints, flushed or not', () => {
    type Op = { kind: 'step' | 'seek' | 'insert' | 'flush' | 'current'; n: number };
    const arbOp: fc.Arbitrary<Op> = fc.record({
      kind: fc.constantFrom('step', 'seek', 'insert', 'flush', 'current'),
      n: fc.nat({ max: 1000 }),
    });
    fc.assert(
      fc.property(
        arbScenario({ maxSteps: 40 }),
        fc.integer({ min: 1, max: 5 }),
        fc.option(fc.nat({ max: 300_000 }), { nil: undefined }),
        fc.array(arbOp, { minLength: 1, maxLength: 25 }),
        (scenario, interval, budget, ops) => {
          const opts: TimelineOptions = budget === undefined ? { interval } : { interval, budget };
          const plain = Timeline.create(scenario, opts);
          const deferred = Timeline.create(scenario, { ...opts, deferCheckpoints: true });
          const run = (tl: Timeline, op: Op): unknown => {
            switch (op.kind) {
              case 'step':
                return tl.step(1 + (op.n % 3));
              case 'seek':
                tl.seek(op.n % (tl.length + 1));
                return tl.cursor;
              case 'insert': {
                const step = scenario.steps[op.n % Math.max(1, scenario.steps.length)];
                if (!step) return null;
                try {
                  return tl.insert(step);
                } catch (e) {
                  return e instanceof Error ? e.message : String(e);
                }
              }
              case 'flush':
                tl.flushCheckpoint();
                return null;
              case 'current':
                return tl.currentResult();
            }
          };
          for (const op of ops) {
            expect(run(deferred, op)).toStrictEqual(run(plain, op));
            expect(deferred.final()).toStrictEqual(plain.final());
          }
          expect(deferred.checkpointCount).toBe(plain.checkpointCount);
          expect(deferred.interval).toBe(plain.interval);
          expect(deferred.checkpointSize).toBe(plain.checkpointSize);
          expect(deferred.resultRange(0, deferred.length)).toStrictEqual(plain.resultRange(0, plain.length));
        }
      ),
      { numRuns: 150, seed: 11 }
    );
  }, 60_000);

  it('takes a deferred checkpoint only when flushed or before the live state moves on', () => {
    const tl = Timeline.create(RFC, { interval: 4, deferCheckpoints: true });
    tl.step(4); // checkpoint 1 (after 4 steps) is due
    const peek = (t: Timeline): number => (t as unknown as { checkpoints: unknown[] }).checkpoints.length;
    expect(peek(tl)).toBe(1);
    tl.flushCheckpoint();
    expect(peek(tl)).toBe(2);
    tl.step(4); // checkpoint 2 due, then taken before the next step moves the live state
    expect(peek(tl)).toBe(2);
    tl.step(1);
    expect(peek(tl)).toBe(3);
    tl.seek(8);
    expect(tl.final()).toStrictEqual(straight(RFC, 8).final);
  });

  it('bounds the number of checkpoints on a long scenario', () => {
    const steps: Step[] = Array.from({ length: 20_000 }, (_, i) =>
      i % 2 === 0 ? { op: 'bind', dev: 'nic0', proc: 'P1' } : { op: 'unbind', dev: 'nic0', proc: 'P1' }
    );
    const tl = Timeline.create({ ...RFC, steps });
    tl.seek(steps.length);
    expect(tl.checkpointCount).toBeLessThanOrEqual(MAX_CHECKPOINTS + 1);
    tl.seek(12_345);
    expect(tl.final()).toStrictEqual(straight({ ...RFC, steps }, 12_345).final);
  }, 30_000);

  it('halves its checkpoints, doubling the interval, when they outgrow the budget', () => {
    const probe = Timeline.create(RFC);
    const size = probe.checkpointSize; // checkpoint 0; later states of RFC are about as large
    expect(size).toBeGreaterThan(0);
    expect(size).toBeLessThan(CHECKPOINT_BUDGET);
    const tl = Timeline.create(RFC, { interval: 1, budget: 3.5 * size });
    tl.seek(RFC.steps.length);
    expect(tl.checkpointSize).toBeLessThanOrEqual(3.5 * size);
    expect(tl.interval).toBeGreaterThanOrEqual(4);
    expect(tl.checkpointCount).toBe(Math.floor(RFC.steps.length / tl.interval) + 1);
    for (const n of [3, 9, 0, 7, 1, 8]) {
      tl.seek(n);
      expect(tl.final()).toStrictEqual(straight(RFC, n).final);
      expect(tl.currentResult()).toStrictEqual(straight(RFC, n).results[n - 1] ?? null);
    }
  });

  it('keeps checkpoint 0 alone when even it exceeds the budget', () => {
    const tl = Timeline.create(RFC, { interval: 1, budget: 0 });
    tl.seek(RFC.steps.length);
    expect(tl.checkpointCount).toBe(1);
    tl.seek(4);
    expect(tl.final()).toStrictEqual(straight(RFC, 4).final);
  });

  it('seeks forward from the live state, and back from a checkpoint, to the same state', () => {
    const tl = Timeline.create(RFC, { interval: 4 });
    tl.seek(RFC.steps.length);
    tl.seek(1);
    tl.seek(8); // forward: the live state at 1 is close behind checkpoint 4
    const forward = tl.final();
    tl.seek(9);
    tl.seek(8); // back: a copy of checkpoint 4
    expect(tl.final()).toStrictEqual(forward);
    expect(forward).toStrictEqual(straight(RFC, 8).final);
  });
});

describe('Timeline.insert when the engine refuses the step', () => {
  it('leaves the timeline as it was', () => {
    const tl = Timeline.create(RFC);
    tl.seek(2);
    expect(() => tl.insert({ op: 'bind', dev: 'nope', proc: 'P1' })).toThrow();
    expect(tl.length).toBe(RFC.steps.length);
    expect(tl.cursor).toBe(2);
    tl.step();
    expect(tl.final()).toStrictEqual(straight(RFC, 3).final);
  });
});

describe('Timeline.insert of a step that would make the scenario invalid', () => {
  const later: Scenario = {
    ...RFC,
    steps: [
      { op: 'bind', dev: 'nic0', proc: 'P1' },
      { op: 'domain_alloc', id: 'u1', iommu: 'smmu0', type: 'paging' },
      { op: 'fork', proc: 'P1', child: 'C1' },
    ],
  };

  // [step, the validator's message (kept as the cause), what the user reads]
  const cases: [Step, string, string][] = [
    [
      { op: 'domain_alloc', id: 'u1', iommu: 'smmu0', type: 'paging' },
      'steps[2].id: duplicate domain id "u1"',
      'domain_alloc cannot be added at step 2: step 3 allocates a domain named "u1" too: choose another id',
    ],
    [
      { op: 'fork', proc: 'P2', child: 'C1' },
      'steps[3].child: process "C1" already exists',
      'fork cannot be added at step 2: step 4 forks a process named "C1" too: choose another name',
    ],
    [
      { op: 'domain_alloc', id: 'default', iommu: 'smmu0', type: 'paging' },
      'steps[1].id',
      `domain_alloc cannot be added at step 2: "default" is reserved for the group's default domain`,
    ],
    [
      { op: 'attach_dev', dev: 'accel0', domain: 'blocked:smmuv3' },
      'steps[1].domain: expected an id',
      'attach_dev cannot be added at step 2: its domain must be an id (1-32 characters of A-Z a-z 0-9 _ . -)',
    ],
  ];
  it.each(cases)(
    'refuses %o in user terms, the validator’s error as cause, and changes nothing',
    (step, cause, message) => {
      const tl = Timeline.create(later);
      tl.seek(1);
      let err: unknown;
      try {
        tl.insert(step);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(Error);
      expect((err as Error).message).toBe(message);
      expect((err as Error).cause).toBeInstanceOf(ScenarioError);
      expect(((err as Error).cause as Error).message).toContain(cause);
      expect(tl.scenario.steps).toStrictEqual(later.steps);
      expect(tl.cursor).toBe(1);
      tl.seek(3);
      expect(tl.final()).toStrictEqual(straight(later, 3).final);
    }
  );
});

describe('Timeline change records', () => {
  it('records the steps since the last take, and reports null once the live state was replaced', () => {
    const tl = Timeline.create(RFC, { interval: 4 });
    expect(tl.takeTouched()).toBeNull(); // nothing was recording yet
    tl.step(2);
    const t = tl.takeTouched();
    expect([...(t?.procs ?? [])]).toEqual(['P1', 'P2']);
    expect(t?.globals).toBe(true);
    expect(t?.bonds.size).toBe(2);
    tl.step(1);
    tl.seek(1); // backward: a checkpoint copy replaces the live state
    expect(tl.takeTouched()).toBeNull();
    tl.seek(3); // forward from the live state: recorded
    expect([...(tl.takeTouched()?.procs ?? [])]).toEqual(['P2', 'P3']);
    tl.stopTracking();
    tl.step(1);
    expect(tl.takeTouched()).toBeNull();
    tl.insert({ op: 'exit', proc: 'P3' }); // an inserted step is recorded like any other
    expect([...(tl.takeTouched()?.procs ?? [])]).toEqual(['P3']);
  });
});
