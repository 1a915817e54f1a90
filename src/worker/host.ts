/**
 * SimHost: one engine instance behind the message protocol. Transport-free: `sim.worker.ts` wires
 * it to the worker global scope, and the client's in-process fallback wires it to a loopback.
 * May import: engine, protocol. Never DOM, React, stores or machines.
 */
import { Timeline } from '../engine/index.ts';
import type { Effect, Policy, Scenario, Step, StepResult, Touched } from '../engine/index.ts';
import { frameTransferables } from '../protocol/index.ts';
import type { FrameDelta, Request, RequestId, WorkerMessage } from '../protocol/index.ts';
import type { StepMarks } from '../protocol/views.ts';
import { Differ } from './differ.ts';
import { StepMarker, unionTouched } from './stepMarks.ts';
import { ViewDiffer } from './viewModel.ts';

/** Sends one message with its transfer list. */
export type Post = (message: WorkerMessage, transfer: ArrayBuffer[]) => void;

/** Clock used for progress heartbeats (performance.now in browsers and Node). */
export type Now = () => number;

const PROGRESS_EVERY_MS = 200;
/** Forward moves up to this many steps keep every step's effects for the view diff; longer ones re-read the tables. */
const EFFECTS_MAX_STEPS = 2000;

interface Loaded {
  /** Checkpointed timeline: any cursor is one clone plus fewer than `interval` steps away. */
  tl: Timeline;
  scenario: Scenario;
  policy: Policy;
  cursor: number;
  /** Results of steps [0, cursor): without effects, except the current step's (cursor − 1). */
  results: StepResult[];
  /** Effects of every step applied since the last frame, or null when unknown (after a jump). */
  pending: Effect[] | null;
  differ: Differ;
  /** The live views' sections (hardware tables, holders), diffed like `differ`. */
  views: ViewDiffer;
  /** The current step's own changes, for the next frame when it is not one step forward. */
  marks: StepMarks | null;
  /**
   * The record of the steps before the current one, taken apart for `marks` (undefined: not taken):
   * the next frame's differs need every step's.
   */
  carried?: Touched | null;
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
    // After the reply: a checkpoint the step made due (a copy of the whole state, tens of ms on a
    // big topology) no longer delays that step's frame.
    this.cur?.tl.flushCheckpoint();
  }

  private need(): Loaded {
    if (!this.cur) throw new Error('no scenario loaded');
    return this.cur;
  }

  private build(id: RequestId, scenario: Scenario, policy: Policy, cursor: number, tl?: Timeline): Loaded {
    const timeline = tl ?? Timeline.create(scenario, { policy, deferCheckpoints: true });
    const target = Math.min(Math.max(0, cursor), timeline.length);
    // A full frame resets every view: the last step runs on its own so its changes are known.
    this.moveTo(id, timeline, Math.max(0, target - 1));
    const marks = target > 0 ? lastStepMarks(timeline, () => timeline.step(1)).marks : null;
    const results = timeline.resultRange(0, target);
    const current = timeline.currentResult();
    if (current) results[target - 1] = current;
    return {
      tl: timeline,
      scenario: timeline.scenario,
      policy,
      cursor: target,
      results,
      pending: null,
      differ: new Differ(timeline.state),
      views: new ViewDiffer(),
      marks,
    };
  }

  /** Seeks in chunks of at most one checkpoint interval, with progress heartbeats on long moves. */
  private moveTo(id: RequestId, tl: Timeline, target: number): void {
    // Its frame scans everything anyway: recording what thousands of steps touch would be waste.
    tl.stopTracking();
    const from = tl.cursor;
    let beat = this.now();
    // Steps already computed once are a checkpoint restore away: one seek. Only steps never run
    // before are walked in chunks, with heartbeats.
    const known = Math.min(target, tl.known);
    if (target < from || known > from) tl.seek(known);
    while (tl.cursor < target) {
      tl.seek(Math.min(target, tl.cursor + tl.interval));
      if (this.now() - beat > PROGRESS_EVERY_MS) {
        beat = this.now();
        this.post({ type: 'sim.progress', id, done: tl.cursor - from, total: target - from }, []);
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
      this.forget(c);
      if (to - c.cursor <= EFFECTS_MAX_STEPS) {
        const run = (n: number): void => {
          for (const r of c.tl.step(n)) {
            if (r.effects && c.pending) c.pending.push(...r.effects);
            c.results.push(r);
          }
        };
        // One step: the frame's own delta is that step's. Several: the last one runs on its own.
        if (to - c.cursor === 1) run(1);
        else {
          run(to - c.cursor - 1);
          const last = lastStepMarks(c.tl, () => run(1));
          c.marks = last.marks;
          c.carried = last.touched;
        }
        for (let i = c.results.length - 2; i >= 0 && i >= c.results.length - 1 - (to - c.cursor); i--) {
          c.results[i] = withoutEffects(c.results[i]!);
        }
      } else {
        this.moveTo(id, c.tl, to - 1);
        c.marks = lastStepMarks(c.tl, () => c.tl.step(1)).marks;
        for (const r of c.tl.resultRange(c.cursor, to - 1)) c.results.push(r); // no spread: could be 100k
        const current = c.tl.currentResult();
        if (current) c.results.push(current);
        c.pending = null;
      }
      c.cursor = to;
      this.sendDelta();
    }
    this.ack(id);
  }

  /** Drops the effects the previous current step carried (the timeline keeps none for past steps). */
  private forget(c: Loaded): void {
    const last = c.results.length - 1;
    if (last >= 0 && c.results[last]?.effects) c.results[last] = withoutEffects(c.results[last]);
  }

  private seek(id: RequestId, target: number): void {
    const c = this.need();
    if (target >= c.cursor) {
      this.stepForward(id, target);
      return;
    }
    // Backwards: from the nearest checkpoint, not from step 0 (inserted steps are in the timeline).
    // A full frame, as before: actors and the client model start a new epoch. The results of
    // steps before the target never change, so the client keeps its log up to the target's
    // previous step; only the current step's entry (now with its effects) is sent again, not a
    // log that can be 100,000 entries long.
    const kept = Math.max(0, Math.min(target - 1, this.logFrom));
    this.cur = this.build(id, c.scenario, c.policy, target, c.tl);
    this.sendFull(kept);
    this.ack(id);
  }

  private insert(id: RequestId, step: Step): void {
    const c = this.need();
    this.forget(c);
    const result = c.tl.insert(step);
    c.scenario = c.tl.scenario;
    c.results.push(result);
    if (result.effects && c.pending) c.pending.push(...result.effects);
    c.cursor += 1;
    this.sendDelta();
    this.ack(id, result);
  }

  private ack(id: RequestId, result?: StepResult): void {
    const c = this.need();
    const position = { cursor: c.cursor, length: c.scenario.steps.length };
    this.post(result ? { type: 'sim.ack', id, position, result } : { type: 'sim.ack', id, position }, []);
  }

  /** A full frame; the client keeps the first `keptLog` entries of its step log (see FrameDelta.log). */
  private sendFull(keptLog = 0): void {
    const c = this.need();
    this.epoch += 1;
    this.seq = 0;
    this.logFrom = keptLog;
    this.emit({ full: true, topology: c.differ.topology });
  }

  private sendDelta(): void {
    this.emit({ full: false });
  }

  private emit(head: Pick<FrameDelta, 'full' | 'topology'>): void {
    const c = this.need();
    // Both differs re-read only what the steps since the last frame touched (the engine's record,
    // their effects); a full frame, or a jump whose effects were not kept, reads all. The record is
    // taken every frame so the next one starts empty; it is null if the live state was replaced.
    const consecutive = !head.full && c.pending !== null;
    const touched = c.carried === undefined ? c.tl.takeTouched() : unionTouched(c.carried, c.tl.takeTouched());
    delete c.carried;
    const frame: FrameDelta = {
      ...head,
      epoch: this.epoch,
      seq: this.seq++,
      cursor: c.cursor,
      length: c.scenario.steps.length,
      policy: c.policy,
      ...c.differ.diff(c.tl.state, consecutive ? touched : null),
    };
    const effects = consecutive ? (c.pending ?? undefined) : undefined;
    c.pending = [];
    const views = c.views.diff(c.tl.state, effects, consecutive ? touched : null);
    if (c.marks) views.step = c.marks;
    c.marks = null;
    if (views.tables || views.holders || views.hwStats || views.step) frame.views = views;
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

/**
 * Runs `applyLast` (one step) between the two reads of a StepMarker: that step's own changes, and
 * the record of the steps before it (taken apart here, so to be merged back for the frame).
 */
function lastStepMarks(tl: Timeline, applyLast: () => void): { marks: StepMarks; touched: Touched | null } {
  const marker = new StepMarker();
  marker.before(tl.state);
  const before = tl.takeTouched();
  applyLast();
  const own = tl.takeTouched();
  const marks = marker.after(tl.state, own);
  return { marks, touched: unionTouched(before, own) };
}

function withoutEffects(r: StepResult): StepResult {
  if (!r.effects) return r;
  const { effects: _effects, ...rest } = r;
  return rest;
}
