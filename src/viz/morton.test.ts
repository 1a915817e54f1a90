import { describe, expect, it } from 'vitest';
import { blockSize, GRID_CELLS, pasidAt, pasidX, pasidY, pixelIndex } from './morton.ts';

describe('morton', () => {
  it('places the first PASIDs in a Z', () => {
    expect([0, 1, 2, 3, 4].map((p) => [pasidX(p), pasidY(p)])).toEqual([
      [0, 0],
      [1, 0],
      [0, 1],
      [1, 1],
      [2, 0],
    ]);
  });

  it('pasidAt inverts pasidX/pasidY over the whole space', () => {
    for (const p of [0, 1, 5, 1023, 1024, 65535, 0xabcde, GRID_CELLS - 1]) {
      expect(pasidAt(pasidX(p), pasidY(p))).toBe(p);
    }
    expect(pasidAt(-1, 0)).toBe(-1);
    expect(pasidAt(0, 1024)).toBe(-1);
  });

  it('pixelIndex is a permutation consistent with pasidX/pasidY', () => {
    const px = pixelIndex();
    expect(px[0xabcde]).toBe(pasidY(0xabcde) * 1024 + pasidX(0xabcde));
    const seen = new Uint8Array(GRID_CELLS);
    for (let p = 0; p < GRID_CELLS; p++) seen[px[p]!] = 1;
    expect(seen.every((v) => v === 1)).toBe(true);
  });

  it('blockSize: [0, 2^k) is a square or a 2:1 rectangle', () => {
    expect(blockSize(4)).toEqual({ w: 2, h: 2 });
    expect(blockSize(8)).toEqual({ w: 4, h: 2 });
    expect(blockSize(1 << 20)).toEqual({ w: 1024, h: 1024 });
    expect(blockSize(1)).toEqual({ w: 1, h: 1 });
  });
});
