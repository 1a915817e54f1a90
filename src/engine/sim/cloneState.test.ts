import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbScenario } from '../codec/arbitrary.ts';
import type { SimState } from '../kernel/state.ts';
import type { Scenario } from '../scenario/types.ts';
import { cloneData, copySnapshot, takeSnapshot } from './cloneState.ts';
import { Simulation } from './simulation.ts';

/**
 * Everything structuredClone keeps, as one string: kinds, values (-0 and NaN included), key and
 * entry order. Much faster than toStrictEqual on states (their IDA bitmaps hold 33,000 words),
 * and stricter: toStrictEqual ignores Map order, the engine does not.
 */
function dump(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v);
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v !== 'object' || v === null) return String(v);
  if (ArrayBuffer.isView(v)) {
    const bytes = new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
    return `${v.constructor.name}@${v.byteOffset}/${v.buffer.byteLength}(${bytes.join(',')})`;
  }
  if (v instanceof Map) return `Map{${[...v].map(([k, x]) => `${dump(k)}=>${dump(x)}`).join(',')}}`;
  if (v instanceof Set) return `Set{${[...v].map(dump).join(',')}}`;
  if (v instanceof Date) return `Date(${v.getTime()})`;
  if (Array.isArray(v)) return `[${Array.from(v.keys(), (i) => (i in v ? dump(v[i]) : '_')).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .map((k) => `${JSON.stringify(k)}:${dump(o[k])}`)
    .join(',')}}`;
}

/** Every meeting of an object in a walk of `value` (an object met again is listed, not entered again). */
function meetings(value: unknown): object[] {
  const seen = new Set<object>();
  const out: object[] = [];
  const walk = (v: unknown): void => {
    if (typeof v !== 'object' || v === null) return;
    out.push(v);
    if (seen.has(v)) return;
    seen.add(v);
    if (ArrayBuffer.isView(v)) {
      walk(v.buffer);
    } else if (v instanceof Map) {
      for (const [k, x] of v) {
        walk(k);
        walk(x);
      }
    } else if (v instanceof Set) {
      for (const x of v) walk(x);
    } else {
      for (const k of Object.keys(v)) walk((v as Record<string, unknown>)[k]);
    }
  };
  walk(value);
  return out;
}

/**
 * Each meeting as the index of the object's first meeting: two values with the same list share
 * objects the same way (what toStrictEqual cannot see).
 */
function sharing(value: unknown): number[] {
  const first = new Map<object, number>();
  return meetings(value).map((o) => first.get(o) ?? (first.set(o, first.size), first.size - 1));
}

/** Objects reachable from both `a` and `b`. */
function common(a: unknown, b: unknown): number {
  const inB = new Set(meetings(b));
  return new Set(meetings(a).filter((o) => inB.has(o))).size;
}

/** One SMMUv3 and one VT-d device, bound and DMA'd: their config caches hold the table entries they read. */
const CACHED: Scenario = {
  format: 'pasid-sandbox/1',
  iommus: [
    { id: 'smmu0', type: 'smmuv3' },
    { id: 'dmar0', type: 'vtd' },
  ],
  devices: [
    { id: 'nic0', iommu: 'smmu0', pasidBits: 20 },
    { id: 'dsa0', iommu: 'dmar0', pasidBits: 20, enqcmd: true },
  ],
  processes: [{ id: 'P1' }, { id: 'P2' }],
  steps: [
    { op: 'bind', dev: 'nic0', proc: 'P1' },
    { op: 'bind', dev: 'dsa0', proc: 'P2' },
    { op: 'dma', dev: 'nic0', pasid: 1 },
    { op: 'dma', dev: 'dsa0', pasid: 2 },
  ],
};

function stateAfter(scenario: Scenario, n: number): Readonly<SimState> {
  const sim = Simulation.create(scenario);
  for (let i = 0; i < n && !sim.done; i++) sim.step();
  return sim.state;
}

