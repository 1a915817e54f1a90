import { describe, expect, it } from 'vitest';
import { runScenario } from '../engine/index.ts';
import type { Scenario } from '../engine/index.ts';
import { snapshotSvg, wrap } from './snapshotSvg.ts';
import { embedSvgLink, extractSvgLink } from './svg.ts';

const S: Scenario = {
  format: 'pasid-sandbox/1',
  title: 'Tags <b>& "quotes"</b>',
  iommus: [{ id: 'smmu0', type: 'smmuv3' }],
  devices: [
    { id: 'nic0', iommu: 'smmu0', pasidBits: 20 },
    { id: 'accel0', iommu: 'smmu0', bus: 'platform', pasidBits: 2 },
  ],
  processes: [{ id: 'P1' }, { id: 'P2' }],
  steps: [
    { op: 'bind', dev: 'nic0', proc: 'P1', note: 'first <script>alert(1)</script>' },
    { op: 'bind', dev: 'accel0', proc: 'P2' },
  ],
};

describe('snapshotSvg', () => {
  const t = runScenario(S);
  const side = { policy: 'global' as const, final: t.final, result: t.steps[1] };

  it('draws the step, its note escaped, devices and processes', () => {
    const svg = snapshotSvg({ scenario: S, cursor: 2, a: side });
    expect(svg).toMatch(/^<\?xml[^>]*>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('Tags &lt;b&gt;&amp; &quot;quotes&quot;&lt;/b&gt;');
    expect(svg).not.toContain('<script');
    expect(svg).toContain('Step 2 of 2');
    expect(svg).toContain('>accel0<');
    expect(svg).toContain('P1: 1');
  });

  it('marks what differs between two policies', () => {
    const tb = runScenario(S, { policy: 'per-device-cap' });
    const svg = snapshotSvg({
      scenario: S,
      cursor: 2,
      a: side,
      b: { policy: 'per-device-cap', final: tb.final, result: tb.steps[1] },
    });
    expect(svg).toContain('Policy per-device-cap');
    expect(svg).toContain('≠');
  });

  it('writes the step as the screen does and marks a note written for another policy', () => {
    const tb = runScenario(S, { policy: 'per-device-cap' });
    const svg = snapshotSvg({
      scenario: { ...S, steps: [{ ...S.steps[0]!, note: 'P1 gets global PASID 1.' }, S.steps[1]!] },
      cursor: 1,
      a: { policy: 'per-device-cap', final: tb.final, result: tb.steps[0] },
      stepLine: 'bind nic0 ← P1',
      notesFor: 'global',
    });
    expect(svg).toContain('>bind nic0 ← P1<');
    expect(svg).toContain('>Written for the global policy: P1 gets global PASID 1.<');
  });

  it('carries a link through embed and extract', () => {
    const svg = embedSvgLink(snapshotSvg({ scenario: S, cursor: 1, a: side, theme: 'projector' }), 'v1.x&cursor=1');
    expect(extractSvgLink(svg)).toBe('v1.x&cursor=1');
  });
});

describe('wrap', () => {
  it('wraps at spaces and caps the line count', () => {
    expect(wrap('aa bb cc dd', 5, 9)).toStrictEqual(['aa bb', 'cc dd']);
    expect(wrap('aa bb cc dd', 5, 1)).toStrictEqual(['aa b…']);
  });
});
