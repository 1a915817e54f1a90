/**
 * Main-thread handle on the analysis worker, with an in-process fallback (same Analyzer, one
 * task hop) when a worker cannot start. Requests resolve in order; a newer `analyze` makes the
 * answers to older ones irrelevant, so callers compare ids themselves if they care.
 */
import type { Policy, Scenario } from '../engine/index.ts';
import type { AnalysisRequest, AnalysisResponse, PoliciesAt, PolicyRuns } from './analysis.ts';
import type { DriftReport } from '../engine/index.ts';

export interface AnalysisResult {
  hash: string;
  token: string;
  drift: DriftReport;
  /** The comparison's runs (analysis.ts comparedPolicies), or null without one. */
  runs: PolicyRuns | null;
  /** The scenario's link head under the policy, or why it has none (link.ts primeLinkHead). */
  link: string | { error: string };
}

interface Port {
  post(req: AnalysisRequest): void;
}

type Pending = { req: AnalysisRequest; resolve: (r: AnalysisResponse) => void };

interface WorkerLike {
  postMessage(message: AnalysisRequest): void;
  addEventListener(type: 'message', listener: (e: { data: AnalysisResponse }) => void): void;
  addEventListener(type: 'error', listener: (e: { preventDefault(): void }) => void): void;
}
declare const Worker: new (url: URL, options: { type: 'module'; name?: string }) => WorkerLike;

export class AnalysisClient {
  private port: Port | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  private connect(): Port {
    if (this.port) return this.port;
    const onMessage = (r: AnalysisResponse): void => {
      const p = this.pending.get(r.id);
      this.pending.delete(r.id);
      p?.resolve(r);
    };
    try {
      const worker = new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module', name: 'analysis' });
      worker.addEventListener('message', (e) => onMessage(e.data));
      worker.addEventListener('error', (e) => {
        e.preventDefault();
        this.fallBack(onMessage);
      });
      this.port = { post: (req) => worker.postMessage(req) };
    } catch {
      this.fallBack(onMessage);
    }
    return this.port ?? this.fallBack(onMessage);
  }

  /** Switches to the in-process analyzer and re-sends whatever was pending. */
  private fallBack(onMessage: (r: AnalysisResponse) => void): Port {
    const analyzer = import('./analysis.ts').then((m) => new m.Analyzer());
    const port: Port = {
      post: (req) => {
        void analyzer.then((a) => setTimeout(() => onMessage(a.handle(structuredClone(req))), 0));
      },
    };
    this.port = port;
    for (const p of this.pending.values()) port.post(p.req);
    return port;
  }

  private request(make: (id: number) => AnalysisRequest): Promise<AnalysisResponse> {
    const req = make(this.nextId++);
    return new Promise((resolve) => {
      const port = this.connect();
      this.pending.set(req.id, { req, resolve });
      port.post(req);
    });
  }

  /**
   * Hash and drift token for (scenario, policy); the drift report for `linkToken`; the runs of
   * the policies in `compare` (comparedPolicies: `policy` among them), or null for no comparison.
   */
  async analyze(
    scenario: Scenario,
    policy: Policy,
    compare: Policy[] | null,
    linkToken: string | null
  ): Promise<AnalysisResult> {
    const r = await this.request((id) => ({ type: 'analyze', id, scenario, policy, compare, linkToken }));
    if (r.type === 'error') throw new Error(r.message);
    if (r.type !== 'analysis') throw new Error('analysis: unexpected answer');
    return { hash: r.hash, token: r.token, drift: r.drift, runs: r.runs, link: r.link };
  }

  /** The `final` state after `cursor` steps under the running policy, and each compared one after an analyze with some. */
  async at(cursor: number): Promise<PoliciesAt> {
    const r = await this.request((id) => ({ type: 'at', id, cursor }));
    if (r.type === 'error') throw new Error(r.message);
    if (r.type !== 'at') throw new Error('analysis: unexpected answer');
    return { cursor: r.cursor, policies: r.policies, finals: r.finals };
  }
}

let instance: AnalysisClient | null = null;

/** The page's one analysis client (the worker starts on first use). */
export function getAnalysisClient(): AnalysisClient {
  instance ??= new AnalysisClient();
  return instance;
}
