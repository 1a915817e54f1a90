/**
 * Timeline: random access to any step of a scenario without replaying from step 0.
 *
 * A checkpoint (a Simulation.snapshot()) is kept every `interval` steps, so seek(n) costs one copy
 * of the nearest checkpoint below n plus fewer than `interval` replayed steps, or only the replay
 * when the live state is close enough behind n. The interval grows with the scenario so there are
 * never more than MAX_CHECKPOINTS of them, and doubles (every other checkpoint is dropped) whenever
 * they would hold more than a budget of values: memory is bounded whatever the length and the
 * topology.
 *
 * Results of past steps are kept without their effects (effects are the bulky part and only the
 * current step's are ever shown); the current step's effects come back from the replay that
 * reaches it (see currentResult()).
 *
 * Steps are run with Simulation.apply(), never step(): the timeline owns the step list, so an
 * interactive insert changes it without touching the checkpoints below the insertion point.
 */
import type { SimState, Touched } from '../kernel/state.ts';
import { newTouched } from '../kernel/touched.ts';
import { parseScenario, ScenarioError } from '../scenario/parse.ts';
import type { Policy, Scenario, Step } from '../scenario/types.ts';
import type { FinalState, StepResult } from '../trace/types.ts';
import type { Snapshot } from './cloneState.ts';
import { insertRefusal } from './insertRefusal.ts';
import { Simulation } from './simulation.ts';

/** Never more checkpoints than this (it sets the starting interval; CHECKPOINT_BUDGET bounds their memory). */
export const MAX_CHECKPOINTS = 48;
/** Never a shorter interval than this (below it a copy costs more than the replay it saves). */
export const MIN_INTERVAL = 256;
/**
 * Default bound on the values all checkpoints hold together (Snapshot.size): 45–50 MiB once
 * serialized, about 135 MiB of heap (24 bytes a value). A 64-device, 512-process state grows to
 * 280,000 values: 48 structuredClone checkpoints of it took 78 MiB serialized, 580 MiB of heap.
 */
export const CHECKPOINT_BUDGET = 6_000_000;
/**
 * Values copied in the time one step is replayed (measured 45–100 across topologies: a copy costs
 * 25–30 ns a value, its garbage collection included, a step 1–2.5 µs). seek() uses it to choose
 * between replaying forward from the live state and copying a checkpoint.
 */
const VALUES_PER_STEP = 64;

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
  /** Steps between checkpoints to start with (default checkpointInterval(steps.length)); doubles past `budget`. */
  interval?: number;
  /** Bound on the values all checkpoints hold (default CHECKPOINT_BUDGET); checkpoint 0 is always kept. */
  budget?: number;
  /**
   * Take a checkpoint that a step makes due in flushCheckpoint(), not inside the step: a caller
   * that answers the step first (the worker host) sends its frame before the copy, which takes tens
   * of milliseconds on a big state. Anything that reads the checkpoints or moves the live state on
   * takes a due checkpoint first, so results and states are the same either way.
   */
  deferCheckpoints?: boolean;
}

/** A result without its effects (what the timeline keeps for past steps). */
function bare(r: StepResult, i: number): StepResult {
  const { effects: _effects, ...rest } = r;
  rest.i = i;
  return rest;
}

function isValid(scenario: Scenario): boolean {
  try {
    parseScenario(scenario);
    return true;
  } catch {
    return false;
  }
}

const sizeOf = (cps: readonly Snapshot<SimState>[]): number => cps.reduce((sum, cp) => sum + cp.size, 0);

/**
 * @example
 * const tl = Timeline.create(parseScenario(json));
 * tl.seek(90_000);           // ≤ one copy + (interval − 1) steps
 * tl.currentResult();        // step 89,999's result, effects included
 * tl.seek(10);               // back: from the checkpoint at 0
 */
