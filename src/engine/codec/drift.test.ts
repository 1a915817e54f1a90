import { describe, expect, it } from 'vitest';
import { runScenario } from '../sim/simulation.ts';
import type { Scenario, Step } from '../scenario/types.ts';
import type { StepResult } from '../trace/types.ts';
import { HASH_DIGITS, MAX_BLOCKS, blockSize, chainOf, compareDrift, driftToken } from './drift.ts';

const steps = (n: number): Step[] =>
  Array.from({ length: n }, (_, i): Step =>
    i % 3 === 2 ? { op: 'unbind', dev: 'd', proc: 'P1' } : { op: 'bind', dev: 'd', proc: 'P1' }
  );
const scenario = (n: number): Scenario => ({
  format: 'pasid-sandbox/1',
  iommus: [{ id: 's', type: 'smmuv3' }],
  devices: [{ id: 'd', iommu: 's', pasidBits: 8 }],
  processes: [{ id: 'P1' }],
  steps: steps(n),
});

/** The same results with step k's answer changed, as a newer simulator might give. */
function altered(results: StepResult[], k: number): StepResult[] {
  return results.map((r) => (r.i === k ? { ...r, ok: !r.ok } : r));
}

describe('driftToken / compareDrift', () => {
  it('fits the codec hash parameter (≤ 128 URL-safe characters)', () => {
    for (const n of [0, 1, 12, 64, 65, 1000, 100_000]) {
      const t = driftToken('f'.repeat(64), runScenario(scenario(Math.min(n, 2000))).steps);
      expect(t).toMatch(/^[A-Za-z0-9_-]{1,128}$/);
      expect(t.length).toBeLessThanOrEqual(HASH_DIGITS + 1 + MAX_BLOCKS);
    }
  });

  it('matches the run it was made from', () => {
    const t = runScenario(scenario(12));
    expect(compareDrift(driftToken(t.hash, t.steps), t.hash, t.steps)).toStrictEqual({ kind: 'match' });
    expect(compareDrift(t.hash, t.hash, t.steps)).toStrictEqual({ kind: 'match' });
    expect(compareDrift(undefined, t.hash, t.steps)).toStrictEqual({ kind: 'unchecked' });
  });

  it('names the exact step when there are at most 64 steps', () => {
    const t = runScenario(scenario(40));
    const token = driftToken(t.hash, t.steps);
    for (const k of [0, 7, 39]) {
      const r = compareDrift(token, 'x'.repeat(64), altered(t.steps, k));
      expect(r).toMatchObject({ kind: 'drift', first: { from: k, to: k } });
      expect(r.kind === 'drift' ? r.text : '').toContain(`at step ${k + 1}`);
    }
  });

  it('names the block for longer scenarios', () => {
    const t = runScenario(scenario(1000));
    const b = blockSize(1000);
    expect(b).toBe(16);
    const r = compareDrift(driftToken(t.hash, t.steps), 'x'.repeat(64), altered(t.steps, 500));
    expect(r).toMatchObject({ kind: 'drift', first: { from: 496, to: 511 } });
  });

  it('says when only the final state differs', () => {
    const t = runScenario(scenario(5));
    const r = compareDrift(driftToken(t.hash, t.steps), 'y'.repeat(64), t.steps);
    expect(r).toMatchObject({ kind: 'drift', first: null });
  });

  it('chain characters change when an earlier step changes (running checksum)', () => {
    const t = runScenario(scenario(200));
    const a = chainOf(t.steps);
    const b = chainOf(altered(t.steps, 3));
    expect(a.length).toBe(Math.ceil(200 / blockSize(200)));
    expect(a[0]).not.toBe(b[0]);
  });
});
