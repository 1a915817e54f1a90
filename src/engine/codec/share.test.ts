import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../scenario/parse.ts';
import { validScenario } from '../scenario/parse.fixture.ts';
import { POLICIES, type Scenario } from '../scenario/types.ts';
import { arbScenario } from './arbitrary.ts';
import { fromBase64Url } from './base64url.ts';
import { inflateBounded } from './deflate.ts';
import { DICTIONARY_V1 } from './dictionary-v1.ts';
import { encodeScenarioV1 } from './encode-v1.ts';
import { ALL_POLICIES, type ShareLink, decodeShare, encodeShare } from './index.ts';

const fixture = (): Scenario => validScenario() as unknown as Scenario;

/**
 * A link made with codec v1. It must decode to the same thing forever: if this test fails,
 * the v1 decoder changed — restore it and put the new layout under v2 with a migration.
 */
const GOLDEN_V1 =
  'v1.YzzOaOaoYKQLKkCQHaBQXJJYVAYJPCRTIUaAzRYOKQd6AFgYFHPlpwHjsyS1WI-JFZxy2URYQGmZXYSZDZIqGboEmARYQOmXYYoaA1O6AQsoVTOeFBBhNzCwMjDSM2BiCjBkYAowYmZiU2Bg4AcmX7DvIPYZCgKljI8ypRgyMnAwMbIGMTIxXmZibVAAAA' +
  '&cursor=3&view=tables&present=1&theme=projector&policyB=per-device-cap&hash=9f2c0d41';
const GOLDEN_LINK: ShareLink = {
  scenario: fixture(),
  cursor: 3,
  view: 'tables',
  present: true,
  theme: 'projector',
  policyB: 'per-device-cap',
  hash: '9f2c0d41',
};

/** Every ShareLink parameter, each present or absent. */
const arbParams = (steps: number) =>
  fc.record(
    {
      cursor: fc.integer({ min: 0, max: steps }),
      view: fc.constantFrom('topology', 'tables', 'a.b-c_9'),
      present: fc.boolean(),
      embed: fc.boolean(),
      theme: fc.constantFrom('dark', 'light', 'projector'),
      policyB: fc.constantFrom(...POLICIES, ALL_POLICIES),
      hash: fc.constantFrom('0', 'deadbeef', 'f'.repeat(64), 'A-_z'),
    },
    { requiredKeys: [], noNullPrototype: true }
  );