export class Timeline {
  readonly policy: Policy;
  private readonly base: Scenario;
  private steps: Step[];
  /** `base` with `steps`, rebuilt by every insert. */
  private view: Scenario;
  /** State after `at` steps. Records effects (their cost is negligible next to the step itself). */
  private live: Simulation;
  /**
   * Never stepped; restore() takes the scenario, policy and effects setting from it. Copying from
   * it rather than from `live` lets the old state go before its replacement is built: kept alive
   * through the copy, it survived the collections the copy triggers, which doubled their cost.
   */
  private readonly blank: Simulation;
  private at = 0;
  /** Steps between checkpoints; only doubles (see keep()). */
  private every: number;
  private readonly budget: number;
  /** checkpoints[k]: pristine state after k × every steps; contiguous from 0. Never mutated. */
  private checkpoints: Snapshot<SimState>[] = [];
  /** Sum of the checkpoints' sizes. */
  private held = 0;
  /** See TimelineOptions.deferCheckpoints. */
  private readonly defer: boolean;
  /** A checkpoint of the live state at `at` is due (deferred mode only). */
  private due = false;
  /** results[i]: step i's result without effects, for every step applied so far at least once. */
  private readonly results: StepResult[] = [];
  /** The current step's result with its effects, when the live simulation produced it. */
  private current: StepResult | null = null;
  /**
   * What the live simulation's steps changed since the last takeTouched(), or null when that is
   * unknown: not tracking (before the first take, after stopTracking) or the live state was replaced.
   */
  private touched: Touched | null = null;
  /** Whether the step list passed the validator before the first insert that failed it (checkStillValid). */
  private baseValid: boolean | null = null;

  private constructor(scenario: Scenario, policy: Policy, interval: number, budget: number, defer: boolean) {
    this.base = scenario;
    this.view = scenario;
    this.steps = scenario.steps.slice();
    this.policy = policy;
    this.every = interval;
    this.budget = budget;
    this.defer = defer;
    this.live = Simulation.create(scenario, { policy, effects: true });
    this.blank = Simulation.create(scenario, { policy, effects: true });
    this.keep(this.live.snapshot());
  }

