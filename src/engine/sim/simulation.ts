/**
 * Simulation: one scenario replayed step by step on the simulated kernel + hardware.
 * The engine never schedules itself: callers (worker, CLI, tests, bench) call step().
 */
import { DRIVERS } from '../hw/index.ts';
import { applyStep } from '../kernel/applyStep.ts';
import type { Outcome } from '../kernel/outcome.ts';
import { bootState } from '../kernel/topology.ts';
import type { Ctx, SimState, Touched } from '../kernel/state.ts';
import type { Policy, Scenario, Step } from '../scenario/types.ts';
import { TRACE_FORMAT } from '../trace/types.ts';
import type { Effect, FinalState, StepResult, Trace } from '../trace/types.ts';
import { copySnapshot, cloneData, takeSnapshot } from './cloneState.ts';
import type { Snapshot } from './cloneState.ts';
import { finalState, traceHash } from './final.ts';

export interface SimOptions {
  /** Overrides scenario.policy (CLI --policy, policy A/B). */
  policy?: Policy;
  /** Record hardware effects on each StepResult (default true). */
  effects?: boolean;
}

/**
 * Spec §3 key order: i, op, ok, pasid, errno, fault, via, message, effects. The common shapes are
 * built as whole literals: an object made as `{ i, op, ok }` has room for exactly those three fields,
 * and each field added later goes to a separately allocated property store (one more object per step).
 */
export function toResult(i: number, step: Step, out: Outcome, effects: Effect[] | null): StepResult {
  const op = step.op;
  const fx = effects !== null && effects.length > 0 ? effects : null;
  if (out.ok) {
    if (out.message === undefined && out.via === undefined) {
      const pasid = out.pasid;
      if (fx === null) return pasid === undefined ? { i, op, ok: true } : { i, op, ok: true, pasid };
      return pasid === undefined ? { i, op, ok: true, effects: fx } : { i, op, ok: true, pasid, effects: fx };
    }
  } else if (out.pasid === undefined) {
    const { errno, fault, via, message } = out;
    // A kernel errno.
    if (fault === undefined && via === undefined && errno !== undefined) {
      return fx === null ? { i, op, ok: false, errno, message } : { i, op, ok: false, errno, message, effects: fx };
    }
    // A DMA stopped by the IOMMU on its way (dma steps).
    if (errno === undefined && fault !== undefined && via !== undefined) {
      return fx === null
        ? { i, op, ok: false, fault, via, message }
        : { i, op, ok: false, fault, via, message, effects: fx };
    }
  }
  return anyResult(i, op, out, fx);
}

/** toResult for every other outcome: fields added one by one, in spec order (the reference toResult is tested against). */
export function anyResult(i: number, op: Step['op'], out: Outcome, fx: Effect[] | null): StepResult {
  const r: StepResult = { i, op, ok: out.ok };
  if (out.pasid !== undefined) r.pasid = out.pasid;
  if (!out.ok && out.errno !== undefined) r.errno = out.errno;
  if (!out.ok && out.fault !== undefined) r.fault = out.fault;
  if (out.via !== undefined) r.via = out.via;
  if (out.message !== undefined) r.message = out.message;
  if (fx !== null) r.effects = fx;
  return r;
}

/**
 * @example
 * const sim = Simulation.create(parseScenario(json));
 * while (!sim.done) console.log(sim.step());
 */
export class Simulation {
  readonly scenario: Scenario;
  readonly policy: Policy;
  private readonly recordEffects: boolean;
  private st: SimState;
  private at: number;
  /** One Ctx per simulation, its effect sink swapped per step (saves an allocation per step). */
  private readonly ctx: Ctx;

  private constructor(scenario: Scenario, policy: Policy, recordEffects: boolean, st: SimState, at: number) {
    this.scenario = scenario;
    this.policy = policy;
    this.recordEffects = recordEffects;
    this.st = st;
    this.at = at;
    // `touched` present from the start: the Ctx keeps one shape whether or not changes are tracked.
    this.ctx = { s: st, fx: null, drv: DRIVERS, touched: null };
  }

