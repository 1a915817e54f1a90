/**
 * SimClient: the main thread's handle on the simulation. Starts the worker (falling back to the
 * in-process host when a worker cannot start), matches acks to requests, mirrors frames into a
 * SimModel and publishes them at most once per animation frame. If the worker dies it is
 * restarted and the acknowledged state is replayed (`sim.load` with the same scenario, policy
 * and cursor), then unacknowledged requests are sent again: no step is lost.
 */
import type { Policy, Scenario, Step, StepResult } from '../engine/index.ts';
import { requestId } from '../protocol/index.ts';
import type { Request, SimPosition, WorkerMessage } from '../protocol/index.ts';
import type { Endpoint, EndpointFactory } from './endpoint.ts';
import { FramePublisher } from './framePublisher.ts';
import type { Frame } from './framePublisher.ts';
import type { SimModel } from './model.ts';
import type { ViewState } from './viewState.ts';

export type { Frame } from './framePublisher.ts';

/** Connection status, for the status bar and tests. */
export type ClientStatus =
  | { state: 'starting' }
  | { state: 'running'; kind: Endpoint['kind']; restarts: number }
  | { state: 'restarting'; reason: string; restarts: number }
  | { state: 'failed'; reason: string };

/** Options; everything but `connect` has a browser default. */
export interface SimClientOptions {
  /** Opens the primary endpoint (a Worker in the app). */
  connect: EndpointFactory;
  /** Used when `connect` fails to start, or keeps dying. */
  fallback?: EndpointFactory;
  /** Runs `flush` before the next paint (default requestAnimationFrame, else a 16 ms timer). */
  schedule?: (flush: () => void) => void;
  /** A busy endpoint silent for this long is declared dead (default 4000 ms). */
  watchdogMs?: number;
  /** Time allowed for `sim.ready` after connecting (default 5000 ms). */
  readyTimeoutMs?: number;
  /** Consecutive restarts without progress before switching to the fallback (default 3). */
  maxRestarts?: number;
  now?: () => number;
}

/** A request the worker refused (nack), or that cannot complete because the client failed. */
export class SimRequestError extends Error {
  override name = 'SimRequestError';
}

interface Ack {
  position: SimPosition;
  result?: StepResult;
}

interface Pending {
  req: Request;
  resolve: (ack: Ack) => void;
  reject: (e: Error) => void;
  /** Restore load sent after a restart: not visible to callers. */
  internal: boolean;
}

interface Committed {
  scenario: Scenario;
  policy: Policy;
  cursor: number;
}

const defaultSchedule = (flush: () => void): void => {
  // Looked up on globalThis so the client type-checks without the DOM lib (Node tests).
  const raf = (globalThis as { requestAnimationFrame?: (cb: () => void) => number }).requestAnimationFrame;
  if (typeof raf === 'function') raf(() => flush());
  else setTimeout(flush, 16);
};

/**
 * @example
 * const client = new SimClient({ connect: connectWorker, fallback: connectInProcess });
 * client.onFrame((f) => console.log(f.model.cursor));
 * await client.load(scenario, 'global');
 * await client.step();
 */
export class SimClient {
  /** The mirrored state; read it from frame listeners or after awaiting a request. */
  readonly model: SimModel;
  /** The mirrored view sections (protocol/views.ts). */
  readonly views: ViewState;
  private readonly frames: FramePublisher;
  private ep: Endpoint | null = null;
  private isReady = false;
  private pending: Pending[] = [];
  private sent = 0;
  private nextId = 1;
  private committed: Committed | null = null;
  private restarts = 0;
  private usingFallback = false;
  private lastHeard = 0;
  private watchdog: ReturnType<typeof setInterval> | null = null;
  private readyTimer: ReturnType<typeof setTimeout> | null = null;
  private generation = 0;
  private statusValue: ClientStatus = { state: 'starting' };
  private readonly statusListeners = new Set<(s: ClientStatus) => void>();
  private readonly scenarioListeners = new Set<() => void>();
  private readonly opts: Required<Omit<SimClientOptions, 'fallback'>> & Pick<SimClientOptions, 'fallback'>;
  private disposed = false;