describe('share links: round trip', () => {
  it('decodes the golden v1 link', () => {
    expect(decodeShare(GOLDEN_V1)).toStrictEqual(GOLDEN_LINK);
  });

  it('keeps the v1 wire format (compare the inflated golden payload)', () => {
    const payload = GOLDEN_V1.slice(3, GOLDEN_V1.indexOf('&'));
    expect(inflateBounded(fromBase64Url(payload), DICTIONARY_V1)).toEqual(encodeScenarioV1(fixture()));
  });

  it('round-trips any valid scenario exactly, with any parameters', () => {
    fc.assert(
      fc.property(
        arbScenario().chain((s) => fc.tuple(fc.constant(s), arbParams(s.steps.length))),
        ([scenario, params]) => {
          const link: ShareLink = { scenario, ...params };
          const text = encodeShare(link);
          expect(text).toMatch(/^v1\.[A-Za-z0-9_-]+(&[A-Za-z]+=[A-Za-z0-9_.-]+)*$/);
          expect(decodeShare(text)).toStrictEqual(link);
        }
      ),
      { numRuns: 250 }
    );
  }, 60_000);

  it('carries policyB=all (every policy side by side) as written, after the other settings', () => {
    const text = encodeShare({ scenario: fixture(), cursor: 2, policyB: 'all', hash: 'ab' });
    expect(text).toMatch(/&cursor=2&policyB=all&hash=ab$/);
    expect(decodeShare(text)).toStrictEqual({ scenario: fixture(), cursor: 2, policyB: 'all', hash: 'ab' });
  });

  it('keeps optional keys absent or present exactly as given', () => {
    const bare: Scenario = { format: 'pasid-sandbox/1', iommus: [], devices: [], processes: [], steps: [] };
    expect(decodeShare(encodeShare({ scenario: bare }))).toStrictEqual({ scenario: bare });
    const s = fixture();
    s.devices.push({ id: 'x', iommu: 'smmu0', pasidBits: null, enqcmd: false, ats: false, pri: false });
    const back = decodeShare(encodeShare({ scenario: s, present: false })).scenario;
    expect(back).toStrictEqual(s);
    expect(JSON.stringify(back)).toBe(JSON.stringify(s));
  });

  it('carries a domain that no earlier domain_alloc made (spec §3: an ENOENT result, not invalid)', () => {
    const s = fixture();
    s.steps = [
      { op: 'attach_dev', dev: 'nic0', domain: 'later' },
      { op: 'domain_alloc', id: 'later', iommu: 'smmu0', type: 'paging' },
      { op: 'attach_dev', dev: 'nic0', domain: 'later' },
      { op: 'replace_pasid', dev: 'dsa0', domain: 'never', pasid: 3, note: 'n' },
      { op: 'attach_pasid_any', dev: 'dsa0', domain: 'default' },
    ];
    const text = encodeShare({ scenario: s, cursor: 5 });
    expect(text).toMatch(/^v1\./);
    expect(decodeShare(text)).toStrictEqual({ scenario: s, cursor: 5 });
  });

  it('keeps unicode, lone surrogates, huge addresses and 32-bit values', () => {
    const s = fixture();
    s.title = 'ünïcödé ✓ 🙂 中文 \ud800';
    s.steps.push({
      op: 'dma',
      dev: 'accel0',
      pasid: 0xffffffff,
      addr: Number.MAX_SAFE_INTEGER,
      note: 'é\n\u2028\udfff',
    });
    s.devices[0] = { ...s.devices[0]!, sid: 2 ** 32 - 1 };
    expect(decodeShare(encodeShare({ scenario: s })).scenario).toStrictEqual(s);
  });
});

describe('share links: accepted spellings', () => {
  const text = encodeShare({ scenario: fixture(), cursor: 2 });
  it.each([
    ['bare', text],
    ['#fragment', `#${text}`],
    ['full URL', `https://example.org/pasid-sandbox/?embed=1#${text}`],
    ['surrounding whitespace', `  ${text}\n`],
  ])('accepts a %s', (_, input) => {
    expect(decodeShare(input)).toStrictEqual({ scenario: fixture(), cursor: 2 });
  });
});

describe('share links: encoding validates', () => {
  function encodeFails(link: ShareLink, message: string): void {
    expect(() => encodeShare(link)).toThrow(ScenarioError);
    expect(() => encodeShare(link)).toThrow(message);
  }
  it('validates the scenario first', () => {
    const s = fixture();
    (s.steps[0] as { dev: string }).dev = 'acel0';
    encodeFails({ scenario: s }, 'steps[0].dev: unknown device "acel0"');
  });
  it('validates every parameter', () => {
    const scenario = fixture();
    encodeFails({ scenario, cursor: 7 }, 'cursor: expected an integer 0-6 (the scenario has 6 steps)');
    encodeFails({ scenario, cursor: -1 }, 'cursor: expected an integer 0-6');
    encodeFails({ scenario, cursor: 1.5 }, 'cursor: expected an integer 0-6');
    encodeFails({ scenario, view: 'a&b=c' }, 'view: expected 1-32 characters of A-Z a-z 0-9 _ . -');
    encodeFails({ scenario, theme: '' }, 'theme: expected 1-32 characters');
    encodeFails(
      { scenario, policyB: 'mainline' as never },
      'policyB: expected one of global, per-device-cap, arch-gated, driver-managed, or all'
    );
    encodeFails({ scenario, policyB: 'All' as never }, 'policyB: expected one of');
    encodeFails({ scenario, hash: 'ab cd' }, 'hash: expected 1-128 characters of A-Z a-z 0-9 _ -');
  });
});
