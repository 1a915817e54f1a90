import { describe, expect, test } from 'vitest';
import { largestFit, planFit } from './fitText.ts';

/**
 * A box of text as a browser lays it out, roughly: characters half an em wide, wrapped into
 * lines 1.35 em high. Sizes as at 1280×720 in talk mode: 27 px type, a 1,220 px wide box,
 * 152 px high (209 px when the footer grows).
 */
function box(chars: number, { width = 1220, short = 152, tall = 209, base = 27 } = {}) {
  const calls: number[] = [];
  const height = (scale: number): number => {
    const px = base * scale;
    const perLine = Math.max(1, Math.floor(width / (0.5 * px)));
    return Math.ceil(chars / perLine) * 1.35 * px;
  };
  const fits = (scale: number, isTall: boolean): boolean => {
    calls.push(scale);
    return height(scale) <= (isTall ? tall : short);
  };
  return { fits, height, calls };
}

const limits = { comfortable: 0.8, min: 16 / 27, canGrow: true };

describe('largestFit', () => {
  test('largestFit returns hi when it fits, null when lo does not', () => {
    expect(largestFit(() => true, 0.5, 1)).toBe(1);
    expect(largestFit(() => false, 0.5, 1)).toBeNull();
  });

  test('largestFit finds the threshold within 1% and never returns a scale that does not fit', () => {
    const fits = (s: number): boolean => s <= 0.737;
    const s = largestFit(fits, 0.5, 1);
    expect(s).not.toBeNull();
    expect(fits(s ?? 2)).toBe(true);
    expect(0.737 - (s ?? 0)).toBeLessThanOrEqual(0.01);
  });
});

describe('planFit', () => {
  test('planFit keeps full size and the short box for a note that fits', () => {
    const b = box(60);
    expect(planFit(b.fits, limits)).toEqual({ scale: 1, tall: false, overflow: false });
    expect(b.calls).toEqual([1]);
  });

  test('planFit shrinks the type, not below comfortable, before it grows the box', () => {
    const b = box(420);
    const plan = planFit(b.fits, limits);
    expect(plan.tall).toBe(false);
    expect(plan.overflow).toBe(false);
    expect(plan.scale).toBeGreaterThanOrEqual(0.8);
    expect(plan.scale).toBeLessThan(1);
    expect(b.height(plan.scale)).toBeLessThanOrEqual(152);
  });

  test('planFit grows the box for the RFC intro (593 characters), with type no larger than comfortable', () => {
    const b = box(593);
    const plan = planFit(b.fits, limits);
    expect(plan).toMatchObject({ tall: true, overflow: false });
    expect(plan.scale).toBeLessThanOrEqual(0.8);
    expect(plan.scale).toBeGreaterThanOrEqual(16 / 27);
    expect(b.height(plan.scale)).toBeLessThanOrEqual(209);
  });

  test('planFit overflows at the minimum in the tall box when even that is too small', () => {
    const b = box(3000);
    expect(planFit(b.fits, limits)).toEqual({ scale: 16 / 27, tall: true, overflow: true });
  });

  test('planFit never grows a box that may not grow: it goes down to the minimum, then overflows', () => {
    const fitting = box(593);
    const plan = planFit(fitting.fits, { ...limits, canGrow: false });
    expect(plan.tall).toBe(false);
    expect(plan.overflow).toBe(false);
    expect(plan.scale).toBeLessThan(0.8);
    expect(fitting.height(plan.scale)).toBeLessThanOrEqual(152);
    expect(planFit(box(3000).fits, { ...limits, canGrow: false })).toEqual({
      scale: 16 / 27,
      tall: false,
      overflow: true,
    });
  });

  test('planFit never scales type up, even when the minimum asked for is above full size', () => {
    expect(planFit(box(3000).fits, { comfortable: 1.2, min: 1.1, canGrow: true })).toEqual({
      scale: 1,
      tall: true,
      overflow: true,
    });
  });
});