  /** A timeline at step 0 of a validated scenario (see parseScenario). */
  static create(scenario: Scenario, opts: TimelineOptions = {}): Timeline {
    const interval = Math.max(1, Math.floor(opts.interval ?? checkpointInterval(scenario.steps.length)));
    const policy = opts.policy ?? scenario.policy ?? 'global';
    return new Timeline(
      scenario,
      policy,
      interval,
      Math.max(0, opts.budget ?? CHECKPOINT_BUDGET),
      opts.deferCheckpoints ?? false
    );
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

  /** Steps between checkpoints now (it grows when the checkpoints outgrow the budget). */
  get interval(): number {
    this.flushCheckpoint();
    return this.every;
  }

  /** Checkpoints held now (for memory accounting). */
  get checkpointCount(): number {
    this.flushCheckpoint();
    return this.checkpoints.length;
  }

  /** Values the checkpoints hold (Snapshot.size): within the budget unless checkpoint 0 alone exceeds it. */
  get checkpointSize(): number {
    this.flushCheckpoint();
    return this.held;
  }

  /** Takes the checkpoint the last step made due, if any (deferCheckpoints; a no-op otherwise). */
  flushCheckpoint(): void {
    if (!this.due) return;
    this.due = false;
    this.keep(this.live.snapshot());
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

  /**
   * What the steps applied since the previous call changed (see Touched), or null when that is
   * unknown: the first call, tracking stopped since, or the live state was replaced by a checkpoint
   * copy (a backward seek, currentResult() replaying a step). Starts a fresh record either way.
   */
  takeTouched(): Touched | null {
    const t = this.touched;
    this.touched = newTouched();
    this.live.trackChanges(this.touched);
    return t;
  }

  /** Stops recording until the next takeTouched() (a long jump: its record would be thrown away). */
  stopTracking(): void {
    this.touched = null;
    this.live.trackChanges(null);
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
   * Moves to `n` steps applied (clamped to 0 … length) from the closest checkpoint at or below
   * n − 1, so the last replayed step is step n − 1 and its effects are at hand; or forward from the
   * live state, without a copy, when n is ahead and replaying the extra steps costs less.
   */
  seek(n: number): void {
    this.flushCheckpoint();
    const target = Math.min(this.steps.length, Math.max(0, Math.floor(n)));
    if (target === this.at) return;
    const from = target === 0 ? 0 : Math.floor((target - 1) / this.every) * this.every;
    // restore(from) would copy checkpoint k and replay target − base steps; going forward replays
    // target − at. Forward wins while the live state is less than a copy's worth of steps behind base.
    const k = Math.min(this.checkpoints.length - 1, from / this.every);
    const base = k * this.every;
    const copy = (this.checkpoints[k]?.size ?? 0) / VALUES_PER_STEP;
    if (!(this.at <= target && this.at >= base - copy)) this.restore(from);
    this.advance(target);
  }

  /**
   * Inserts `step` at the cursor and applies it (an interactive action). Results and checkpoints
   * past the cursor are dropped: they described the old step list.
   */
  insert(step: Step): StepResult {
    this.flushCheckpoint();
    const i = this.at;
    const steps = this.steps.slice();
    steps.splice(i, 0, step);
    const view = { ...this.base, steps };
    this.checkStillValid(view, i);
    // Applied first: a step the engine refuses (throws) leaves the timeline as it was.
    const r: StepResult = { ...this.live.apply(step), i };
    this.steps = steps;
    this.view = view;
    this.results.length = i;
    if (this.checkpoints.length > Math.floor(i / this.every) + 1) {
      this.checkpoints.length = Math.floor(i / this.every) + 1;
      this.held = sizeOf(this.checkpoints);
    }
    return this.commit(r);
  }

  /**
   * The step list must stay a valid scenario (spec §1), or its link, its JSON export and every
   * later edit would be refused: a step that introduces an id a later step introduces too
   * (domain_alloc u1, fork → C1) is only wrong in the light of the steps after it. The validator
   * decides, as for a file (~0.15 s at the spec's 100,000-step limit, nothing at the sizes people
   * edit by hand). A timeline made from a scenario that never went through the validator (engine
   * tests drive it with arbitrary steps) is not held to it.
   */
  private checkStillValid(view: Scenario, i: number): void {
    try {
      parseScenario(view);
    } catch (e) {
      if (!(e instanceof ScenarioError)) throw e;
      this.baseValid ??= isValid(this.view);
      if (!this.baseValid) return;
      // The validator's own error stays as the cause, for code that wants the path.
      throw new Error(insertRefusal(e, view.steps, i), { cause: e });
    }
  }

  /**
   * Makes the live state a copy of the nearest checkpoint at or below `n` (past the last one: the
   * last one) unless it already lies between that checkpoint and n, then replays up to n, building
   * any missing checkpoints on the way.
   */
  private restore(n: number): void {
    this.flushCheckpoint();
    const k = Math.min(this.checkpoints.length - 1, Math.floor(n / this.every));
    const cp = this.checkpoints[k];
    if (!cp) throw new Error(`Timeline: checkpoint ${k} missing`);
    if (!(this.at >= k * this.every && this.at <= n)) {
      this.live = this.blank;
      this.live = this.blank.restore(cp);
      this.at = k * this.every;
      this.current = null;
      // The copy starts unrecorded: what changed since the last take is unknown now.
      this.touched = null;
    }
    this.advance(n);
  }

  /** Adds the next checkpoint, then halves their number (doubling the interval) while they exceed the budget. */
  private keep(cp: Snapshot<SimState>): void {
    this.checkpoints.push(cp);
    this.held += cp.size;
    while (this.held > this.budget && this.checkpoints.length > 1) {
      // Checkpoint 2j (after 2j × every steps) is checkpoint j of the doubled interval.
      this.checkpoints = this.checkpoints.filter((_, j) => j % 2 === 0);
      this.every *= 2;
      this.held = sizeOf(this.checkpoints);
    }
  }

  private advance(n: number): void {
    while (this.at < n) this.applyNext();
  }

  private applyNext(): StepResult {
    this.flushCheckpoint();
    const i = this.at;
    const step = this.steps[i];
    if (!step) throw new Error(`Timeline: no step ${i} (the scenario has ${this.steps.length})`);
    // apply() returns a fresh result numbered by the Simulation's cursor, which the timeline never moves.
    const r = this.live.apply(step);
    r.i = i;
    return this.commit(r);
  }

  /** Records step r.i's result as applied: cursor, kept result, current effects, checkpoint. */
  private commit(r: StepResult): StepResult {
    const i = r.i;
    this.at = i + 1;
    if (i === this.results.length) this.results.push(bare(r, i));
    this.current = r;
    if (this.at % this.every === 0 && this.at / this.every === this.checkpoints.length) {
      if (this.defer) this.due = true;
      else this.keep(this.live.snapshot());
    }
    return r;
  }
}
