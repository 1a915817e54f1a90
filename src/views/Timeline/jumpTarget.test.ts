import { describe, expect, it } from 'vitest';
import { jumpTarget } from './jumpTarget.ts';

describe('jumpTarget(text, length)', () => {
  it('reads a whole step number within 0 … length', () => {
    expect(jumpTarget('0', 12)).toBe(0);
    expect(jumpTarget('7', 12)).toBe(7);
    expect(jumpTarget(' 12 ', 12)).toBe(12);
  });

  it('names no step for an empty box (Number("") is 0: it used to jump to step 0)', () => {
    expect(jumpTarget('', 12)).toBeNull();
    expect(jumpTarget('   ', 12)).toBeNull();
  });

  it('names no step for text that is not a whole number, or lies past the end', () => {
    for (const t of ['abc', '3.5', '-1', '1e1', '0x3', '+3']) expect(jumpTarget(t, 12)).toBeNull();
    expect(jumpTarget('13', 12)).toBeNull();
  });
});