  /** Builds the topology (probe, default domains) from a validated scenario (see parseScenario). */
  static create(scenario: Scenario, opts: SimOptions = {}): Simulation {
    const policy = opts.policy ?? scenario.policy ?? 'global';
    return new Simulation(scenario, policy, opts.effects ?? true, bootState(scenario, policy, DRIVERS), 0);
  }

  /** Number of steps applied so far. */
  get cursor(): number {
    return this.at;
  }

  get done(): boolean {
    return this.at >= this.scenario.steps.length;
  }

  /** The live kernel + hardware state (read it, never mutate it). */
  get state(): Readonly<SimState> {
    return this.st;
  }

  /** Applies scenario.steps[cursor] and advances. */
  step(): StepResult {
    const step = this.scenario.steps[this.at];
    if (!step) throw new Error(`Simulation.step: no step ${this.at} (the scenario has ${this.scenario.steps.length})`);
    const r = this.run(this.at, step);
    this.at++;
    return r;
  }

  /**
   * Records what the following steps change into `t` (null: stop recording). Not carried over by
   * clone() or restore(): their copies start unrecorded.
   */
  trackChanges(t: Touched | null): void {
    this.ctx.touched = t;
  }

  /** Applies a step that is not part of the scenario (interactive use); does not move the cursor. */
  apply(step: Step): StepResult {
    return this.run(this.at, step);
  }

  /** `final` as spec §3 defines it. */
  final(): FinalState {
    return finalState(this.st);
  }

  /** Independent deep copy. */
  clone(): Simulation {
    return new Simulation(this.scenario, this.policy, this.recordEffects, cloneData(this.st), this.at);
  }

  /** A private copy of the state (timeline checkpoints): restore() copies it again much faster than clone(). */
  snapshot(): Snapshot<SimState> {
    return takeSnapshot(this.st);
  }

  /** A simulation like this one (scenario, policy, effects, cursor) on a fresh copy of `snap`'s state. */
  restore(snap: Snapshot<SimState>): Simulation {
    return new Simulation(this.scenario, this.policy, this.recordEffects, copySnapshot(snap), this.at);
  }

  private run(i: number, step: Step): StepResult {
    const fx: Effect[] | null = this.recordEffects ? [] : null;
    const c = this.ctx;
    c.fx = fx;
    const out = applyStep(c, step);
    c.fx = null; // the caller owns the effects now; the engine never writes to them again
    return toResult(i, step, out, fx);
  }
}

/** Runs every step and returns the spec §3 trace. */
export function runScenario(scenario: Scenario, opts: SimOptions = {}): Trace {
  const t = streamScenario(scenario, opts);
  const steps = [...t.steps];
  return { format: t.format, policy: t.policy, steps, ...t.end() };
}

/** A Trace made as it is read: nothing is kept, so any scenario within the spec's limits fits in memory. */
export interface TraceStream {
  format: typeof TRACE_FORMAT;
  policy: Policy;
  /** Each step's result, made when it is read; iterate it once. */
  steps: Iterable<StepResult>;
  /** `final` and `hash`, once `steps` is exhausted. */
  end(): Pick<Trace, 'final' | 'hash'>;
}

/**
 * runScenario for a caller that writes each step out and drops it (the CLI): a 100,000-step scenario
 * over big groups has gigabytes of effects, more than one string or the heap can hold.
 */
export function streamScenario(scenario: Scenario, opts: SimOptions = {}): TraceStream {
  const sim = Simulation.create(scenario, opts);
  return {
    format: TRACE_FORMAT,
    policy: sim.policy,
    steps: {
      *[Symbol.iterator]() {
        while (!sim.done) yield sim.step();
      },
    },
    end() {
      const final = sim.final();
      return { final, hash: traceHash(final) };
    },
  };
}
