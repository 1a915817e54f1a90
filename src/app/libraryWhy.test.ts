import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeShare, encodeShare, parseScenarioJson, runScenario } from '../engine/index.ts';
import type { Scenario } from '../engine/index.ts';
import { libraryWhy } from './libraryWhy.ts';
import type { ExpectFile, LibraryEntry } from './libraryWhy.ts';

const dir = new URL('../../public/scenarios/', import.meta.url);
const read = (f: string) => readFileSync(new URL(f, dir), 'utf8');
const entry = (file: string): LibraryEntry => ({
  scenario: parseScenarioJson(read(file)),
  expect: JSON.parse(read(file.replace(/\.json$/, '.expect.json'))) as ExpectFile,
});
const files = readdirSync(dir).filter(
  (f) => f.endsWith('.json') && f !== 'index.json' && !f.includes('.expect.') && !f.includes('.trace.')
);

/** Each step's why for `current` run under `policy`, as the narration would show it. */
function whys(lib: LibraryEntry, current: Scenario, policy = lib.expect.policy): (string | null)[] {
  return runScenario(current, { policy }).steps.map((r) => libraryWhy(lib, current, policy, r.i, r));
}

describe('libraryWhy', () => {
  it.each(files)('%s: every step gets its expectation’s why under the scenario’s own policy', (file) => {
    const lib = entry(file);
    expect(whys(lib, lib.scenario)).toEqual(lib.expect.steps.map((e) => e.why ?? null));
  });

  it('applies to the same scenario decoded from a link, with its notes rewritten', () => {
    const lib = entry('rfc-problem.json');
    const linked = decodeShare(encodeShare({ scenario: lib.scenario })).scenario;
    const renoted = { ...linked, steps: linked.steps.map((s) => ({ ...s, note: `Edited: ${s.note ?? ''}` })) };
    expect(whys(lib, renoted).every((w) => w !== null)).toBe(true);
  });

  it('says nothing under another policy, after a changed step, or on another topology', () => {
    const lib = entry('rfc-problem.json');
    expect(whys(lib, lib.scenario, 'per-device-cap').every((w) => w === null)).toBe(true);

    const steps = lib.scenario.steps.map((s, i) => (i === 4 ? { ...s, proc: 'P2' } : s));
    const changed = whys(lib, { ...lib.scenario, steps });
    expect(changed.slice(0, 4).every((w) => w !== null)).toBe(true);
    expect(changed.slice(4).every((w) => w === null)).toBe(true);

    const devices = lib.scenario.devices.map((d) => (d.id === 'accel0' ? { ...d, pasidBits: 3 } : d));
    expect(whys(lib, { ...lib.scenario, devices }).every((w) => w === null)).toBe(true);
  });

  it('says nothing when the result on screen is not the expected one', () => {
    const lib = entry('rfc-problem.json');
    const r = runScenario(lib.scenario).steps[3]!;
    expect(libraryWhy(lib, lib.scenario, 'global', 3, r)).toMatch(/ENOSPC/);
    expect(libraryWhy(lib, lib.scenario, 'global', 3, { ...r, errno: 'EBUSY' })).toBeNull();
  });
});
