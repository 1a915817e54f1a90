/**
 * Whole-scenario analysis for links and talks, run off the main thread (analysis.worker.ts):
 * the trace hash, the drift token a share link carries (from the replay digest), the link's encoded scenario, the drift
 * report for a link being opened, and the policy comparison (every compared policy's results, the steps whose results
 * differ, and each policy's `final` state at any cursor, from Timelines stepping in lockstep). A/B is the comparison
 * of two policies; "all four policies" the same with every policy.
 * Engine only; no DOM.
 */
import {
  ALL_POLICIES,
  POLICIES,
  Timeline,
  compareDrift,
  driftToken,
  kernelHas,
  replayDigest,
  runScenario,
} from '../engine/index.ts';
import type { CompareWith, DriftReport, FinalState, Policy, Scenario, StepResult } from '../engine/index.ts';
import { encodeLinkHead } from './link.ts';

/** A result as the spec states it (no effects), plus the kernel's message. */
export type ResultLite = Omit<StepResult, 'effects'>;

/** The scenario run under several policies: the running one and those it is compared with. */
export interface PolicyRuns {
  /** The running policy (A); one of `policies`. */
  running: Policy;
  /** The policies run, in the order shown: [A, B] for A/B, every policy in spec order for all of them. */
  policies: Policy[];
  /** `results[k][i]`: step i's result under `policies[k]`. */
  results: ResultLite[][];
  /** Step indices where some policy's result differs from another's (resultsDiffer). */
  differs: number[];
}

/** Each compared policy's `final` state after `cursor` steps (`finals[k]` under `policies[k]`). */
export interface PoliciesAt {
  cursor: number;
  /** The running policy alone when nothing is compared. */
  policies: Policy[];
  finals: FinalState[];
}

export type AnalysisRequest =
  | {
      type: 'analyze';
      id: number;
      scenario: Scenario;
      policy: Policy;
      /** The policies to compare, in the order shown, `policy` among them (comparedPolicies); null for none. */
      compare: Policy[] | null;
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
      runs: PolicyRuns | null;
      /** The scenario's link head under `policy` (link.ts primeLinkHead), or why it has none. */
      link: string | { error: string };
    }
  | ({ type: 'at'; id: number } & PoliciesAt)
  | { type: 'error'; id: number; message: string };

/** `policy`'s state in an `at` answer (undefined when it was not run). */
export function finalUnder(at: PoliciesAt, policy: Policy): FinalState | undefined {
  const k = at.policies.indexOf(policy);
  return k < 0 ? undefined : at.finals[k];
}

/**
 * The policies a comparison runs, in the order shown: A then B, or every policy in spec order
 * (the running one in its place). Null when there is nothing to compare (no B, or B is A).
 */
export function comparedPolicies(running: Policy, compareWith: CompareWith | null | undefined): Policy[] | null {
  if (compareWith === ALL_POLICIES) return [...POLICIES];
  if (compareWith === null || compareWith === undefined || compareWith === running) return null;
  return [running, compareWith];
}

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

/**
 * Whether step `r` names a function `policy`'s kernel does not have (kernelHas): its EOPNOTSUPP
 * says "not in this kernel", not a different answer from a function both kernels have.
 */
export function notInKernel(r: ResultLite | undefined, policy: Policy | undefined): boolean {
  return r !== undefined && policy !== undefined && !kernelHas(r.op, policy);
}

/**
 * The steps whose results differ between any two of the runs (`runs[k][i]`: step i under the
 * k-th policy, `policies[k]`). With two runs, the steps where A and B differ. A step one of two
 * kernels does not have is not a difference between those two.
 */
export function differingSteps(runs: readonly (readonly ResultLite[])[], policies: readonly Policy[] = []): number[] {
  const steps = Math.max(0, ...runs.map((r) => r.length));
  const differs: number[] = [];
  for (let i = 0; i < steps; i++) {
    let d = false;
    for (let j = 0; j < runs.length && !d; j++) {
      for (let k = j + 1; k < runs.length && !d; k++) {
        const x = runs[j]?.[i];
        const y = runs[k]?.[i];
        d = !notInKernel(x, policies[j]) && !notInKernel(y, policies[k]) && resultsDiffer(x, y);
      }
    }
    if (d) differs.push(i);
  }
  return differs;
}

/** The scenario's link head under `policy` (as LinkWriter makes it), or its error. */
function linkHead(scenario: Scenario, policy: Policy): string | { error: string } {
  const head = encodeLinkHead(scenario, policy);
  return head instanceof Error ? { error: head.message } : head;
}

/** Holds the last analysed scenario's timelines (the running policy's, and the compared ones') so `at` requests are cheap. */
export class Analyzer {
  /** One Timeline per policy `at` answers for, in the order it answers. */
  private timelines: { policy: Policy; timeline: Timeline }[] = [];

  handle(req: AnalysisRequest): AnalysisResponse {
    try {
      return req.type === 'analyze' ? this.analyze(req) : this.at(req.id, req.cursor);
    } catch (e) {
      return { type: 'error', id: req.id, message: e instanceof Error ? e.message : String(e) };
    }
  }

  private analyze(req: Extract<AnalysisRequest, { type: 'analyze' }>): AnalysisResponse {
    const compare = req.compare;
    if (compare !== null && (!compare.includes(req.policy) || new Set(compare).size !== compare.length)) {
      throw new Error(`compare: expected distinct policies including ${req.policy}`);
    }
    const trace = runScenario(req.scenario, { policy: req.policy, effects: false });
    const digest = replayDigest(trace.policy, trace.steps, trace.final);
    const drift = compareDrift(req.linkToken ?? undefined, digest, trace.steps);
    let runs: PolicyRuns | null = null;
    // The running policy's run is the trace above; each other policy is run once more.
    const policies = compare ?? [req.policy];
    if (compare !== null) {
      const results = compare.map((p) =>
        (p === req.policy ? trace : runScenario(req.scenario, { policy: p, effects: false })).steps.map(lite)
      );
      runs = { running: req.policy, policies: [...compare], results, differs: differingSteps(results, compare) };
    }
    this.timelines = policies.map((policy) => ({ policy, timeline: Timeline.create(req.scenario, { policy }) }));
    return {
      type: 'analysis',
      id: req.id,
      hash: trace.hash,
      token: driftToken(digest, trace.steps),
      drift,
      runs,
      link: linkHead(req.scenario, req.policy),
    };
  }

  private at(id: number, cursor: number): AnalysisResponse {
    const first = this.timelines[0];
    if (!first) throw new Error('no scenario analysed');
    for (const t of this.timelines) t.timeline.seek(cursor);
    return {
      type: 'at',
      id,
      cursor: first.timeline.cursor,
      policies: this.timelines.map((t) => t.policy),
      finals: this.timelines.map((t) => t.timeline.final()),
    };
  }
}
