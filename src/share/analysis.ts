/**
 * Whole-scenario analysis for links and talks, run off the main thread (analysis.worker.ts):
 * the trace hash, the drift token a share link carries (from the replay digest), the link's encoded scenario, the drift
 * report for a link being opened, and the policy A/B comparison (both runs' results, the steps whose results differ,
 * and each policy's `final` state at any cursor, from two Timelines stepping in lockstep).
 * Engine only; no DOM.
 */
import { Timeline, compareDrift, driftToken, replayDigest, runScenario } from '../engine/index.ts';
import type { DriftReport, FinalState, Policy, Scenario, StepResult } from '../engine/index.ts';
import { encodeLinkHead } from './link.ts';

/** A result as the spec states it (no effects), plus the kernel's message. */
export type ResultLite = Omit<StepResult, 'effects'>;

export interface AbRuns {
  policyA: Policy;
  policyB: Policy;
  a: ResultLite[];
  b: ResultLite[];
  /** Step indices whose results differ (ok, pasid, errno or fault). */
  differs: number[];
}

export type AnalysisRequest =
  | {
      type: 'analyze';
      id: number;
      scenario: Scenario;
      policy: Policy;
      policyB: Policy | null;
      /** The opened link's `hash` parameter, to compare with. */
      linkToken: string | null;
    }
  | { type: 'at'; id: number; cursor: number };

export type AnalysisResponse =
  | {
      type: 'analysis';
      id: number;
      /** The trace hash (spec §3, of the final state). */
      hash: string;
      token: string;
      drift: DriftReport;
      ab: AbRuns | null;
      /** The scenario's link head under `policy` (link.ts primeLinkHead), or why it has none. */
      link: string | { error: string };
    }
  | { type: 'at'; id: number; cursor: number; a: FinalState; b: FinalState | null }
  | { type: 'error'; id: number; message: string };

const lite = ({ effects: _effects, ...rest }: StepResult): ResultLite => rest;

/** Where a translation ended (`mm P1`, `dom d1`): the part of `via` after its last arrow. */
function target(via: string | undefined): string | undefined {
  const at = via?.lastIndexOf(' → ') ?? -1;
  return at < 0 ? undefined : via?.slice(at + 3);
}

/**
 * Whether two results say different things in the spec's terms. Messages may differ freely, and so
 * may the walk (ASIDs and DIDs are allocated differently under each policy), but not the address
 * space a DMA ends in: a device reaching another process's memory is what the debate is about.
 */
export function resultsDiffer(x: ResultLite | undefined, y: ResultLite | undefined): boolean {
  if (!x || !y) return x !== y;
  return (
    x.ok !== y.ok ||
    x.pasid !== y.pasid ||
    x.errno !== y.errno ||
    x.fault !== y.fault ||
    target(x.via) !== target(y.via)
  );
}

/** The scenario's link head under `policy` (as LinkWriter makes it), or its error. */
function linkHead(scenario: Scenario, policy: Policy): string | { error: string } {
  const head = encodeLinkHead(scenario, policy);
  return head instanceof Error ? { error: head.message } : head;
}

/** Holds the last analysed scenario's timelines (A, and B for a comparison) so `at` requests are cheap. */
export class Analyzer {
  private a: Timeline | null = null;
  private b: Timeline | null = null;

  handle(req: AnalysisRequest): AnalysisResponse {
    try {
      return req.type === 'analyze' ? this.analyze(req) : this.at(req.id, req.cursor);
    } catch (e) {
      return { type: 'error', id: req.id, message: e instanceof Error ? e.message : String(e) };
    }
  }

  private analyze(req: Extract<AnalysisRequest, { type: 'analyze' }>): AnalysisResponse {
    const trace = runScenario(req.scenario, { policy: req.policy, effects: false });
    const digest = replayDigest(trace.policy, trace.steps, trace.final);
    const drift = compareDrift(req.linkToken ?? undefined, digest, trace.steps);
    let ab: AbRuns | null = null;
    this.a = Timeline.create(req.scenario, { policy: req.policy });
    this.b = null;
    if (req.policyB !== null) {
      const other = runScenario(req.scenario, { policy: req.policyB, effects: false });
      const a = trace.steps.map(lite);
      const b = other.steps.map(lite);
      const differs: number[] = [];
      for (let i = 0; i < Math.max(a.length, b.length); i++) if (resultsDiffer(a[i], b[i])) differs.push(i);
      ab = { policyA: req.policy, policyB: req.policyB, a, b, differs };
      this.b = Timeline.create(req.scenario, { policy: req.policyB });
    }
    return {
      type: 'analysis',
      id: req.id,
      hash: trace.hash,
      token: driftToken(digest, trace.steps),
      drift,
      ab,
      link: linkHead(req.scenario, req.policy),
    };
  }

  private at(id: number, cursor: number): AnalysisResponse {
    if (!this.a) throw new Error('no scenario analysed');
    this.a.seek(cursor);
    this.b?.seek(cursor);
    return { type: 'at', id, cursor: this.a.cursor, a: this.a.final(), b: this.b ? this.b.final() : null };
  }
}
