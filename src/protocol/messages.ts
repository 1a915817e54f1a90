/**
 * Messages between the client (main thread) and the simulation worker: two discriminated unions
 * keyed by a dot-namespaced `type`. Requests carry an `id`; the worker answers each with exactly
 * one `sim.ack` or `sim.nack` carrying the same id, in request order. Frames are unsolicited.
 */
import type { Policy, Scenario, Step, StepResult } from '../engine/index.ts';
import type { FrameDelta } from './frame.ts';

/** Request id, unique per client. */
export type RequestId = number & { readonly __brand: 'RequestId' };

/** Makes a RequestId from a counter value. */
export function requestId(n: number): RequestId {
  return n as RequestId;
}

/** Client → worker. */
export type Request =
  /** Replace the scenario and replay `cursor` steps (also how a restarted worker catches up). */
  | { type: 'sim.load'; id: RequestId; scenario: Scenario; policy: Policy; cursor: number }
  /** Apply the next `count` pending steps (fewer at the end of the scenario). */
  | { type: 'sim.step'; id: RequestId; count: number }
  /** Move to `cursor` steps applied (backwards replays from the start). */
  | { type: 'sim.seek'; id: RequestId; cursor: number }
  /** Insert `step` at the cursor and apply it (an interactive action); the ack carries its result. */
  | { type: 'sim.insert'; id: RequestId; step: Step }
  /** Test hook: the worker throws from a task, as a crashing engine would. */
  | { type: 'debug.crash'; id: RequestId };

/** The request types. */
export type RequestType = Request['type'];

/** Where the worker stands after a request. */
export interface SimPosition {
  cursor: number;
  length: number;
}

/** Worker → client. */
export type WorkerMessage =
  /** The worker has loaded its code and can take requests. */
  | { type: 'sim.ready' }
  /** Request `id` succeeded. `result` is the inserted step's result for `sim.insert`. */
  | { type: 'sim.ack'; id: RequestId; position: SimPosition; result?: StepResult }
  /** Request `id` failed (engine error, bad input); state is as before the request. */
  | { type: 'sim.nack'; id: RequestId; message: string }
  /** Still working on request `id` (long replays): keeps the client's watchdog quiet. */
  | { type: 'sim.progress'; id: RequestId; done: number; total: number }
  /** A state delta, posted with its typed arrays in the transfer list. */
  | { type: 'sim.frame'; frame: FrameDelta };

/** The worker message types. */
export type WorkerMessageType = WorkerMessage['type'];

/**
 * What both sides of the channel look like: a browser Worker, a worker's global scope, or one
 * end of the in-process loopback.
 */
export interface Endpoint<In, Out> {
  postMessage(message: Out, transfer?: ArrayBuffer[]): void;
  addEventListener(type: 'message', listener: (event: { data: In }) => void): void;
  removeEventListener(type: 'message', listener: (event: { data: In }) => void): void;
}
