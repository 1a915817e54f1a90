import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbScenario } from '../engine/codec/arbitrary.ts';
import { decodeShare, encodeShare } from '../engine/index.ts';
import type { Scenario } from '../engine/index.ts';
import {
  LinkWriter,
  embedRequested,
  encodeLinkHead,
  isLinkFragment,
  onLinkHead,
  primeLinkHead,
  readLink,
} from './link.ts';
import { repairFragment } from '../engine/codec/repair.ts';
import { scenarioUnder } from './notesPolicy.ts';

const SCENARIO: Scenario = {
  format: 'pasid-sandbox/1',
  title: 'demo',
  iommus: [{ id: 'smmu0', type: 'smmuv3' }],
  devices: [{ id: 'nic0', iommu: 'smmu0', pasidBits: 20 }],
  processes: [{ id: 'P1' }],
  steps: [
    { op: 'bind', dev: 'nic0', proc: 'P1', note: 'first' },
    { op: 'unbind', dev: 'nic0', proc: 'P1' },
  ],
};
const LINK = encodeShare({ scenario: SCENARIO, cursor: 1 });

describe('isLinkFragment', () => {
  it('leaves in-page anchors alone', () => {
    expect(isLinkFragment('#main')).toBe(false);
    expect(isLinkFragment('')).toBe(false);
    expect(isLinkFragment('#')).toBe(false);
  });
  it('treats anything link-shaped as a link attempt', () => {
    expect(isLinkFragment(`#${LINK}`)).toBe(true);
    expect(isLinkFragment('v9')).toBe(true);
    expect(isLinkFragment('garbage&cursor=1')).toBe(true);
  });
});

describe('readLink', () => {
  it('opens a good link without repairs', () => {
    expect(readLink(`#${LINK}`)).toStrictEqual({ kind: 'link', link: decodeShare(LINK), repairs: [] });
  });

  it('explains a newer version', () => {
    const r = readLink(LINK.replace('v1.', 'v7.'));
    expect(r).toMatchObject({ kind: 'error', diagnostic: { problem: 'link: unknown version "v7"' } });
    expect(r.kind === 'error' ? r.diagnostic.hints[0] : '').toMatch(/newer pasid-sandbox/);
  });

  it('explains a cut link and gives its length', () => {
    const cut = LINK.slice(0, 40);
    const r = readLink(cut);
    expect(r.kind).toBe('error');
    if (r.kind !== 'error') return;
    expect(r.diagnostic.problem).toMatch(/^link/);
    expect(r.diagnostic.length).toBe(40);
    expect(r.diagnostic.hints[0]).toMatch(/cut or changed/);
    expect(r.diagnostic.bare).toBeNull();
  });

  it('offers the scenario without its settings when only a setting is bad', () => {
    const r = readLink(`${LINK}&theme=<script>`);
    expect(r.kind).toBe('error');
    if (r.kind !== 'error') return;
    expect(r.diagnostic.problem).toBe('link.theme: expected 1-32 characters of A-Z a-z 0-9 _ . -');
    expect(r.diagnostic.bare?.scenario).toStrictEqual(SCENARIO);
  });

  it('never throws, whatever the fragment', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        const r = readLink(s);
        expect(['none', 'link', 'error']).toContain(r.kind);
        if (r.kind === 'error') expect(r.diagnostic.problem).not.toMatch(/[\r\n]/);
      }),
      { numRuns: 500, seed: 1 }
    );
  });

  it('never throws on mutated links', () => {
    fc.assert(
      fc.property(fc.nat(LINK.length - 1), fc.string({ minLength: 0, maxLength: 3 }), fc.nat(3), (at, ins, del) => {
        const mutated = LINK.slice(0, at) + ins + LINK.slice(at + del);
        expect(() => readLink(mutated)).not.toThrow();
      }),
      { numRuns: 500, seed: 2 }
    );
  });
});

describe('repairFragment', () => {
  it('changes nothing in a clean link', () => {
    expect(repairFragment(LINK)).toStrictEqual({ text: LINK, used: [] });
  });
  it('undoes mail quoting, HTML escaping and percent-encoding', () => {
    const mangled = `> ${LINK.slice(0, 30)}\n> ${LINK.slice(30)}`.replace('&', '&amp;');
    expect(repairFragment(mangled).text).toBe(LINK);
    expect(repairFragment(LINK.replace('&', '%26').replace('=', '%3D')).text).toBe(LINK);
  });
});

