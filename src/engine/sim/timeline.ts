/**
 * Timeline: random access to any step of a scenario without replaying from step 0.
 *
 * A checkpoint (a Simulation.clone()) is kept every `interval` steps, so seek(n) costs one clone
 * of the nearest checkpoint below n plus fewer than `interval` replayed steps. The interval grows
 * with the scenario so there are never more than MAX_CHECKPOINTS of them: memory is bounded by
 * MAX_CHECKPOINTS copies of the state, whatever the length.
 *
 * Results of past steps are kept without their effects (effects are the bulky part and only the
 * current step's are ever shown); the current step's effects come back from the replay that
 * reaches it (see currentResult()).
 *
 * Steps are run with Simulation.apply(), never step(): the timeline owns the step list, so an
 * interactive insert changes it without touching the checkpoints below the insertion point.
 */
import type { SimState } from '../kernel/state.ts';
import type { Policy, Scenario, Step } from '../scenario/types.ts';
import type { FinalState, StepResult } from '../trace/types.ts';
import { Simulation } from './simulation.ts';

/** Never more checkpoints than this (memory bound). */
export const MAX_CHECKPOINTS = 48;
/** Never a shorter interval than this (below it a clone costs more than the replay it saves). */
export const MIN_INTERVAL = 256;

/**
 * The checkpoint interval for a scenario of `steps` steps: at least MIN_INTERVAL, and large
 * enough that at most `maxCheckpoints` checkpoints cover the whole scenario.
 */
export function checkpointInterval(steps: number, maxCheckpoints = MAX_CHECKPOINTS): number {
  return Math.max(MIN_INTERVAL, Math.ceil(steps / Math.max(1, maxCheckpoints)));
}

export interface TimelineOptions {
  /** Overrides scenario.policy. */
  policy?: Policy;
  /** Steps between checkpoints (default checkpointInterval(steps.length)). Fixed for the timeline's life. */
  interval?: number;
}

/** A result without its effects (what the timeline keeps for past steps). */
function bare(r: StepResult, i: number): StepResult {
  const { effects: _effects, ...rest } = r;
  rest.i = i;
  return rest;
}

/**
 * @example
 * const tl = Timeline.create(parseScenario(json));
 * tl.seek(90_000);           // ≤ one clone + (interval − 1) steps
 * tl.currentResult();        // step 89,999's result, effects included
 * tl.seek(10);               // back: from the checkpoint at 0
 */
export class Timeline {
  readonly policy: Policy;
  /** Steps between checkpoints. */
  readonly interval: number;
  private readonly base: Scenario;
  private steps: Step[];
  /** `base` with `steps`, rebuilt by every insert. */
  private view: Scenario;
  /** State after `at` steps. Records effects (their cost is negligible next to the step itself). */
  private live: Simulation;
  private at = 0;
  /** checkpoints[k]: pristine state after k × interval steps; contiguous from 0. Never stepped. */
  private readonly checkpoints: Simulation[];
  /** results[i]: step i's result without effects, for every step applied so far at least once. */
  private readonly results: StepResult[] = [];
  /** The current step's result with its effects, when the live simulation produced it. */
  private current: StepResult | null = null;

  private constructor(scenario: Scenario, policy: Policy, interval: number) {
    this.base = scenario;
    this.view = scenario;
    this.steps = scenario.steps.slice();
    this.policy = policy;
    this.interval = interval;
    this.live = Simulation.create(scenario, { policy, effects: true });
    this.checkpoints = [this.live.clone()];
  }

  /** A timeline at step 0 of a validated scenario (see parseScenario). */
  static create(scenario: Scenario, opts: TimelineOptions = {}): Timeline {
    const interval = Math.max(1, Math.floor(opts.interval ?? checkpointInterval(scenario.steps.length)));
    return new Timeline(scenario, opts.policy ?? scenario.policy ?? 'global', interval);
  }

  /** Steps applied (0 … length). */
  get cursor(): number {
    return this.at;
  }

  /** Number of steps in the scenario (inserts included). */
  get length(): number {
    return this.steps.length;
  }

  /** The scenario as it stands (inserted steps included). */
  get scenario(): Scenario {
    return this.view;
  }

  /** State after `cursor` steps (read it, never mutate it). */
  get state(): Readonly<SimState> {
    return this.live.state;
  }

  /** Checkpoints held now (for memory accounting). */
  get checkpointCount(): number {
    return this.checkpoints.length;
  }

