import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { createIda, idaAlloc, idaAllocAt, idaFree, idaHas, idaToArray, type Ida } from './ida.ts';

const PASID_SPACE = 1 << 20;

/** Fills [0, size) except the listed IDs. */
function fillExcept(size: number, free: number[]): Ida {
  const ida = createIda(size);
  const skip = new Set(free);
  for (let id = 0; id < size; id++) if (!skip.has(id)) idaAllocAt(ida, id);
  return ida;
}

describe('createIda', () => {
  it('createIda(size) starts empty with size and count fields', () => {
    const ida = createIda(PASID_SPACE);
    expect(ida.size).toBe(PASID_SPACE);
    expect(ida.count).toBe(0);
    expect(idaToArray(ida)).toEqual([]);
  });

  it('keeps memory proportional to size: 2^20 IDs ≈ 128 KiB of bits plus small summaries', () => {
    const ida = createIda(PASID_SPACE);
    const bytes = ida.words.byteLength + ida.levelStart.byteLength + ida.nonEmpty.byteLength;
    expect(bytes).toBeGreaterThanOrEqual(128 * 1024);
    expect(bytes).toBeLessThan(140 * 1024); // summaries + nonEmpty ≈ 8 KiB
    expect(createIda(4).words.length).toBe(1);
  });

  it('rejects sizes that are negative, fractional or too large', () => {
    expect(() => createIda(-1)).toThrow(RangeError);
    expect(() => createIda(1.5)).toThrow(RangeError);
    expect(() => createIda(2 ** 31)).toThrow(RangeError);
  });

  it('createIda(0) has nothing to allocate', () => {
    const ida = createIda(0);
    expect(idaAlloc(ida, 0, 10)).toBe(-1);
    expect(idaAllocAt(ida, 0)).toBe(false);
    expect(idaToArray(ida)).toEqual([]);
  });
});

describe('idaAlloc', () => {
  it('R7: returns the lowest free ID in [1, max−1], never 0', () => {
    const ida = createIda(PASID_SPACE);
    expect(idaAlloc(ida, 1, PASID_SPACE - 1)).toBe(1);
    expect(idaAlloc(ida, 1, PASID_SPACE - 1)).toBe(2);
    expect(idaAlloc(ida, 1, PASID_SPACE - 1)).toBe(3);
    expect(idaHas(ida, 0)).toBe(false);
    expect(ida.count).toBe(3);
  });

  it('R6: one IDA shared by devices with different max — the starvation example of §2.5', () => {
    const ida = createIda(PASID_SPACE);
    [1, 2, 3].forEach((id) => expect(idaAlloc(ida, 1, PASID_SPACE - 1)).toBe(id)); // P1–P3 on device A
    expect(idaAlloc(ida, 1, 4 - 1)).toBe(-1); // P4 on device B (max 4): [1, 3] is full
    expect(idaAlloc(ida, 1, PASID_SPACE - 1)).toBe(4); // P5 on A
    idaFree(ida, 2); // P2 exits
    expect(idaAlloc(ida, 1, 4 - 1)).toBe(2); // P4 retries on B
  });

  it('R7: a range of one ID (min == max) gives that ID or -1', () => {
    const ida = createIda(64);
    expect(idaAlloc(ida, 40, 40)).toBe(40);
    expect(idaAlloc(ida, 40, 40)).toBe(-1);
  });

  it('R7: min > max (a device with max_pasids 1: range [1, 0]) gives -1', () => {
    const ida = createIda(64);
    expect(idaAlloc(ida, 1, 0)).toBe(-1);
    expect(ida.count).toBe(0);
  });

  it('clamps the range to [0, size−1] and rejects NaN bounds', () => {
    const ida = createIda(4);
    expect(idaAlloc(ida, -5, 100)).toBe(0);
    expect(idaAlloc(ida, 4, 100)).toBe(-1);
    expect(idaAlloc(ida, Number.NaN, 3)).toBe(-1);
    expect(idaAlloc(ida, 0, Number.NaN)).toBe(-1);
  });

  it('fills a small space (size 4) and then reports it full', () => {
    const ida = createIda(4);
    expect([0, 1, 2, 3].map(() => idaAlloc(ida, 0, 3))).toEqual([0, 1, 2, 3]);
    expect(idaAlloc(ida, 0, 3)).toBe(-1);
    expect(idaAlloc(ida, 0, 1000)).toBe(-1); // padding bits past size are never handed out
  });

  it('R7: fills the whole PASID space [1, 2^20−1] in order, then reports it full', () => {
    const ida = createIda(PASID_SPACE);
    for (let id = 1; id < PASID_SPACE; id++) {
      if (idaAlloc(ida, 1, PASID_SPACE - 1) !== id) throw new Error(`expected ${id}`);
    }
    expect(ida.count).toBe(PASID_SPACE - 1);
    expect(idaAlloc(ida, 1, PASID_SPACE - 1)).toBe(-1);
    expect(idaAlloc(ida, 0, 0)).toBe(0); // 0 was outside the range, so it is still free
  });

  it('finds a free ID across word, summary and top-level boundaries', () => {
    // 2^20 has four levels; free IDs sit just past a level-0 word (32), a level-1 word (1024)
    // and a level-2 word (32768), and the search starts in a full region before each.
    const free = [31, 32, 1023, 1024, 32767, 32768, PASID_SPACE - 1];
    const ida = fillExcept(PASID_SPACE, free);
    expect(idaAlloc(ida, 0, PASID_SPACE - 1)).toBe(31);
    expect(idaAlloc(ida, 33, PASID_SPACE - 1)).toBe(1023);
    expect(idaAlloc(ida, 1025, PASID_SPACE - 1)).toBe(32767);
    expect(idaAlloc(ida, 32769, PASID_SPACE - 1)).toBe(PASID_SPACE - 1);
    expect(idaAlloc(ida, 0, 31)).toBe(-1);
    expect(idaAlloc(ida, 0, PASID_SPACE - 1)).toBe(32);
    expect(idaAlloc(ida, 0, 1023)).toBe(-1); // 1024 is free but past max
    expect(idaAlloc(ida, 0, PASID_SPACE - 1)).toBe(1024);
  });

  it('honours max when the lowest free ID ≥ min lies beyond it', () => {
    const ida = fillExcept(65536, [5, 60000]);
    expect(idaAlloc(ida, 6, 59999)).toBe(-1);
    expect(idaAlloc(ida, 6, 60000)).toBe(60000);
  });
});

