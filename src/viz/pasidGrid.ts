/**
 * The PASID grid painter: 2^20 holder codes → a 1024 × 1024 ImageData through a colour lookup,
 * in Z-order (morton.ts), then drawn under the zoom transform with nearest-neighbour scaling.
 * Screen geometry (cell under the pointer, cell rectangles, visible cells) lives here too.
 */
import { GRID_CELLS, GRID_SIDE, pasidAt, pasidX, pasidY, pixelIndex } from './morton.ts';

/** A zoom transform: screen = k · grid + (x, y), in CSS pixels. */
export interface GridTransform {
  k: number;
  x: number;
  y: number;
}

/** PASIDs [lo, hi) painted normally; the rest dimmed. */
export interface GridRange {
  lo: number;
  hi: number;
}

/**
 * Writes every cell's colour into `pixels` (GRID_SIDE² packed RGBA): `lut[code]` inside `range`,
 * `dimLut[code]` outside it. Four consecutive PASIDs form a 2 × 2 pixel quad in Z-order, so the
 * loop walks quads (one index lookup per four cells). Codes past the end of a lookup paint as
 * transparent; callers size the lookups to the highest code.
 */
export function paintHolders(
  pixels: Uint32Array,
  holders: ArrayLike<number>,
  lut: Uint32Array,
  dimLut: Uint32Array,
  range: GridRange | null
): void {
  const px = pixelIndex();
  const lo = range ? range.lo : 0;
  const hi = range ? range.hi : GRID_CELLS;
  const row = GRID_SIDE;
  for (let p = 0; p < GRID_CELLS; p += 4) {
    const j = px[p]!;
    if (p >= lo && p + 4 <= hi) {
      pixels[j] = lut[holders[p]!]!;
      pixels[j + 1] = lut[holders[p + 1]!]!;
      pixels[j + row] = lut[holders[p + 2]!]!;
      pixels[j + row + 1] = lut[holders[p + 3]!]!;
    } else if (p + 4 <= lo || p >= hi) {
      pixels[j] = dimLut[holders[p]!]!;
      pixels[j + 1] = dimLut[holders[p + 1]!]!;
      pixels[j + row] = dimLut[holders[p + 2]!]!;
      pixels[j + row + 1] = dimLut[holders[p + 3]!]!;
    } else {
      const at = [j, j + 1, j + row, j + row + 1];
      for (let q = 0; q < 4; q++) {
        const c = holders[p + q]!;
        pixels[at[q]!] = p + q >= lo && p + q < hi ? lut[c]! : dimLut[c]!;
      }
    }
  }
}

/**
 * Repaints only `pasids` (after a step changed a few holders) and returns the bounding box of
 * the pixels written, for a dirty-rectangle putImageData, or null when nothing was written.
 */
export function patchHolders(
  pixels: Uint32Array,
  holders: ArrayLike<number>,
  lut: Uint32Array,
  dimLut: Uint32Array,
  range: GridRange | null,
  pasids: Iterable<number>
): { x: number; y: number; w: number; h: number } | null {
  const px = pixelIndex();
  const lo = range ? range.lo : 0;
  const hi = range ? range.hi : GRID_CELLS;
  let x0 = GRID_SIDE;
  let y0 = GRID_SIDE;
  let x1 = -1;
  let y1 = -1;
  for (const p of pasids) {
    if (p < 0 || p >= GRID_CELLS) continue;
    const c = holders[p]!;
    const j = px[p]!;
    pixels[j] = p >= lo && p < hi ? lut[c]! : dimLut[c]!;
    const x = j % GRID_SIDE;
    const y = (j - x) / GRID_SIDE;
    x0 = Math.min(x0, x);
    y0 = Math.min(y0, y);
    x1 = Math.max(x1, x);
    y1 = Math.max(y1, y);
  }
  return x1 < 0 ? null : { x: x0, y: y0, w: x1 - x0 + 1, h: y1 - y0 + 1 };
}

/** The PASID under screen point (sx, sy), or -1. */
export function cellAt(t: GridTransform, sx: number, sy: number): number {
  return pasidAt(Math.floor((sx - t.x) / t.k), Math.floor((sy - t.y) / t.k));
}

/** Screen rectangle of a PASID's cell. */
export function cellRect(t: GridTransform, pasid: number): { x: number; y: number; size: number } {
  return { x: t.x + pasidX(pasid) * t.k, y: t.y + pasidY(pasid) * t.k, size: t.k };
}

/** Grid cells (x0..x1, y0..y1 inclusive) visible in a width × height viewport. */
export function visibleCells(
  t: GridTransform,
  width: number,
  height: number
): { x0: number; x1: number; y0: number; y1: number } {
  const clamp = (v: number): number => Math.max(0, Math.min(GRID_SIDE - 1, v));
  return {
    x0: clamp(Math.floor(-t.x / t.k)),
    x1: clamp(Math.ceil((width - t.x) / t.k) - 1),
    y0: clamp(Math.floor(-t.y / t.k)),
    y1: clamp(Math.ceil((height - t.y) / t.k) - 1),
  };
}

/**
 * The transform that shows grid cells [0, w) × [0, h) in a width × height viewport, anchored at
 * the top-left corner (where the low PASIDs live) so spare room shows the next PASIDs, not void.
 */
export function fitBlock(width: number, height: number, w = GRID_SIDE, h = GRID_SIDE, pad = 8): GridTransform {
  const k = Math.max(1e-3, Math.min((width - 2 * pad) / w, (height - 2 * pad) / h));
  return { k, x: pad, y: pad };
}
