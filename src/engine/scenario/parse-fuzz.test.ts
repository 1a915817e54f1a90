/**
 * Property tests: whatever it is given, the parser either returns a scenario it accepts again
 * unchanged, or throws a ScenarioError with a one-line `path: problem` message. Never anything else.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbScenario } from '../codec/arbitrary.ts';
import { ScenarioError, parseScenario, parseScenarioJson } from './parse.ts';

/** Runs `f`; passes if it returns, or throws a well-formed ScenarioError. */
function onlyCleanErrors(f: () => unknown): void {
  try {
    f();
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw e;
    expect(e.message).toBe(`${e.path}: ${e.problem}`);
    expect(e.message).not.toMatch(/[\n\r\u2028\u2029]/);
    expect(e.message.length).toBeLessThan(400);
  }
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Every container in `v` (objects and arrays) so a mutation can pick one. */
function containers(v: Json, out: (Json[] | { [k: string]: Json })[] = []): (Json[] | { [k: string]: Json })[] {
  if (typeof v === 'object' && v !== null) {
    out.push(v);
    for (const x of Array.isArray(v) ? v : Object.values(v)) containers(x, out);
  }
  return out;
}

const KEYS = [
  'format',
  'op',
  'dev',
  'proc',
  'pasid',
  'thread',
  'id',
  'iommu',
  'type',
  'steps',
  'note',
  '__proto__',
  'constructor',
  'x',
];

/** One random edit: replace, delete or add a value somewhere in the tree. */
const arbMutation = fc.record({
  where: fc.nat(),
  pick: fc.nat(),
  action: fc.constantFrom('replace', 'delete', 'add'),
  key: fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 5 })),
  value: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom('P1', 'default', -1, 0, 2 ** 32, 1.5, null, '')),
});

type Mutation = typeof arbMutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(root: Json, m: Mutation): void {
  const all = containers(root);
  const target = all[m.where % all.length];
  if (target === undefined) return;
  const value = m.value as Json;
  if (Array.isArray(target)) {
    const i = target.length === 0 ? 0 : m.pick % target.length;
    if (m.action === 'delete') target.splice(i, 1);
    else if (m.action === 'add') target.splice(i, 0, value);
    else target[i] = value;
    return;
  }
  const keys = Object.keys(target);
  const key = m.action === 'add' || keys.length === 0 ? m.key : (keys[m.pick % keys.length] ?? m.key);
  if (m.action === 'delete') delete target[key];
  // defineProperty: a plain assignment of "__proto__" would set the prototype instead of a key.
  else Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

describe('parseScenario properties', () => {
  it('accepts every generated scenario and returns it unchanged', () => {
    fc.assert(
      fc.property(arbScenario(), (s) => {
        const out = parseScenario(s);
        expect(out).toEqual(s);
        expect(parseScenario(out)).toEqual(out);
      }),
      { numRuns: 300 }
    );
  }, 60_000);

  it('throws only ScenarioErrors on random JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => onlyCleanErrors(() => parseScenario(v))),
      { numRuns: 500 }
    );
    fc.assert(
      fc.property(fc.string(), (t) => onlyCleanErrors(() => parseScenarioJson(t))),
      { numRuns: 300 }
    );
  }, 60_000);

  it('throws only ScenarioErrors on random mutations of valid scenarios', () => {
    fc.assert(
      fc.property(arbScenario({ maxSteps: 12 }), fc.array(arbMutation, { minLength: 1, maxLength: 3 }), (s, muts) => {
        const copy = JSON.parse(JSON.stringify(s)) as Json;
        for (const m of muts) mutate(copy, m);
        onlyCleanErrors(() => {
          const out = parseScenario(copy);
          expect(parseScenario(out)).toEqual(out);
        });
        // Mutated JSON text goes through the same gate.
        onlyCleanErrors(() => parseScenarioJson(JSON.stringify(copy)));
      }),
      { numRuns: 1000 }
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }, 60_000);
});
