import { describe, expect, it } from 'vitest';
import { encodeShare, replayDigest, runScenario } from '../engine/index.ts';
import type { Scenario } from '../engine/index.ts';
import { Analyzer, resultsDiffer } from './analysis.ts';
import { driftToken } from '../engine/index.ts';

/** The RFC problem in miniature: a 2-bit device starved under global, fine per device. */
const RFC: Scenario = {
  format: 'pasid-sandbox/1',
  policy: 'global',
  iommus: [{ id: 'smmu0', type: 'smmuv3' }],
  devices: [
    { id: 'nic0', iommu: 'smmu0', pasidBits: 20 },
    { id: 'accel0', iommu: 'smmu0', bus: 'platform', pasidBits: 2 },
  ],
  processes: [{ id: 'P1' }, { id: 'P2' }, { id: 'P3' }, { id: 'P4' }],
  steps: [
    { op: 'bind', dev: 'nic0', proc: 'P1' },
    { op: 'bind', dev: 'nic0', proc: 'P2' },
    { op: 'bind', dev: 'nic0', proc: 'P3' },
    { op: 'bind', dev: 'accel0', proc: 'P4' },
  ],
};

describe('Analyzer', () => {
  it("gives the link head under the analysed policy, or the codec's error", () => {
    const an = new Analyzer();
    const r = an.handle({
      type: 'analyze',
      id: 1,
      scenario: RFC,
      policy: 'per-device-cap',
      compare: null,
      linkToken: null,
    });
    expect(r.type === 'analysis' ? r.link : null).toBe(encodeShare({ scenario: { ...RFC, policy: 'per-device-cap' } }));
    const huge: Scenario = {
      ...RFC,
      title: 'x'.repeat(5000),
      notes: Array.from({ length: 2000 }, (_, i) => `note ${i} ${'y'.repeat(200)}`).join('\n'),
    };
    const bad = an.handle({ type: 'analyze', id: 2, scenario: huge, policy: 'global', compare: null, linkToken: null });
    expect(bad.type === 'analysis' ? bad.link : null).toHaveProperty('error');
  });

  it('gives the trace hash and a drift token from the replay digest, and checks a link token', () => {
    const an = new Analyzer();
    const t = runScenario(RFC);
    const digest = replayDigest(t.policy, t.steps, t.final);
    const r = an.handle({ type: 'analyze', id: 1, scenario: RFC, policy: 'global', compare: null, linkToken: null });
    expect(r).toStrictEqual({
      type: 'analysis',
      id: 1,
      hash: t.hash,
      token: driftToken(digest, t.steps),
      drift: { kind: 'unchecked' },
      runs: null,
      // The link's head, made here so the page never encodes a big topology on its main thread.
      link: encodeShare({ scenario: RFC }),
    });
    const again = an.handle({
      type: 'analyze',
      id: 2,
      scenario: RFC,
      policy: 'global',
      compare: null,
      linkToken: driftToken(digest, t.steps),
    });
    expect(again.type === 'analysis' ? again.drift : null).toStrictEqual({ kind: 'match' });
  });

  it('compares two policies step by step and at any cursor', () => {
    const an = new Analyzer();
    const r = an.handle({
      type: 'analyze',
      id: 1,
      scenario: RFC,
      policy: 'global',
      compare: ['global', 'per-device-cap'],
      linkToken: null,
    });
    if (r.type !== 'analysis' || !r.runs) throw new Error('no A/B');
    expect(r.runs.running).toBe('global');
    expect(r.runs.policies).toStrictEqual(['global', 'per-device-cap']);
    expect(r.runs.differs).toStrictEqual([3]);
    expect(r.runs.results[0]?.[3]).toMatchObject({ ok: false, errno: 'ENOSPC' });
    expect(r.runs.results[1]?.[3]).toMatchObject({ ok: true, pasid: 1 });
    const at = an.handle({ type: 'at', id: 2, cursor: 4 });
    expect(at).toMatchObject({
      type: 'at',
      cursor: 4,
      policies: ['global', 'per-device-cap'],
      finals: [runScenario(RFC).final, runScenario(RFC, { policy: 'per-device-cap' }).final],
    });
  });

  it('answers `at` before any analysis with an error, not a throw', () => {
    expect(new Analyzer().handle({ type: 'at', id: 7, cursor: 0 })).toStrictEqual({
      type: 'error',
      id: 7,
      message: 'no scenario analysed',
    });
  });

  it('answers `at` for policy A alone without a comparison', () => {
    const an = new Analyzer();
    an.handle({ type: 'analyze', id: 1, scenario: RFC, policy: 'global', compare: null, linkToken: null });
    expect(an.handle({ type: 'at', id: 2, cursor: 2 })).toStrictEqual({
      type: 'at',
      id: 2,
      cursor: 2,
      policies: ['global'],
      finals: [runScenario({ ...RFC, steps: RFC.steps.slice(0, 2) }).final],
    });
  });
});

describe('resultsDiffer', () => {
  it('ignores messages and compares the spec fields', () => {
    expect(
      resultsDiffer({ i: 0, op: 'bind', ok: true, pasid: 1, message: 'a' }, { i: 0, op: 'bind', ok: true, pasid: 1 })
    ).toBe(false);
    expect(resultsDiffer({ i: 0, op: 'bind', ok: true, pasid: 1 }, { i: 0, op: 'bind', ok: true, pasid: 2 })).toBe(
      true
    );
  });

  it('counts a DMA that lands in another address space as a difference, not another ASID on the way', () => {
    const dma = (via: string) => ({ i: 5, op: 'dma' as const, ok: true, via });
    expect(resultsDiffer(dma('STE[1]→CD[1] asid 3 → mm P1'), dma('STE[1]→CD[1] asid 6 → mm P4'))).toBe(true);
    expect(resultsDiffer(dma('STE[1]→CD[1] asid 3 → mm P1'), dma('STE[1]→CD[1] asid 6 → mm P1'))).toBe(false);
    expect(
      resultsDiffer(dma('CTX[6a:01.0]→PASIDTE[1] did 1 → mm P1'), dma('CTX[6a:01.0]→PASIDTE[1] did 2 → dom d1'))
    ).toBe(true);
  });
});