  constructor(options: SimClientOptions) {
    this.opts = {
      schedule: defaultSchedule,
      watchdogMs: 4000,
      readyTimeoutMs: 5000,
      maxRestarts: 3,
      now: () => performance.now(),
      ...options,
    };
    this.frames = new FramePublisher(this.opts.schedule);
    this.model = this.frames.model;
    this.views = this.frames.views;
    void this.connect();
  }

  /** Current connection status. */
  get status(): ClientStatus {
    return this.statusValue;
  }

  /** The acknowledged scenario (interactive inserts included), or null before the first load. */
  get scenario(): Scenario | null {
    return this.committed?.scenario ?? null;
  }

  /** The acknowledged policy. */
  get policy(): Policy | null {
    return this.committed?.policy ?? null;
  }

  /** Calls `listener` with every published frame; returns the unsubscribe function. */
  onFrame(listener: (f: Frame) => void): () => void {
    return this.frames.onFrame(listener);
  }

  /** Calls `listener` on every status change; returns the unsubscribe function. */
  onStatus(listener: (s: ClientStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /**
   * Calls `listener` whenever the acknowledged scenario changes (load, interactive insert);
   * returns the unsubscribe function. Shaped for React's useSyncExternalStore.
   */
  onScenario = (listener: () => void): (() => void) => {
    this.scenarioListeners.add(listener);
    return () => this.scenarioListeners.delete(listener);
  };

  /** Replaces the scenario and replays `cursor` steps. */
  async load(scenario: Scenario, policy: Policy, cursor = 0): Promise<SimPosition> {
    return (await this.request({ type: 'sim.load', id: this.id(), scenario, policy, cursor })).position;
  }

  /** Applies the next `count` steps. */
  async step(count = 1): Promise<SimPosition> {
    return (await this.request({ type: 'sim.step', id: this.id(), count })).position;
  }

  /** Moves to `cursor` steps applied. */
  async seek(cursor: number): Promise<SimPosition> {
    return (await this.request({ type: 'sim.seek', id: this.id(), cursor })).position;
  }

  /** Inserts `step` at the cursor and applies it. */
  async insert(step: Step): Promise<{ position: SimPosition; result: StepResult }> {
    const ack = await this.request({ type: 'sim.insert', id: this.id(), step });
    if (!ack.result) throw new SimRequestError('sim.insert: ack without a result');
    return { position: ack.position, result: ack.result };
  }

  /** Test hook: makes the worker crash from inside; the client restarts it. */
  crash(): void {
    void this.request({ type: 'debug.crash', id: this.id() }).catch(() => undefined);
  }

  /** Stops the endpoint and rejects whatever is pending. */
  dispose(): void {
    this.disposed = true;
    this.ep?.terminate();
    this.ep = null;
    this.stopTimers();
    this.rejectAll('client disposed');
  }

  private id(): Request['id'] {
    return requestId(this.nextId++);
  }

  private request(req: Request): Promise<Ack> {
    if (this.disposed) return Promise.reject(new SimRequestError('client disposed'));
    if (this.statusValue.state === 'failed') return Promise.reject(new SimRequestError(this.statusValue.reason));
    return new Promise<Ack>((resolve, reject) => {
      if (this.pending.length === 0) this.lastHeard = this.opts.now();
      this.pending.push({ req, resolve, reject, internal: false });
      this.pump();
    });
  }

  private pump(): void {
    if (!this.ep || !this.isReady) return;
    while (this.sent < this.pending.length) this.ep.send(this.pending[this.sent++]!.req);
    this.armWatchdog();
  }

  private setStatus(s: ClientStatus): void {
    this.statusValue = s;
    for (const l of this.statusListeners) l(s);
  }

  private async connect(): Promise<void> {
    const gen = ++this.generation;
    this.isReady = false;
    this.sent = 0;
    const factory = this.usingFallback && this.opts.fallback ? this.opts.fallback : this.opts.connect;
    const handlers = {
      message: (m: WorkerMessage) => {
        if (gen === this.generation) this.onMessage(m);
      },
      fail: (reason: string) => {
        if (gen === this.generation) this.onFail(reason);
      },
    };
    try {
      this.ep = await factory(handlers);
    } catch (e) {
      if (gen === this.generation) this.onFail(`cannot start: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    if (gen !== this.generation || this.disposed) {
      this.ep.terminate();
      return;
    }
    this.readyTimer = setTimeout(() => {
      if (gen === this.generation && !this.isReady) this.onFail('worker did not start in time');
    }, this.opts.readyTimeoutMs);
  }

  private onMessage(m: WorkerMessage): void {
    this.lastHeard = this.opts.now();
    switch (m.type) {
      case 'sim.ready':
        this.isReady = true;
        if (this.readyTimer) clearTimeout(this.readyTimer);
        this.setStatus({ state: 'running', kind: this.ep?.kind ?? 'worker', restarts: this.restarts });
        this.restore();
        this.pump();
        break;
      case 'sim.ack':
      case 'sim.nack': {
        const head = this.pending[0];
        if (!head || head.req.id !== m.id) return; // a reply for a request dropped by a restart
        this.pending.shift();
        this.sent -= 1;
        if (m.type === 'sim.nack') {
          head.reject(new SimRequestError(m.message));
          break;
        }
        this.commit(head.req, m.position);
        this.restarts = 0;
        head.resolve(m.result ? { position: m.position, result: m.result } : { position: m.position });
        break;
      }
      case 'sim.progress':
        break;
      case 'sim.frame':
        this.frames.merge(m.frame);
        break;
    }
    if (this.pending.length === 0) this.stopWatchdog();
  }

  /** Records an acknowledged request in the replay state. */
  private commit(req: Request, position: SimPosition): void {
    const before = this.committed?.scenario;
    if (req.type === 'sim.load') {
      this.committed = { scenario: req.scenario, policy: req.policy, cursor: position.cursor };
    } else if (this.committed) {
      const c = this.committed;
      if (req.type === 'sim.insert') {
        const steps = c.scenario.steps.slice();
        steps.splice(c.cursor, 0, req.step);
        c.scenario = { ...c.scenario, steps };
      }
      c.cursor = position.cursor;
    }
    if (this.committed?.scenario !== before) for (const l of this.scenarioListeners) l();
  }

  /** After a restart: put the acknowledged state back before anything else is sent. */
  private restore(): void {
    const c = this.committed;
    if (!c || this.restarts === 0) return;
    const req: Request = { type: 'sim.load', id: this.id(), scenario: c.scenario, policy: c.policy, cursor: c.cursor };
    this.pending.unshift({ req, resolve: () => undefined, reject: () => undefined, internal: true });
  }

  private onFail(reason: string): void {
    this.ep?.terminate();
    this.ep = null;
    this.isReady = false;
    this.stopTimers();
    if (this.disposed) return;
    // Drop what must not be replayed: crash requests and stale restore loads.
    this.pending = this.pending.filter((p) => {
      if (p.internal) return false;
      if (p.req.type === 'debug.crash') {
        p.resolve({
          position: { cursor: this.committed?.cursor ?? 0, length: this.committed?.scenario.steps.length ?? 0 },
        });
        return false;
      }
      return true;
    });
    this.restarts += 1;
    const booted = this.committed !== null || this.statusValue.state !== 'starting';
    const giveUp = this.restarts > this.opts.maxRestarts || (!booted && this.restarts > 1);
    if (giveUp || (!booted && reason.startsWith('cannot start'))) {
      if (this.opts.fallback && !this.usingFallback) {
        this.usingFallback = true;
        this.restarts = 1;
      } else if (giveUp) {
        this.setStatus({ state: 'failed', reason });
        this.rejectAll(reason);
        return;
      }
    }
    this.setStatus({ state: 'restarting', reason, restarts: this.restarts });
    void this.connect();
  }

  private rejectAll(reason: string): void {
    const all = this.pending;
    this.pending = [];
    this.sent = 0;
    for (const p of all) p.reject(new SimRequestError(reason));
  }

  private armWatchdog(): void {
    if (this.watchdog || this.pending.length === 0) return;
    const every = Math.max(10, this.opts.watchdogMs / 4);
    this.watchdog = setInterval(() => {
      if (this.pending.length === 0) return this.stopWatchdog();
      if (this.opts.now() - this.lastHeard > this.opts.watchdogMs) this.onFail('worker stopped responding');
    }, every);
  }

  private stopWatchdog(): void {
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = null;
  }

  private stopTimers(): void {
    this.stopWatchdog();
    if (this.readyTimer) clearTimeout(this.readyTimer);
    this.readyTimer = null;
  }
}