describe('idaAllocAt / idaFree / idaHas', () => {
  it('idaAllocAt(id) marks a free ID and refuses a taken or out-of-range one', () => {
    const ida = createIda(100);
    expect(idaAllocAt(ida, 7)).toBe(true);
    expect(idaAllocAt(ida, 7)).toBe(false);
    expect(idaAllocAt(ida, 100)).toBe(false);
    expect(idaAllocAt(ida, -1)).toBe(false);
    expect(idaAllocAt(ida, 2.5)).toBe(false);
    expect(idaHas(ida, 7)).toBe(true);
    expect(ida.count).toBe(1);
  });

  it('R8: idaFree returns the ID for immediate reuse — the next alloc gets it back', () => {
    const ida = createIda(PASID_SPACE);
    for (let i = 0; i < 5000; i++) idaAlloc(ida, 1, PASID_SPACE - 1);
    expect(idaFree(ida, 4096)).toBe(true);
    expect(idaHas(ida, 4096)).toBe(false);
    expect(idaAlloc(ida, 1, PASID_SPACE - 1)).toBe(4096);
  });

  it('R8: freeing an ID that is not allocated is refused (the kernel WARNs) and changes nothing', () => {
    const ida = createIda(64);
    idaAllocAt(ida, 3);
    expect(idaFree(ida, 4)).toBe(false);
    expect(idaFree(ida, 64)).toBe(false);
    expect(idaFree(ida, -1)).toBe(false); // e.g. IOMMU_PASID_INVALID mapped to -1
    expect(idaToArray(ida)).toEqual([3]);
    expect(ida.count).toBe(1);
  });
});

describe('idaToArray', () => {
  it('lists allocated IDs ascending, skipping empty words and the last word’s padding', () => {
    const size = 70_000; // not a multiple of 32: the last word is padded
    const ida = createIda(size);
    const ids = [size - 1, 0, 31, 32, 1024, 40_000, 65_535];
    ids.forEach((id) => idaAllocAt(ida, id));
    expect(idaToArray(ida)).toEqual([...ids].sort((a, b) => a - b));
    idaFree(ida, size - 1);
    expect(idaToArray(ida)).toEqual([0, 31, 32, 1024, 40_000, 65_535]);
  });
});

