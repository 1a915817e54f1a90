import { describe, expect, it } from 'vitest';
import { GRID_CELLS, GRID_SIDE, pasidX, pasidY } from './morton.ts';
import { cellAt, cellRect, fitBlock, paintHolders, patchHolders, visibleCells } from './pasidGrid.ts';

const lut = Uint32Array.of(0xff000000, 0xff0000ff, 0xff00ff00);
const dim = Uint32Array.of(0x11000000, 0x110000ff, 0x1100ff00);

describe('paintHolders', () => {
  it('colours every cell through the lookup, in Z-order', () => {
    const holders = new Uint32Array(GRID_CELLS);
    holders[1] = 1; // (1, 0)
    holders[2] = 2; // (0, 1)
    holders[GRID_CELLS - 1] = 1; // bottom-right
    const pixels = new Uint32Array(GRID_CELLS);
    paintHolders(pixels, holders, lut, dim, null);
    expect(pixels[0]).toBe(lut[0]);
    expect(pixels[1]).toBe(lut[1]);
    expect(pixels[GRID_SIDE]).toBe(lut[2]);
    expect(pixels[GRID_CELLS - 1]).toBe(lut[1]);
    expect(pixels.filter((p) => p === lut[0]).length).toBe(GRID_CELLS - 3);
  });

  it('dims cells outside the range', () => {
    const holders = new Uint32Array(GRID_CELLS);
    holders[5] = 1;
    const pixels = new Uint32Array(GRID_CELLS);
    paintHolders(pixels, holders, lut, dim, { lo: 1, hi: 4 });
    expect(pixels[0]).toBe(dim[0]); // PASID 0
    expect(pixels[1]).toBe(lut[0]); // PASID 1 at (1, 0)
    expect(pixels[GRID_SIDE + 1]).toBe(lut[0]); // PASID 3 at (1, 1)
    expect(pixels[3]).toBe(dim[1]); // PASID 5 at (3, 0)
    expect(pixels.filter((p) => p === lut[0]).length).toBe(3);
  });

  it('dims exactly [0, lo) and [hi, end) when the range edges split a quad', () => {
    const holders = new Uint32Array(GRID_CELLS);
    const pixels = new Uint32Array(GRID_CELLS);
    paintHolders(pixels, holders, lut, dim, { lo: 2, hi: 7 });
    const bright = [];
    for (let p = 0; p < 10; p++) if (pixels[pasidY(p) * GRID_SIDE + pasidX(p)] === lut[0]) bright.push(p);
    expect(bright).toEqual([2, 3, 4, 5, 6]);
  });
});

describe('patchHolders', () => {
  it('writes only the listed cells and returns their bounding box', () => {
    const holders = new Uint32Array(GRID_CELLS);
    const pixels = new Uint32Array(GRID_CELLS);
    holders[3] = 2;
    holders[4] = 1;
    const box = patchHolders(pixels, holders, lut, dim, { lo: 1, hi: 4 }, [3, 4]);
    expect(pixels[GRID_SIDE + 1]).toBe(lut[2]); // PASID 3 at (1, 1), inside the range
    expect(pixels[2]).toBe(dim[1]); // PASID 4 at (2, 0), outside it
    expect(pixels.filter((p) => p !== 0)).toHaveLength(2);
    expect(box).toEqual({ x: 1, y: 0, w: 2, h: 2 });
    expect(patchHolders(pixels, holders, lut, dim, null, [])).toBeNull();
  });
});

describe('grid geometry', () => {
  it('finds the cell under a point and back', () => {
    const t = { k: 10, x: 5, y: 7 };
    expect(cellAt(t, 5, 7)).toBe(0);
    expect(cellAt(t, 16, 8)).toBe(1);
    expect(cellAt(t, 6, 18)).toBe(2);
    expect(cellAt(t, 0, 0)).toBe(-1);
    expect(cellRect(t, 3)).toEqual({ x: 15, y: 17, size: 10 });
  });

  it('lists visible cells and fits a block', () => {
    expect(visibleCells({ k: 4, x: -40, y: 0 }, 400, 200)).toEqual({ x0: 10, x1: 109, y0: 0, y1: 49 });
    const t = fitBlock(1040, 2000);
    expect(t.k).toBeCloseTo(1);
    expect(t.x).toBeCloseTo(8);
    expect(t.y).toBeCloseTo(8);
    const small = fitBlock(400, 400, 2, 2, 0);
    expect(small).toEqual({ k: 200, x: 0, y: 0 });
  });
});
