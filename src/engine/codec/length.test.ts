/**
 * Link length budgets (hard requirements, peers.md §3.2: links must survive chat and tracker
 * limits). Each case also computes the two obvious baselines — JSON + lz-string and
 * JSON + deflate-raw + base64url — and prints the comparison.
 */
import { deflateSync } from 'fflate';
import LZString from 'lz-string';
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../scenario/types.ts';
import { toBase64Url } from './base64url.ts';
import { decodeShare, encodeShare } from './index.ts';
import { RFC_SHORT as RFC, random200 } from './lengthFixtures.ts';

/** Same size, but names and notes in words the v1 dictionary does not contain. */
const RFC_OTHER_WORDS: Scenario = {
  format: 'pasid-sandbox/1',
  title: 'Tiny SSID space vs system-wide allocation',
  policy: 'global',
  iommus: [{ id: 'smmu', type: 'smmuv3' }],
  devices: [
    { id: 'npu', iommu: 'smmu', bus: 'platform', pasidBits: 1 },
    { id: 'dsa', iommu: 'smmu', pasidBits: 20, enqcmd: true },
    { id: 'eth', iommu: 'smmu', pasidBits: 8 },
  ],
  processes: [{ id: 'A' }, { id: 'B' }, { id: 'C', threads: 2 }, { id: 'D' }, { id: 'E' }],
  steps: [
    { op: 'bind', dev: 'dsa', proc: 'A', note: 'A gets 1' },
    { op: 'bind', dev: 'npu', proc: 'B', note: 'B gets 2: too big for npu?' },
    { op: 'bind', dev: 'eth', proc: 'C' },
    { op: 'enqcmd', proc: 'C', dev: 'dsa', thread: 1, note: 'lazy MSR fixup' },
    { op: 'bind', dev: 'npu', proc: 'A', note: 'works: A owns 1' },
    { op: 'bind', dev: 'npu', proc: 'D', note: 'out of room' },
    { op: 'exit', proc: 'A' },
    { op: 'bind', dev: 'npu', proc: 'D', note: 'still busy until mmdrop' },
    { op: 'unbind', dev: 'dsa', proc: 'A' },
    { op: 'unbind', dev: 'npu', proc: 'A', note: '1 is free again' },
    { op: 'bind', dev: 'npu', proc: 'D' },
    { op: 'dma', dev: 'npu', pasid: 1, addr: 4096 },
  ],
};

/** Deterministic PRNG (mulberry32) so the random scenario is the same on every run. */

function measure(scenario: Scenario): { ours: number; lz: number; deflate: number } {
  const json = JSON.stringify(scenario);
  const ours = encodeShare({ scenario });
  expect(decodeShare(ours).scenario).toStrictEqual(scenario);
  return {
    ours: ours.length,
    lz: LZString.compressToEncodedURIComponent(json).length,
    deflate: toBase64Url(deflateSync(new TextEncoder().encode(json), { level: 9 })).length,
  };
}

describe('share link length budgets', () => {
  it.each([
    ['RFC problem', RFC],
    ['RFC problem, words outside the dictionary', RFC_OTHER_WORDS],
  ])('%s: scenario part ≤ 300 characters', (name, scenario) => {
    const m = measure(scenario);
    console.info(`${name}: ${m.ours} chars (JSON+lz-string ${m.lz}, JSON+deflate ${m.deflate})`);
    expect(m.ours).toBeLessThanOrEqual(300);
    expect(m.ours).toBeLessThan(m.deflate);
  });

  it.each([1, 2, 3])('200 random steps, 8 devices, 16 processes (seed %i): ≤ 1200 characters', (seed) => {
    const m = measure(random200(seed));
    console.info(`random200 seed ${seed}: ${m.ours} chars (JSON+lz-string ${m.lz}, JSON+deflate ${m.deflate})`);
    expect(m.ours).toBeLessThanOrEqual(1200);
    expect(m.ours).toBeLessThan(m.deflate);
  });
});