describe('LinkWriter', () => {
  it('is ready once it has a head: its own, or one primed for the same scenario object and policy', () => {
    const scenario: Scenario = { ...SCENARIO };
    const w = new LinkWriter();
    expect(w.ready({ scenario, policy: 'global' })).toBe(false);
    let told = 0;
    const off = onLinkHead(() => told++);
    // A head no encoder could make proves the writer used the primed one instead of encoding.
    primeLinkHead(scenario, 'global', 'v1.PRIMED');
    off();
    expect(told).toBe(1);
    expect(w.ready({ scenario, policy: 'global' })).toBe(true);
    expect(w.ready({ scenario, policy: 'arch-gated' })).toBe(false);
    expect(w.ready({ scenario: { ...scenario }, policy: 'global' })).toBe(false);
    expect(w.fragment({ scenario, policy: 'global', cursor: 1 })).toBe('v1.PRIMED&cursor=1');
    primeLinkHead(scenario, 'arch-gated', new Error('too large'));
    expect(() => w.fragment({ scenario, policy: 'arch-gated', cursor: 0 })).toThrow('too large');
    expect(encodeLinkHead(SCENARIO, 'global')).toBe(encodeShare({ scenario: { ...SCENARIO, policy: 'global' } }));
  });

  it('writes what encodeShare writes, settings in the codec order', () => {
    const w = new LinkWriter();
    const state = {
      scenario: SCENARIO,
      policy: 'per-device-cap' as const,
      cursor: 2,
      view: 'notes',
      present: true,
      embed: true,
      theme: 'projector',
      policyB: 'global' as const,
      hash: '0123456789abcdef-AB',
    };
    expect(w.fragment(state)).toBe(
      encodeShare({
        // Under another policy than its notes', the link's notes carry the mark (notesPolicy.test.ts).
        scenario: scenarioUnder(SCENARIO, 'per-device-cap'),
        cursor: 2,
        view: 'notes',
        present: true,
        embed: true,
        theme: 'projector',
        policyB: 'global',
        hash: '0123456789abcdef-AB',
      })
    );
  });

  it('reads embed=1 from the text of a link it cannot open, and calls a bad embed a settings problem', () => {
    expect(embedRequested('#v1.broken&cursor=3&embed=1')).toBe(true);
    expect(embedRequested('v1.broken&embed=1&theme=dark')).toBe(true);
    expect(embedRequested('v1.broken&embed=10')).toBe(false);
    expect(embedRequested('v1.broken&noembed=1')).toBe(false);
    const fragment = new LinkWriter().fragment({ scenario: SCENARIO, policy: 'global', cursor: 1 });
    const read = readLink(`${fragment}&embed=2`);
    if (read.kind !== 'error') throw new Error(read.kind);
    expect(read.diagnostic.problem).toBe('link.embed: expected 1 or 0');
    expect(read.diagnostic.hints[0]).toMatch(/One of the settings after the scenario/);
  });

  it('writes embed only when on, so a plain link stays readable by a version without it', () => {
    const w = new LinkWriter();
    const state = { scenario: SCENARIO, policy: 'global' as const, cursor: 1 };
    expect(w.fragment({ ...state, embed: false })).not.toContain('embed');
    expect(w.fragment(state)).not.toContain('embed');
    expect(w.fragment({ ...state, embed: true })).toMatch(/&cursor=1&embed=1$/);
  });

  it('writes policyB=all, and the link reads back as every policy side by side', () => {
    const w = new LinkWriter();
    const fragment = w.fragment({ scenario: SCENARIO, policy: 'arch-gated', cursor: 1, policyB: 'all', hash: 'ab' });
    expect(fragment).toMatch(/&cursor=1&policyB=all&hash=ab$/);
    const read = readLink(`#${fragment}`);
    expect(read.kind === 'link' ? read.link.policyB : read).toBe('all');
    expect(read.kind === 'link' ? read.link.cursor : read).toBe(1);
  });

  it('a link with an unknown policyB is a settings problem the scenario opens without', () => {
    const fragment = new LinkWriter().fragment({ scenario: SCENARIO, policy: 'global', cursor: 1 });
    const read = readLink(`${fragment}&policyB=everything`);
    if (read.kind !== 'error') throw new Error(read.kind);
    expect(read.diagnostic.problem).toMatch(/^link\.policyB: expected one of .*, or all$/);
    expect(read.diagnostic.hints[0]).toMatch(/One of the settings after the scenario/);
    expect(read.diagnostic.bare?.scenario.steps).toStrictEqual(scenarioUnder(SCENARIO, 'global').steps);
  });

  it('a scenario that cannot go into a link throws the same error on every call, then recovers', () => {
    const w = new LinkWriter();
    // Unparseable for the codec (a thread the process does not have), as an oversized one is.
    const bad = { ...SCENARIO, steps: [{ op: 'enqcmd' as const, proc: 'P1', dev: 'nic0', thread: 3 }] };
    const state = { scenario: bad, policy: 'global' as const, cursor: 0 };
    expect(() => w.fragment(state)).toThrow(/thread/);
    expect(() => w.fragment({ ...state, cursor: 1 })).toThrow(/thread/);
    expect(w.fragment({ scenario: SCENARIO, policy: 'global', cursor: 1 })).toMatch(/^v\d+\./);
  });

  it('round-trips random scenarios and cursors through decodeShare', () => {
    const w = new LinkWriter();
    fc.assert(
      fc.property(arbScenario({ maxSteps: 20 }), fc.nat(), (scenario, c) => {
        const cursor = c % (scenario.steps.length + 1);
        const policy = scenario.policy ?? 'global';
        const link = decodeShare(w.fragment({ scenario, policy, cursor }));
        expect(link.cursor).toBe(cursor);
        expect(link.scenario).toStrictEqual({ ...scenario, policy });
      }),
      { numRuns: 40, seed: 3 }
    );
  }, 30_000);
});
