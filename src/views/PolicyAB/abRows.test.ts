import { describe, expect, it } from 'vitest';
import { abWindow, windowLabel } from './abRows.ts';

// rfc-problem under global vs per-device-cap: steps 4, 5, 6 and 12 (indices 3, 4, 5, 11) differ.
const RFC_DIFFERS = [3, 4, 5, 11];

describe('abWindow', () => {
  it('abWindow(12, 0, …) marks no step not yet run as differing', () => {
    const w = abWindow(12, 0, RFC_DIFFERS);
    expect(w.rows.map((r) => r.i)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(w.rows.every((r) => !r.done)).toBe(true);
    expect(w.rows.some((r) => r.mark === 'differs')).toBe(false);
    // The full run knows steps 4-6 will differ: said so, not marked as a difference shown.
    expect(w.rows.filter((r) => r.mark === 'will-differ').map((r) => r.i)).toEqual([3, 4, 5]);
    expect(w.rows[0]?.mark).toBe('not-run');
  });

  it('abWindow(12, 4, …) marks run steps same or differs, the rest not run or will differ', () => {
    const w = abWindow(12, 4, RFC_DIFFERS);
    expect(w.rows.map((r) => r.mark)).toEqual([
      'same',
      'same',
      'same',
      'differs',
      'will-differ',
      'will-differ',
      'not-run',
      'not-run',
      'not-run',
      'not-run',
      'not-run',
    ]);
    expect(w.rows.filter((r) => r.current).map((r) => r.i)).toEqual([3]);
  });

  it('abWindow(12, 12, …) slides to the last step and marks every difference shown', () => {
    const w = abWindow(12, 12, RFC_DIFFERS);
    expect([w.from, w.to]).toEqual([1, 12]);
    expect(w.rows.filter((r) => r.mark === 'differs').map((r) => r.i)).toEqual([3, 4, 5, 11]);
    expect(w.rows.at(-1)?.current).toBe(true);
  });

  it('abWindow(3, 1, []) shows every step of a short scenario', () => {
    const w = abWindow(3, 1, []);
    expect([w.from, w.to]).toEqual([0, 3]);
    expect(w.rows.map((r) => r.mark)).toEqual(['same', 'not-run', 'not-run']);
  });
});

describe('windowLabel', () => {
  it('names the rows of a window, or says all steps are shown', () => {
    expect(windowLabel(abWindow(12, 0, RFC_DIFFERS))).toBe('Steps 1–11 of 12');
    expect(windowLabel(abWindow(12, 12, RFC_DIFFERS))).toBe('Steps 2–12 of 12');
    expect(windowLabel(abWindow(40, 20, []))).toBe('Steps 16–26 of 40');
    expect(windowLabel(abWindow(8, 3, []))).toBe('All 8 steps');
    expect(windowLabel(abWindow(1, 0, []))).toBe('The only step');
  });
});
