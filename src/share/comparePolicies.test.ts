/**
 * The comparison of N policies (analysis.ts) on every library scenario: each policy's column is
 * exactly what runScenario gives under that policy, the differing steps are those where any two
 * policies' results differ, and `at` gives each policy's state. A/B is the case of two policies.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { POLICIES, parseScenario, runScenario } from '../engine/index.ts';
import type { Policy, Scenario, StepResult } from '../engine/index.ts';
import { Analyzer, comparedPolicies, differingSteps, finalUnder } from './analysis.ts';
import type { PolicyRuns, ResultLite } from './analysis.ts';

const DIR = new URL('../../public/scenarios/', import.meta.url);
const FILES = readdirSync(DIR).filter((f) => /^[a-z0-9-]+\.json$/.test(f) && f !== 'index.json');

function library(file: string): Scenario {
  return parseScenario(JSON.parse(readFileSync(new URL(file, DIR), 'utf8')));
}

const lite = ({ effects: _effects, ...rest }: StepResult): ResultLite => rest;

function analyse(an: Analyzer, scenario: Scenario, policy: Policy, compare: Policy[] | null): PolicyRuns | null {
  const r = an.handle({ type: 'analyze', id: 1, scenario, policy, compare, linkToken: null });
  if (r.type !== 'analysis') throw new Error(r.type === 'error' ? r.message : r.type);
  return r.runs;
}

/** Steps naming a function a policy's kernel lacks (spec §1.1), written out independently of kernelHas. */
function lacks(op: string, policy: Policy): boolean {
  if (op === 'bind_pasid') return policy !== 'driver-managed';
  return op === 'attach_pasid_any' && policy !== 'per-device-cap' && policy !== 'arch-gated';
}

/** What a result says in the spec's terms, written out independently of resultsDiffer. */
function said(r: ResultLite | undefined): string {
  if (!r) return 'none';
  const via = r.via?.includes(' → ') ? r.via.slice(r.via.lastIndexOf(' → ') + 3) : '';
  return JSON.stringify([r.ok, r.pasid ?? null, r.errno ?? null, r.fault ?? null, via]);
}

describe('comparing every policy on the library scenarios', () => {
  it('finds the library', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(10);
    expect(FILES).toContain('rfc-problem.json');
  });

  it.each(FILES)(
    '%s: each column is runScenario under its policy; differing steps are where any two differ',
    (file) => {
      const scenario = library(file);
      const running = scenario.policy ?? 'global';
      const runs = analyse(new Analyzer(), scenario, running, comparedPolicies(running, 'all'));
      if (!runs) throw new Error('no runs');
      expect(runs.running).toBe(running);
      expect(runs.policies).toStrictEqual([...POLICIES]);
      const expected = POLICIES.map((policy) => runScenario(scenario, { policy }).steps.map(lite));
      expect(runs.results).toStrictEqual(expected);
      // A step a kernel lacks is "n/a" there, not a different result: only the kernels that have it are compared.
      const differs = scenario.steps
        .map((_, i) => i)
        .filter(
          (i) =>
            new Set(expected.filter((_, k) => !lacks(scenario.steps[i]?.op ?? '', POLICIES[k]!)).map((r) => said(r[i])))
              .size > 1
        );
      expect(runs.differs).toStrictEqual(differs);
    }
  );

  it.each(FILES)('%s: `at` gives every policy its own state at the start, the middle and the end', (file) => {
    const scenario = library(file);
    const an = new Analyzer();
    analyse(an, scenario, 'global', [...POLICIES]);
    const n = scenario.steps.length;
    for (const cursor of [0, Math.floor(n / 2), n]) {
      const at = an.handle({ type: 'at', id: 2, cursor });
      if (at.type !== 'at') throw new Error(at.type);
      expect(at.cursor).toBe(cursor);
      expect(at.policies).toStrictEqual([...POLICIES]);
      const prefix = { ...scenario, steps: scenario.steps.slice(0, cursor) };
      for (const policy of POLICIES)
        expect(finalUnder(at, policy)).toStrictEqual(runScenario(prefix, { policy }).final);
    }
  });

  it('spot checks against the CLI (npm run sim -- run … --policy P)', () => {
    const rfc = analyse(new Analyzer(), library('rfc-problem.json'), 'global', [...POLICIES]);
    // Step 4, P4 binds the 2-bit accel0: ENOSPC under global and driver-managed, PASID 1 per device.
    expect(rfc?.results.map((r) => r[3]?.errno ?? r[3]?.pasid)).toStrictEqual(['ENOSPC', 1, 1, 'ENOSPC']);
    expect(rfc?.differs).toStrictEqual([3, 4, 5, 11]);
    // driver-managed.json step 5: bind_pasid exists only under driver-managed. The other three
    // kernels lack the function (EOPNOTSUPP, shown as n/a), so no two kernels that have it differ.
    const dm = library('driver-managed.json');
    const all = analyse(new Analyzer(), dm, 'global', [...POLICIES]);
    expect(all?.results.map((r) => r[4]?.errno ?? r[4]?.pasid)).toStrictEqual([
      'EOPNOTSUPP',
      'EOPNOTSUPP',
      'EOPNOTSUPP',
      1,
    ]);
    expect(all?.differs).not.toContain(4);
    expect(analyse(new Analyzer(), dm, 'global', ['global', 'per-device-cap'])?.differs).not.toContain(4);
  });
});