  /** How many leading steps have a known result (≥ cursor). */
  get known(): number {
    return this.results.length;
  }

  /** Step i's result without effects, if that step has been applied. */
  result(i: number): StepResult | undefined {
    return this.results[i];
  }

  /** Results of steps [from, to) that are known, without effects. */
  resultRange(from: number, to: number): StepResult[] {
    return this.results.slice(Math.max(0, from), Math.min(to, this.results.length));
  }

  /** The result of step cursor−1 with its effects (null at step 0). */
  currentResult(): StepResult | null {
    if (this.at === 0) return null;
    if (this.current?.i !== this.at - 1) {
      // Landed without replaying the last step (a checkpoint hit, or an insert elsewhere): redo it.
      const target = this.at;
      this.restore(target - 1);
      this.advance(target);
    }
    return this.current;
  }

  /** `final` (spec §3) of the state at the cursor. */
  final(): FinalState {
    return this.live.final();
  }

  /** Applies the next `count` steps (fewer at the end); returns their results with effects. */
  step(count = 1): StepResult[] {
    const to = Math.min(this.steps.length, this.at + Math.max(0, count));
    const out: StepResult[] = [];
    while (this.at < to) out.push(this.applyNext());
    return out;
  }

  /**
   * Moves to `n` steps applied (clamped to 0 … length): forward from the live state when n is
   * at most two intervals ahead, else from the closest checkpoint at or below n − 1, so the last
   * replayed step is step n − 1 and its effects are at hand.
   */
  seek(n: number): void {
    const target = Math.min(this.steps.length, Math.max(0, Math.floor(n)));
    if (target === this.at) return;
    const from = target === 0 ? 0 : Math.floor((target - 1) / this.interval) * this.interval;
    // Replaying up to two intervals forward costs less than a clone of a large state.
    const forward = this.at <= target && (this.at >= from || target - this.at <= 2 * this.interval);
    if (!forward) this.restore(from);
    this.advance(target);
  }

  /**
   * Inserts `step` at the cursor and applies it (an interactive action). Results and checkpoints
   * past the cursor are dropped: they described the old step list.
   */
  insert(step: Step): StepResult {
    const i = this.at;
    // Applied first: a step the engine refuses (throws) leaves the timeline as it was.
    const r: StepResult = { ...this.live.apply(step), i };
    this.steps = this.steps.slice();
    this.steps.splice(i, 0, step);
    this.view = { ...this.base, steps: this.steps };
    this.results.length = i;
    this.checkpoints.length = Math.min(this.checkpoints.length, Math.floor(i / this.interval) + 1);
    return this.commit(r);
  }

  /** Replaces the live state with a copy of the nearest checkpoint at or below `n`, building any missing ones. */
  private restore(n: number): void {
    const k = Math.floor(n / this.interval);
    if (k < this.checkpoints.length) {
      const cp = this.checkpoints[k];
      if (!cp) throw new Error(`Timeline: checkpoint ${k} missing`);
      if (!(this.at >= k * this.interval && this.at <= n)) {
        this.live = cp.clone();
        this.at = k * this.interval;
        this.current = null;
      }
    } else {
      // Past the last checkpoint: continue from it (or from the live state if that is further on).
      const lastK = this.checkpoints.length - 1;
      const last = this.checkpoints[lastK];
      if (!last) throw new Error('Timeline: no checkpoint');
      if (!(this.at >= lastK * this.interval && this.at <= n)) {
        this.live = last.clone();
        this.at = lastK * this.interval;
        this.current = null;
      }
    }
    this.advance(n);
  }

  private advance(n: number): void {
    while (this.at < n) this.applyNext();
  }

  private applyNext(): StepResult {
    const i = this.at;
    const step = this.steps[i];
    if (!step) throw new Error(`Timeline: no step ${i} (the scenario has ${this.steps.length})`);
    return this.commit({ ...this.live.apply(step), i });
  }

  /** Records step r.i's result as applied: cursor, kept result, current effects, checkpoint. */
  private commit(r: StepResult): StepResult {
    const i = r.i;
    this.at = i + 1;
    if (i === this.results.length) this.results.push(bare(r, i));
    this.current = r;
    if (this.at % this.interval === 0 && this.at / this.interval === this.checkpoints.length) {
      this.checkpoints.push(this.live.clone());
    }
    return r;
  }
}
