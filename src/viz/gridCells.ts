/**
 * The PASID grid's cells layer: the 1024 × 1024 holder image drawn under the zoom transform,
 * with grid lines and labels once cells are big enough to read. A step changes a few holders,
 * so after one the layer repaints just those cells (fill, then label inside the cell's clip)
 * instead of the whole view; a new transform or a bulk change repaints everything.
 */
import { LABEL_MIN_CELL, paintCellLabel, paintLabels } from './gridOverlay.ts';
import type { CellContext, LabelModel } from './gridOverlay.ts';
import { pasidX, pasidY } from './morton.ts';
import type { GridTransform } from './pasidGrid.ts';

/** Below this many CSS pixels per cell a partial repaint could leave seams: repaint all. */
export const PARTIAL_MIN_CELL = 4;
/** Past this many changed cells one full repaint is cheaper than patching each. */
export const PARTIAL_MAX_CELLS = 256;

/** The 2D context calls the cells layer makes (a canvas context; tests pass a recorder). */
export interface CellsContext extends CellContext {
  setTransform(a: number, b: number, c: number, d: number, e: number, f: number): void;
  fillRect(x: number, y: number, w: number, h: number): void;
  drawImage(
    image: unknown,
    sx: number,
    sy: number,
    sw?: number,
    sh?: number,
    dx?: number,
    dy?: number,
    dw?: number,
    dh?: number
  ): void;
  imageSmoothingEnabled: boolean;
}

export interface CellsPaint {
  /** Device pixels per CSS pixel. */
  dpr: number;
  /** The canvas size in device pixels. */
  widthPx: number;
  heightPx: number;
  /** The holder image (GRID_SIDE square, one pixel per PASID). */
  image: unknown;
  labels: LabelModel;
}

/** Whether `cells` can be patched onto a layer last painted whole at `painted`. */
export function canPatch(painted: GridTransform | null, t: GridTransform, cells: ReadonlySet<number>): boolean {
  return (
    painted !== null &&
    painted.k === t.k &&
    painted.x === t.x &&
    painted.y === t.y &&
    t.k >= PARTIAL_MIN_CELL &&
    cells.size <= PARTIAL_MAX_CELLS
  );
}

/** Repaints the whole layer. */
export function paintCells(ctx: CellsContext, p: CellsPaint): void {
  const { k, x, y } = p.labels.t;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.fillStyle = '#f8fafc';
  ctx.fillRect(0, 0, p.widthPx, p.heightPx);
  ctx.imageSmoothingEnabled = false;
  ctx.setTransform(p.dpr * k, 0, 0, p.dpr * k, p.dpr * x, p.dpr * y);
  ctx.drawImage(p.image, 0, 0);
  if (k >= LABEL_MIN_CELL) {
    ctx.setTransform(p.dpr, 0, 0, p.dpr, 0, 0);
    paintLabels(ctx, p.labels);
  }
}

/** Repaints the given cells only (see canPatch): each cell's pixel is opaque, so it replaces the old fill. */
export function patchCells(ctx: CellsContext, p: CellsPaint, cells: Iterable<number>): void {
  const { k, x, y } = p.labels.t;
  ctx.imageSmoothingEnabled = false;
  for (const pasid of cells) {
    const cx = pasidX(pasid);
    const cy = pasidY(pasid);
    ctx.setTransform(p.dpr * k, 0, 0, p.dpr * k, p.dpr * x, p.dpr * y);
    ctx.drawImage(p.image, cx, cy, 1, 1, cx, cy, 1, 1);
    ctx.setTransform(p.dpr, 0, 0, p.dpr, 0, 0);
    paintCellLabel(ctx, p.labels, pasid);
  }
}
