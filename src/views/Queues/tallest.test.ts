import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { holds, nextTallest } from './tallest.ts';
import type { Tallest } from './tallest.ts';

describe('nextTallest', () => {
  it('keeps the tallest height within one epoch and width', () => {
    let t: Tallest | null = null;
    for (const height of [300, 500, 200, 450]) t = nextTallest(t, 'e1', { width: 600, height });
    expect(t).toEqual({ epoch: 'e1', width: 600, height: 500 });
  });

  it('returns the same record when nothing grew', () => {
    const t = nextTallest(null, 'e1', { width: 600, height: 500 });
    expect(nextTallest(t, 'e1', { width: 600, height: 400 })).toBe(t);
  });

  it('starts over on a new epoch or a new width', () => {
    const t = nextTallest(null, 'e1', { width: 600, height: 500 });
    expect(nextTallest(t, 'e2', { width: 600, height: 300 })).toEqual({ epoch: 'e2', width: 600, height: 300 });
    expect(nextTallest(t, 'e1', { width: 900, height: 300 })).toEqual({ epoch: 'e1', width: 900, height: 300 });
    expect(holds(t, 'e1', 600)).toBe(true);
    expect(holds(t, 'e1', 900)).toBe(false);
    expect(holds(null, 'e1', 600)).toBe(false);
  });

  it('equals the tallest height since the last change of epoch or width (property)', () => {
    const seen = fc.record({
      epoch: fc.constantFrom('a', 'b'),
      width: fc.constantFrom(400, 600),
      height: fc.integer({ min: 0, max: 2000 }),
    });
    fc.assert(
      fc.property(fc.array(seen, { minLength: 1, maxLength: 40 }), (steps) => {
        let t: Tallest | null = null;
        for (const s of steps) t = nextTallest(t, s.epoch, s);
        // Reference: scan back over the trailing run that shares the last epoch and width.
        const last = steps[steps.length - 1]!;
        let max = 0;
        for (let i = steps.length - 1; i >= 0 && steps[i]!.epoch === last.epoch && steps[i]!.width === last.width; i--)
          max = Math.max(max, steps[i]!.height);
        expect(t).toEqual({ epoch: last.epoch, width: last.width, height: max });
      })
    );
  });
});
