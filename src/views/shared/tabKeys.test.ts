import { describe, expect, it } from 'vitest';
import { nextTab } from './tabKeys.ts';

describe('nextTab()', () => {
  it('moves with the arrows, wrapping at both ends', () => {
    expect(nextTab('ArrowRight', 0, 3)).toBe(1);
    expect(nextTab('ArrowRight', 2, 3)).toBe(0);
    expect(nextTab('ArrowLeft', 0, 3)).toBe(2);
  });

  it('goes to the first and last tab with Home and End, and leaves other keys alone', () => {
    expect(nextTab('Home', 2, 3)).toBe(0);
    expect(nextTab('End', 0, 3)).toBe(2);
    expect(nextTab('PageDown', 0, 3)).toBeNull();
    expect(nextTab('Enter', 1, 3)).toBeNull();
  });
});
