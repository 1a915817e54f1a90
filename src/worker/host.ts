/**
 * SimHost: one engine instance behind the message protocol. Transport-free: `sim.worker.ts` wires
 * it to the worker global scope, and the client's in-process fallback wires it to a loopback.
 * May import: engine, protocol. Never DOM, React, stores or machines.
 */
import { Simulation } from '../engine/index.ts';
import type { Policy, Scenario, Step, StepResult } from '../engine/index.ts';
import { frameTransferables } from '../protocol/index.ts';
import type { FrameDelta, Request, RequestId, WorkerMessage } from '../protocol/index.ts';
import { Differ } from './differ.ts';
import { ViewDiffer } from './viewModel.ts';

/** Sends one message with its transfer list. */
export type Post = (message: WorkerMessage, transfer: ArrayBuffer[]) => void;

/** Clock used for progress heartbeats (performance.now in browsers and Node). */
export type Now = () => number;

const PROGRESS_EVERY_MS = 200;

interface Loaded {
  sim: Simulation;
  scenario: Scenario;
  policy: Policy;
  cursor: number;
  results: StepResult[];
  differ: Differ;
  /** The live views' sections (hardware tables, holders), diffed like `differ`. */
  views: ViewDiffer;
}

/**
 * Handles requests in arrival order. Each request ends with exactly one ack or nack; a request
 * that changed the state is followed by one frame (posted before the ack, so the client has the
 * new rows by the time a caller awaits the result).
 */
export class SimHost {
  private cur: Loaded | null = null;
  private epoch = 0;
  private seq = 0;
  /** Results the client has not seen yet start here (log truncation point). */
  private logFrom = 0;
  private readonly post: Post;
  private readonly now: Now;

  constructor(post: Post, now: Now = () => performance.now()) {
    this.post = post;
    this.now = now;
  }

  /** Announces that the host can take requests. */
  ready(): void {
    this.post({ type: 'sim.ready' }, []);
  }

  /** Handles one request; engine errors become a nack and leave the previous state in place. */
  handle(req: Request): void {
    try {
      switch (req.type) {
        case 'sim.load':
          this.load(req.id, req.scenario, req.policy, req.cursor);
          break;
        case 'sim.step':
          this.stepForward(req.id, this.need().cursor + Math.max(0, req.count));
          break;
        case 'sim.seek':
          this.seek(req.id, req.cursor);
          break;
        case 'sim.insert':
          this.insert(req.id, req.step);
          break;
        case 'debug.crash':
          // Thrown from a task of its own so the host's try/catch cannot swallow it: the worker's
          // global error handler fires, as it would for an engine bug.
          setTimeout(() => {
            throw new Error('debug.crash: simulated worker crash');
          }, 0);
          break;
      }
    } catch (e) {
      this.post({ type: 'sim.nack', id: req.id, message: e instanceof Error ? e.message : String(e) }, []);
    }
  }

  private need(): Loaded {
    if (!this.cur) throw new Error('no scenario loaded');
    return this.cur;
  }

  private build(id: RequestId, scenario: Scenario, policy: Policy, cursor: number): Loaded {
    const sim = Simulation.create(scenario, { policy });
    const results: StepResult[] = [];
    const target = Math.min(Math.max(0, cursor), scenario.steps.length);
    this.replay(id, sim, results, 0, target);
    return { sim, scenario, policy, cursor: target, results, differ: new Differ(sim.state), views: new ViewDiffer() };
  }

  private replay(id: RequestId, sim: Simulation, results: StepResult[], from: number, to: number): void {
    let beat = this.now();
    for (let i = from; i < to; i++) {
      results.push({ ...sim.step(), i });
      if (this.now() - beat > PROGRESS_EVERY_MS) {
        beat = this.now();
        this.post({ type: 'sim.progress', id, done: i + 1 - from, total: to - from }, []);
      }
    }
  }

  private load(id: RequestId, scenario: Scenario, policy: Policy, cursor: number): void {
    this.cur = this.build(id, scenario, policy, cursor);
    this.sendFull();
    this.ack(id);
  }

  private stepForward(id: RequestId, target: number): void {
    const c = this.need();
    const to = Math.min(target, c.scenario.steps.length);
    if (to > c.cursor) {
      this.replay(id, c.sim, c.results, c.cursor, to);
      c.cursor = to;
      this.sendDelta();
    }
    this.ack(id);
  }

  private seek(id: RequestId, target: number): void {
    const c = this.need();
    if (target >= c.cursor) {
      this.stepForward(id, target);
      return;
    }
    // Backwards: rebuild from the scenario as it stands now (interactive inserts included).
    this.cur = this.build(id, c.scenario, c.policy, target);
    this.sendFull();
    this.ack(id);
  }

  private insert(id: RequestId, step: Step): void {
    const c = this.need();
    // apply() runs the step without moving the engine's own cursor, so the engine's next
    // scenario step stays the one that now follows the inserted step.
    const result: StepResult = { ...c.sim.apply(step), i: c.cursor };
    const steps = c.scenario.steps.slice();
    steps.splice(c.cursor, 0, step);
    c.scenario = { ...c.scenario, steps };
    c.results.push(result);
    c.cursor += 1;
    this.sendDelta();
    this.ack(id, result);
  }

  private ack(id: RequestId, result?: StepResult): void {
    const c = this.need();
    const position = { cursor: c.cursor, length: c.scenario.steps.length };
    this.post(result ? { type: 'sim.ack', id, position, result } : { type: 'sim.ack', id, position }, []);
  }

  private sendFull(): void {
    const c = this.need();
    this.epoch += 1;
    this.seq = 0;
    this.logFrom = 0;
    this.emit({ full: true, topology: c.differ.topology });
  }

  private sendDelta(): void {
    this.emit({ full: false });
  }

  private emit(head: Pick<FrameDelta, 'full' | 'topology'>): void {
    const c = this.need();
    const frame: FrameDelta = {
      ...head,
      epoch: this.epoch,
      seq: this.seq++,
      cursor: c.cursor,
      length: c.scenario.steps.length,
      policy: c.policy,
      ...c.differ.diff(c.sim.state),
    };
    // The views re-read only the entries the new steps wrote (their effects); a full frame reads all.
    const effects = head.full ? undefined : c.results.slice(this.logFrom).flatMap((r) => r.effects ?? []);
    const views = c.views.diff(c.sim.state, effects);
    if (views.tables || views.holders || views.hwStats) frame.views = views;
    if (this.logFrom !== c.results.length || head.full) {
      frame.log = {
        from: this.logFrom,
        results: c.results.slice(this.logFrom),
        steps: c.scenario.steps.slice(this.logFrom, c.results.length),
      };
      this.logFrom = c.results.length;
    }
    this.post({ type: 'sim.frame', frame }, frameTransferables(frame));
  }
}