describe('cloneData(value)', () => {
  it('equals structuredClone(value), sharing included, on states of random scenarios', () => {
    fc.assert(
      fc.property(arbScenario({ maxSteps: 60 }), fc.nat(), (scenario, cut) => {
        const s = stateAfter(scenario, cut % (scenario.steps.length + 1));
        const copy = cloneData(s);
        expect(dump(copy)).toBe(dump(structuredClone(s)));
        expect(sharing(copy)).toStrictEqual(sharing(s));
        expect(common(copy, s)).toBe(0);
      }),
      { numRuns: 100, seed: 7 }
    );
  }, 60_000);

  it('keeps a cache entry and its table entry one object', () => {
    const s = stateAfter(CACHED, CACHED.steps.length);
    const copy = cloneData(s);
    expect(sharing(s).length).toBeGreaterThan(new Set(sharing(s)).size); // the state does share objects
    expect(sharing(copy)).toStrictEqual(sharing(s));
    expect(sharing(copy)).toStrictEqual(sharing(structuredClone(s)));
  });

  it('copies odd plain data as structuredClone does', () => {
    const buf = new ArrayBuffer(16);
    const leaf = { a: 1 };
    const key = { k: true };
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { x: [leaf] });
    // eslint-disable-next-line no-sparse-arrays
    const holes = [1, , 3];
    const value = {
      views: [new Uint8Array(buf, 4, 8), new Int32Array(buf), new DataView(buf, 2, 4)],
      own: new Float64Array([1.5, -0]),
      map: new Map<unknown, unknown>([
        [key, leaf],
        ['k', key],
      ]),
      set: new Set<unknown>([leaf, 'x', 2n]),
      bare,
      holes,
      when: new Date(0),
      nested: { leaf, deeper: { leaf, list: [leaf, leaf] } },
      nums: [NaN, -0, Infinity, undefined, null],
    };
    const copy = cloneData(value);
    expect(copy).toStrictEqual(structuredClone(value));
    expect(dump(copy)).toBe(dump(structuredClone(value)));
    expect(sharing(copy)).toStrictEqual(sharing(value));
    expect(common(copy, value)).toBe(0);
    expect(copy.views[0]?.buffer).toBe(copy.views[1]?.buffer);
    expect(1 in copy.holes).toBe(false);
  });

  it('throws on a function or a symbol, as structuredClone does', () => {
    expect(() => cloneData({ f: () => 1 })).toThrow();
    expect(() => cloneData([Symbol('s')])).toThrow();
    expect(() => cloneData(new Map([[1, () => 1]]))).toThrow();
  });
});

describe('takeSnapshot(value) and copySnapshot(snap)', () => {
  it('copy the value exactly, sharing included, however often', () => {
    const s = stateAfter(CACHED, CACHED.steps.length);
    const snap = takeSnapshot(s);
    expect(snap.shared.size).toBeGreaterThan(0);
    for (const copy of [snap.value, copySnapshot(snap), copySnapshot(snap)]) {
      expect(dump(copy)).toBe(dump(structuredClone(s)));
      expect(sharing(copy)).toStrictEqual(sharing(s));
      expect(common(copy, s)).toBe(0);
    }
    expect(common(copySnapshot(snap), snap.value)).toBe(0);
  });

  it('count the values copied', () => {
    expect(takeSnapshot({ a: 1, b: [1, 2], m: new Map([[1, 'x']]) }).size).toBe(
      1 + 3 + (1 + 2) + (1 + 2) // the object and its 3 keys, the array and its 2 items, the Map and its entry
    );
  });

  it('a copy never changes the snapshot or the original when stepped', () => {
    fc.assert(
      fc.property(arbScenario({ maxSteps: 40 }), fc.nat(), (scenario, cut) => {
        const at = cut % (scenario.steps.length + 1);
        const sim = Simulation.create(scenario);
        for (let i = 0; i < at; i++) sim.step();
        const before = dump(structuredClone(sim.state));
        const snap = sim.snapshot();
        const restored = sim.restore(snap);
        const cloned = sim.clone();
        // Both copies run the rest of the scenario, then the original does: all three agree.
        const rest = scenario.steps.slice(at);
        const results = rest.map((step) => restored.apply(step));
        expect(rest.map((step) => cloned.apply(step))).toStrictEqual(results);
        expect(dump(sim.state)).toBe(before);
        expect(dump(snap.value)).toBe(before);
        expect(rest.map((step) => sim.apply(step))).toStrictEqual(results);
        expect(restored.final()).toStrictEqual(sim.final());
        expect(dump(copySnapshot(snap))).toBe(before);
      }),
      { numRuns: 100, seed: 11 }
    );
  }, 60_000);
});