describe('structuredClone', () => {
  it('a cloned IDA keeps working, independently of the original', () => {
    const ida = createIda(PASID_SPACE);
    [1, 2, 3].forEach(() => idaAlloc(ida, 1, PASID_SPACE - 1));
    const copy = structuredClone(ida);
    expect(idaFree(copy, 2)).toBe(true);
    expect(idaAlloc(copy, 1, PASID_SPACE - 1)).toBe(2);
    expect(idaAlloc(copy, 1, PASID_SPACE - 1)).toBe(4);
    expect(idaToArray(copy)).toEqual([1, 2, 3, 4]);
    expect(idaToArray(ida)).toEqual([1, 2, 3]);
    expect(idaAlloc(ida, 1, PASID_SPACE - 1)).toBe(4);
    expect(ida.count).toBe(4);
  });
});

describe('property: matches a Set-based model', () => {
  type Op = { kind: 'alloc'; min: number; max: number } | { kind: 'allocAt' | 'free'; id: number };

  /** The naive reference: lowest free by linear scan. */
  function modelAlloc(used: Set<number>, size: number, min: number, max: number): number {
    for (let id = Math.max(0, min); id <= Math.min(size - 1, max); id++) {
      if (!used.has(id)) {
        used.add(id);
        return id;
      }
    }
    return -1;
  }

  // Sizes straddle word (32), level-1 (1024) and level-2 (32768) boundaries.
  for (const size of [1, 4, 31, 33, 100, 1025, 40_000]) {
    it(`random alloc/allocAt/free sequences agree with the model (size ${size})`, () => {
      const id = fc.integer({ min: -2, max: size + 2 });
      const op: fc.Arbitrary<Op> = fc.oneof(
        fc.record({ kind: fc.constant('alloc' as const), min: id, max: id }),
        fc.record({ kind: fc.constant('alloc' as const), min: fc.constant(0), max: fc.constant(size - 1) }),
        // Runs of allocs from one lower bound with varying max (the global PASID IDA: [1, dev max − 1])
        // exercise the search hint, including allocs refused because the lowest free ID is above max.
        fc.record({ kind: fc.constant('alloc' as const), min: fc.constantFrom(1, 2), max: id }),
        fc.record({ kind: fc.constant('alloc' as const), min: fc.constant(1), max: fc.constant(size - 1) }),
        fc.record({ kind: fc.constantFrom('allocAt' as const, 'free' as const), id })
      );
      fc.assert(
        fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
          const ida = createIda(size);
          const used = new Set<number>();
          for (const o of ops) {
            if (o.kind === 'alloc') {
              expect(idaAlloc(ida, o.min, o.max)).toBe(modelAlloc(used, size, o.min, o.max));
            } else if (o.kind === 'allocAt') {
              const free = o.id >= 0 && o.id < size && !used.has(o.id);
              if (free) used.add(o.id);
              expect(idaAllocAt(ida, o.id)).toBe(free);
            } else {
              expect(idaFree(ida, o.id)).toBe(used.delete(o.id));
            }
            expect(ida.count).toBe(used.size);
          }
          expect(idaToArray(ida)).toEqual([...used].sort((a, b) => a - b));
        }),
        { seed: 0x9a51d, numRuns: 200 }
      );
    });
  }

  it('dense random sequences near full agree with the model (size 2048)', () => {
    const size = 2048;
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: size - 1 }), { minLength: 1, maxLength: 400 }), (frees) => {
        const ida = fillExcept(size, []);
        const used = new Set(Array.from({ length: size }, (_, i) => i));
        for (const id of frees) {
          expect(idaFree(ida, id)).toBe(used.delete(id));
          if (id % 3 === 0) expect(idaAlloc(ida, 0, size - 1)).toBe(modelAlloc(used, size, 0, size - 1));
          if (id % 5 === 0) expect(idaAlloc(ida, 1, id)).toBe(modelAlloc(used, size, 1, id));
        }
        expect(idaToArray(ida)).toEqual([...used].sort((a, b) => a - b));
      }),
      { seed: 0x20, numRuns: 100 }
    );
  });
});
