/**
 * SimPort: how machines reach the simulation. The app passes its SimClient; tests pass a fake.
 * Machines never import the client's runtime, so a fake port is all a test needs.
 */
import type { Policy, Scenario, Step, StepResult } from '../engine/index.ts';
import type { SimPosition } from '../protocol/index.ts';
import { fromPromise } from 'xstate';
import type { ModelView } from './modelView.ts';

export interface SimPort {
  /** The mirrored kernel state the guards read. */
  readonly model: ModelView;
  /** The acknowledged scenario (interactive steps included), or null before a load. */
  readonly scenario: Scenario | null;
  load(scenario: Scenario, policy: Policy, cursor: number): Promise<SimPosition>;
  step(count: number): Promise<SimPosition>;
  seek(cursor: number): Promise<SimPosition>;
  insert(step: Step): Promise<{ result: StepResult }>;
}

/** Inserts one step at the cursor and applies it; resolves with the kernel's result. */
export const runStep = fromPromise<StepResult, { port: SimPort; step: Step }>(async ({ input }) => {
  return (await input.port.insert(input.step)).result;
});
