/**
 * Simulation: one scenario replayed step by step on the simulated kernel + hardware.
 * The engine never schedules itself: callers (worker, CLI, tests, bench) call step().
 */
import type { Policy, Scenario, Step } from '../scenario/types.ts';
import type { SimState } from '../kernel/state.ts';
import type { FinalState, StepResult, Trace } from '../trace/types.ts';

export interface SimOptions {
  /** Overrides scenario.policy (CLI --policy, policy A/B). */
  policy?: Policy;
  /** Record hardware effects on each StepResult (default true). */
  effects?: boolean;
}

/**
 * @example
 * const sim = Simulation.create(scenario);
 * while (!sim.done) console.log(sim.step());
 */
export class Simulation {
  readonly scenario: Scenario;
  readonly policy: Policy;
  private readonly recordEffects: boolean;
  private st: SimState;
  private at: number;

  private constructor(scenario: Scenario, policy: Policy, recordEffects: boolean, st: SimState, at: number) {
    this.scenario = scenario;
    this.policy = policy;
    this.recordEffects = recordEffects;
    this.st = st;
    this.at = at;
  }

  /** Builds the topology (probe, default domains) from a validated scenario. */
  static create(_scenario: Scenario, _opts: SimOptions = {}): Simulation {
    throw new Error('Simulation.create: not implemented yet');
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
    throw new Error('Simulation.step: not implemented yet');
  }

  /** Applies a step that is not part of the scenario (interactive use); does not move the cursor. */
  apply(_step: Step): StepResult {
    throw new Error('Simulation.apply: not implemented yet');
  }

  /** final state as spec §3 defines it. */
  final(): FinalState {
    throw new Error('Simulation.final: not implemented yet');
  }

  /** Independent deep copy (timeline checkpoints). */
  clone(): Simulation {
    return new Simulation(this.scenario, this.policy, this.recordEffects, structuredClone(this.st), this.at);
  }
}

/** Runs every step and returns the spec §3 trace. */
export function runScenario(_scenario: Scenario, _opts: SimOptions = {}): Trace {
  throw new Error('runScenario: not implemented yet');
}
