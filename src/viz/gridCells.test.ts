import { describe, expect, it } from 'vitest';
import { canPatch, paintCells, PARTIAL_MAX_CELLS, PARTIAL_MIN_CELL, patchCells } from './gridCells.ts';
import type { CellsPaint } from './gridCells.ts';
import { canvasRecorder } from './canvasRecorder.testkit.ts';
import { LABEL_MIN_CELL } from './gridOverlay.ts';
import { pasidX, pasidY } from './morton.ts';

const recorder = canvasRecorder;

const job = (k: number): CellsPaint => ({
  dpr: 1,
  widthPx: 400,
  heightPx: 400,
  image: {},
  labels: { t: { k, x: 0, y: 0 }, width: 400, height: 400, label: () => 'P1', ink: () => '#000' },
});

describe('cells layer', () => {
  it('patches only onto a layer painted whole at the same transform, with big cells and few changes', () => {
    const t = { k: 20, x: 5, y: 6 };
    expect(canPatch(null, t, new Set([1]))).toBe(false);
    expect(canPatch({ ...t }, t, new Set([1]))).toBe(true);
    expect(canPatch({ ...t, x: 6 }, t, new Set([1]))).toBe(false);
    expect(canPatch({ ...t, k: PARTIAL_MIN_CELL - 1 }, { ...t, k: PARTIAL_MIN_CELL - 1 }, new Set([1]))).toBe(false);
    const many = new Set(Array.from({ length: PARTIAL_MAX_CELLS + 1 }, (_, i) => i));
    expect(canPatch({ ...t }, t, many)).toBe(false);
  });

  it('a patch copies each changed cell from the image and relabels it; a full paint draws the image once', () => {
    const k = LABEL_MIN_CELL + 6;
    const ctx = recorder();
    patchCells(ctx, job(k), [3, 9]);
    expect(ctx.calls.filter((c) => c.startsWith('drawImage'))).toEqual([
      `drawImage(img,${pasidX(3)},${pasidY(3)},1,1,${pasidX(3)},${pasidY(3)},1,1)`,
      `drawImage(img,${pasidX(9)},${pasidY(9)},1,1,${pasidX(9)},${pasidY(9)},1,1)`,
    ]);
    expect(ctx.calls.filter((c) => c.startsWith('fillText'))).toHaveLength(4);
    const full = recorder();
    paintCells(full, job(k));
    expect(full.calls.filter((c) => c.startsWith('drawImage'))).toEqual(['drawImage(img,0,0)']);
    expect(full.calls.filter((c) => c.startsWith('fillText')).length).toBeGreaterThan(4);
  });
});
