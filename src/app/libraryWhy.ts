/**
 * "Why this result", for the library's scenarios: each `public/scenarios/X.expect.json` gives every
 * step's result as derived from the research rules (R-, A-, B-numbers) with the reasoning. It is
 * shown only where it is true: the scenario on screen is that library scenario (same topology, the
 * same steps up to this one; notes may differ, the title must be the library's, as that is how the
 * entry is found), under the policy the expectations were written for, and the engine's result is
 * the expected one.
 */
import type { Policy, Scenario, StepResult } from '../engine/index.ts';

/** One step of an `.expect.json`. */
export interface Expectation {
  i: number;
  op: string;
  ok: boolean;
  pasid?: number;
  errno?: string;
  fault?: string;
  why?: string;
}

export interface ExpectFile {
  policy: Policy;
  steps: Expectation[];
}

/** A library scenario with its expectations. */
export interface LibraryEntry {
  scenario: Scenario;
  expect: ExpectFile;
}

/** JSON with keys sorted and `note`s left out: a link's decoder and a file's parser order keys differently. */
function canon(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canon).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o)
      .filter((k) => k !== 'note' && o[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canon(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/** Per scenario object: the narration asks on every step, and a scenario is never mutated in place. */
const topologies = new WeakMap<Scenario, string>();

function topology(s: Scenario): string {
  let t = topologies.get(s);
  if (t === undefined) {
    t = canon([s.arch ?? 'arm64', s.enqcmdLike ?? null, s.iommus, s.devices, s.processes]);
    topologies.set(s, t);
  }
  return t;
}

/** The expected result's "why" for step `i` (0-based) whose result is `result`, or null where it does not apply. */
export function libraryWhy(
  lib: LibraryEntry,
  current: Scenario,
  policy: Policy,
  i: number,
  result: StepResult
): string | null {
  if (policy !== lib.expect.policy || topology(lib.scenario) !== topology(current)) return null;
  for (let k = 0; k <= i; k++) {
    const a = lib.scenario.steps[k];
    const b = current.steps[k];
    if (a === undefined || b === undefined || canon(a) !== canon(b)) return null;
  }
  const e = lib.expect.steps[i];
  if (
    e?.i !== i ||
    e.op !== result.op ||
    e.ok !== result.ok ||
    e.pasid !== result.pasid ||
    e.errno !== result.errno ||
    e.fault !== result.fault
  ) {
    return null;
  }
  return e.why ?? null;
}
