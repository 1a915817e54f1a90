/**
 * Golden links (e2e/fixtures/golden-links.json): links made by an earlier version must open the
 * same way forever — same scenario, same cursor, the independently derived results, and no
 * drift banner. If the hash check fails after an engine change, every link made before it will
 * show the drift banner: make that change deliberately.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expectedNow } from '../../e2e/fixtures/goldenLinks.ts';
import type { GoldenFile } from '../../e2e/fixtures/goldenLinks.ts';
import { parseScenario, replayDigest, runScenario } from '../engine/index.ts';
import { compareDrift, encodeShare } from '../engine/index.ts';
import type { Scenario } from '../engine/index.ts';
import { readLink } from './link.ts';

const golden = JSON.parse(
  readFileSync(new URL('../../e2e/fixtures/golden-links.json', import.meta.url), 'utf8')
) as GoldenFile;

const spec = (r: { i: number; op: string; ok: boolean; pasid?: number; errno?: string; fault?: string }) => ({
  i: r.i,
  op: r.op,
  ok: r.ok,
  ...(r.pasid === undefined ? {} : { pasid: r.pasid }),
  ...(r.errno === undefined ? {} : { errno: r.errno }),
  ...(r.fault === undefined ? {} : { fault: r.fault }),
});

function library(file: string): Scenario {
  return parseScenario(JSON.parse(readFileSync(new URL(`../../public/scenarios/${file}`, import.meta.url), 'utf8')));
}

/** The scenario without its title, notes and step notes. */
function withoutTexts(s: Scenario): Scenario {
  const { title: _title, notes: _notes, ...rest } = s;
  return { ...rest, steps: s.steps.map(({ note: _note, ...step }) => step) };
}

describe('golden links', () => {
  it('cover every library scenario', () => {
    const index = JSON.parse(readFileSync(new URL('../../public/scenarios/index.json', import.meta.url), 'utf8')) as {
      scenarios: { file: string }[];
    };
    expect(golden.links.map((g) => g.file).sort()).toStrictEqual(index.scenarios.map((s) => s.file).sort());
  });

  it.each(golden.links.map((g) => [g.file, g] as const))('%s opens at its cursor with the expected results', (_, g) => {
    const read = readLink(`#${g.link}`);
    if (read.kind !== 'link') throw new Error(`did not open: ${JSON.stringify(read)}`);
    const { link } = read;
    expect(read.repairs).toStrictEqual([]);
    expect(link.cursor).toBe(g.cursor);
    expect(link.scenario.steps).toHaveLength(g.length);
    const trace = runScenario(link.scenario);
    expect(trace.policy).toBe(g.policy);
    expect(trace.steps.map(spec)).toStrictEqual(expectedNow(g));
    const drift = compareDrift(link.hash, replayDigest(trace.policy, trace.steps, trace.final), trace.steps);
    if (g.changed === undefined) {
      expect(drift, `replay of ${g.file} drifted from the link made on ${g.made}`).toStrictEqual({ kind: 'match' });
      return;
    }
    // A deliberate change: the link says exactly where its replay now differs, and nothing earlier does.
    const { from } = g.changed;
    expect(g.expect.findIndex((r, i) => JSON.stringify(r) !== JSON.stringify(g.changed?.expect[i]))).toBe(from);
    expect(drift).toMatchObject({ kind: 'drift', first: { from, to: from } });
  });

  it('still decodes to the library scenario, its texts aside', () => {
    // A library note may be corrected after a link was made (a date, a quote); the link keeps the
    // text it was made with. Everything the replay depends on must still be the library's.
    for (const g of golden.links) {
      const read = readLink(g.link);
      const lib = library(g.file);
      expect(read.kind === 'link' ? withoutTexts(read.link.scenario) : null, g.file).toStrictEqual(withoutTexts(lib));
    }
  });

  it('round-trips every library scenario as stored today, texts included', () => {
    for (const g of golden.links) {
      const lib = library(g.file);
      const read = readLink(encodeShare({ scenario: lib, cursor: 0 }));
      expect(read.kind === 'link' ? read.link.scenario : null, g.file).toStrictEqual(lib);
    }
  });

  it.each((golden.mangled ?? []).map((m) => [m.how, m] as const))('a link %s still opens', (_, m) => {
    const original = readLink(golden.links[m.of]?.link ?? '');
    const read = readLink(m.text);
    expect(read.kind).toBe('link');
    expect(read.kind === 'link' ? read.repairs.length : 0).toBeGreaterThan(0);
    expect(read.kind === 'link' ? read.link : null).toStrictEqual(original.kind === 'link' ? original.link : undefined);
  });
});