describe('A/B is the comparison of two policies', () => {
  it.each(FILES)('%s: A then B, the steps where they differ', (file) => {
    const scenario = library(file);
    const a = runScenario(scenario, { policy: 'global' }).steps.map(lite);
    const b = runScenario(scenario, { policy: 'per-device-cap' }).steps.map(lite);
    const runs = analyse(new Analyzer(), scenario, 'global', comparedPolicies('global', 'per-device-cap'));
    expect(runs).toStrictEqual({
      running: 'global',
      policies: ['global', 'per-device-cap'],
      results: [a, b],
      differs: scenario.steps.map((_, i) => i).filter((i) => said(a[i]) !== said(b[i])),
    });
  });

  it('a step one of two kernels lacks (n/a there) is not a difference between them', () => {
    const na: ResultLite = { i: 0, op: 'bind_pasid', ok: false, errno: 'EOPNOTSUPP' };
    const got: ResultLite = { i: 0, op: 'bind_pasid', ok: true, pasid: 1 };
    expect(differingSteps([[na], [got]], ['global', 'driver-managed'])).toStrictEqual([]);
    expect(differingSteps([[na], [na], [got]], ['global', 'per-device-cap', 'driver-managed'])).toStrictEqual([]);
    // Two kernels that both have it still differ.
    const any: ResultLite = { i: 0, op: 'attach_pasid_any', ok: true, pasid: 1 };
    const any2: ResultLite = { i: 0, op: 'attach_pasid_any', ok: true, pasid: 2 };
    expect(differingSteps([[any], [any2]], ['per-device-cap', 'arch-gated'])).toStrictEqual([0]);
  });

  it('differingSteps of two runs is resultsDiffer step by step, a missing result included', () => {
    const ok = (i: number, pasid: number): ResultLite => ({ i, op: 'bind', ok: true, pasid });
    expect(
      differingSteps([
        [ok(0, 1), ok(1, 2)],
        [ok(0, 1), ok(1, 3)],
      ])
    ).toStrictEqual([1]);
    expect(differingSteps([[ok(0, 1)], [ok(0, 1), ok(1, 2)]])).toStrictEqual([1]);
    // A difference between two policies that both differ from the first still counts.
    expect(differingSteps([[ok(0, 1)], [ok(0, 1)], [ok(0, 2)], [ok(0, 1)]])).toStrictEqual([0]);
    expect(differingSteps([])).toStrictEqual([]);
  });
});

describe('comparedPolicies', () => {
  it('gives A then B, every policy in spec order for all, nothing for no B or B = A', () => {
    expect(comparedPolicies('arch-gated', 'global')).toStrictEqual(['arch-gated', 'global']);
    expect(comparedPolicies('arch-gated', 'all')).toStrictEqual([
      'global',
      'per-device-cap',
      'arch-gated',
      'driver-managed',
    ]);
    expect(comparedPolicies('arch-gated', 'arch-gated')).toBeNull();
    expect(comparedPolicies('arch-gated', undefined)).toBeNull();
    expect(comparedPolicies('arch-gated', null)).toBeNull();
  });

  it('is refused by the analyzer when it leaves out the running policy or repeats one', () => {
    const scenario = library('rfc-problem.json');
    for (const compare of [
      ['per-device-cap', 'arch-gated'],
      ['global', 'global'],
    ] as Policy[][]) {
      const r = new Analyzer().handle({ type: 'analyze', id: 3, scenario, policy: 'global', compare, linkToken: null });
      expect(r).toStrictEqual({
        type: 'error',
        id: 3,
        message: 'compare: expected distinct policies including global',
      });
    }
  });
});
