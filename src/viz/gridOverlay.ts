/**
 * The PASID grid's overlay layer (a second canvas over the painted cells): the selected
 * device's range outline, markers that keep allocated PASIDs findable when cells are smaller
 * than a pixel or two, rings on PASIDs the step changed, hover and selection outlines. The
 * per-cell labels (once cells are big enough to read) belong to the cells layer below: they
 * change only with the holders, so a step relabels only the cells it changed. Shapes differ per meaning, so colour is
 * never the only cue.
 */
import { blockSize } from './morton.ts';
import { cellRect, visibleCells } from './pasidGrid.ts';
import type { GridTransform } from './pasidGrid.ts';
import { pasidAt } from './morton.ts';

/** The subset of CanvasRenderingContext2D the overlay uses (tests pass a recorder). */
export interface OverlayContext {
  clearRect(x: number, y: number, w: number, h: number): void;
  beginPath(): void;
  arc(x: number, y: number, r: number, a0: number, a1: number): void;
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  stroke(): void;
  fillText(text: string, x: number, y: number): void;
  strokeRect(x: number, y: number, w: number, h: number): void;
  setLineDash(segments: number[]): void;
  save(): void;
  restore(): void;
  strokeStyle: unknown;
  fillStyle: unknown;
  lineWidth: number;
  font: string;
  textAlign: 'left' | 'right' | 'center' | 'start' | 'end';
  textBaseline: 'top' | 'hanging' | 'middle' | 'alphabetic' | 'ideographic' | 'bottom';
}

export interface OverlayModel {
  t: GridTransform;
  width: number;
  height: number;
  /** Allocated PASIDs (markers while cells are tiny). */
  allocated: ReadonlySet<number>;
  /** PASIDs whose holder the current step changed. */
  changed: ReadonlySet<number>;
  /** Cells of the selected holder. */
  selected: ReadonlySet<number>;
  hover: number;
  /** The selected device's PASID count (max_pasids), outlined as the block [0, max). */
  rangeMax: number | null;
  /** Label of an allocated cell at high zoom: short holder name. */
  label(pasid: number): string | null;
  /** Ink colour for labels on the cell's fill. */
  ink(pasid: number): string;
}

/** Cells at least this many CSS pixels wide get their PASID number and holder written in. */
export const LABEL_MIN_CELL = 34;
/** Below this cell size, allocated PASIDs also get a marker ring. */
export const MARKER_MAX_CELL = 6;
/** Past this many allocated PASIDs the markers would merge into blobs (and cost raster time): none. */
export const MAX_MARKERS = 400;
/** Cell borders under the labels. */
const GRID_LINE = 'rgba(17, 24, 39, 0.18)';
/** Change rings are drawn only for steps that changed at most this many cells. */
export const MAX_RINGS = 64;

function ring(ctx: OverlayContext, t: GridTransform, pasid: number, minR: number): void {
  const r = cellRect(t, pasid);
  const cx = r.x + r.size / 2;
  const cy = r.y + r.size / 2;
  ctx.moveTo(cx + Math.max(minR, r.size * 0.75), cy);
  ctx.arc(cx, cy, Math.max(minR, r.size * 0.75), 0, Math.PI * 2);
}

export function paintOverlay(ctx: OverlayContext, m: OverlayModel): void {
  const { t } = m;
  ctx.clearRect(0, 0, m.width, m.height);
  if (m.rangeMax !== null && m.rangeMax > 0) {
    const b = blockSize(m.rangeMax);
    ctx.save();
    ctx.lineWidth = 2;
    ctx.setLineDash([6, 4]);
    ctx.strokeStyle = '#111827';
    ctx.strokeRect(t.x, t.y, b.w * t.k, b.h * t.k);
    ctx.restore();
  }
  if (t.k < MARKER_MAX_CELL && m.allocated.size <= MAX_MARKERS) {
    ctx.save();
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = '#111827';
    ctx.beginPath();
    for (const p of m.allocated) ring(ctx, t, p, 4);
    ctx.stroke();
    ctx.restore();
  }
  // A seek over many steps changes thousands of cells: rings would only add noise (and raster time).
  if (m.changed.size > 0 && m.changed.size <= MAX_RINGS) {
    ctx.save();
    ctx.lineWidth = 3;
    ctx.strokeStyle = '#d97706';
    ctx.setLineDash([4, 3]);
    ctx.beginPath();
    for (const p of m.changed) ring(ctx, t, p, 9);
    ctx.stroke();
    ctx.restore();
  }
  if (m.selected.size > 0) {
    ctx.save();
    ctx.lineWidth = 3;
    ctx.strokeStyle = '#1d4ed8';
    for (const p of m.selected) {
      const r = cellRect(t, p);
      const pad = r.size < 8 ? 4 : 1.5;
      ctx.strokeRect(r.x - pad, r.y - pad, r.size + 2 * pad, r.size + 2 * pad);
    }
    ctx.restore();
  }
  if (m.hover >= 0) {
    const r = cellRect(t, m.hover);
    const pad = r.size < 8 ? 3 : 0;
    ctx.save();
    ctx.lineWidth = 2;
    ctx.strokeStyle = '#000000';
    ctx.strokeRect(r.x - pad, r.y - pad, r.size + 2 * pad, r.size + 2 * pad);
    ctx.restore();
  }
}

/** What labelling needs: the transform, the viewport, and each cell's label and ink. */
export type LabelModel = Pick<OverlayModel, 't' | 'width' | 'height' | 'label' | 'ink'>;

/** Label font size for cells of `k` CSS pixels. */
const labelSize = (k: number): number => Math.min(16, Math.floor(k / 3.2));

/**
 * Grid lines and labels of every visible cell (cells at least LABEL_MIN_CELL wide). Two text
 * passes, one font each: setting ctx.font re-parses the font string, which per cell cost more
 * than the text itself.
 */
export function paintLabels(ctx: OverlayContext, m: LabelModel): void {
  const { t } = m;
  if (t.k < LABEL_MIN_CELL) return;
  const v = visibleCells(t, m.width, m.height);
  const size = labelSize(t.k);
  ctx.save();
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.strokeStyle = GRID_LINE;
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (let x = v.x0; x <= v.x1 + 1; x++) {
    ctx.moveTo(t.x + x * t.k, t.y + v.y0 * t.k);
    ctx.lineTo(t.x + x * t.k, t.y + (v.y1 + 1) * t.k);
  }
  for (let y = v.y0; y <= v.y1 + 1; y++) {
    ctx.moveTo(t.x + v.x0 * t.k, t.y + y * t.k);
    ctx.lineTo(t.x + (v.x1 + 1) * t.k, t.y + y * t.k);
  }
  ctx.stroke();
  const names: (string | null)[] = [];
  ctx.font = `${size}px system-ui, sans-serif`;
  for (let y = v.y0; y <= v.y1; y++) {
    for (let x = v.x0; x <= v.x1; x++) {
      const p = pasidAt(x, y);
      const name = m.label(p);
      names.push(name);
      ctx.fillStyle = m.ink(p);
      ctx.fillText(String(p), t.x + (x + 0.5) * t.k, t.y + (y + 0.5) * t.k - (name === null ? 0 : size * 0.6));
    }
  }
  ctx.font = `600 ${size}px system-ui, sans-serif`;
  let i = 0;
  for (let y = v.y0; y <= v.y1; y++) {
    for (let x = v.x0; x <= v.x1; x++) {
      const name = names[i++];
      if (name === null || name === undefined) continue;
      ctx.fillStyle = m.ink(pasidAt(x, y));
      ctx.fillText(name, t.x + (x + 0.5) * t.k, t.y + (y + 0.5) * t.k + size * 0.6);
    }
  }
  ctx.restore();
}

/** The subset of the context a one-cell relabel needs beyond OverlayContext. */
export interface CellContext extends OverlayContext {
  rect(x: number, y: number, w: number, h: number): void;
  clip(): void;
}

/**
 * Redraws one cell's grid lines and label, clipped to the cell (the caller has just repainted
 * its fill), so a step that changed a few holders relabels a few cells, not the whole view. The
 * clip keeps the shared edge lines at the same darkness as paintLabels draws them.
 */
export function paintCellLabel(ctx: CellContext, m: LabelModel, pasid: number): void {
  const { t } = m;
  if (t.k < LABEL_MIN_CELL) return;
  const r = cellRect(t, pasid);
  if (r.x + r.size < 0 || r.y + r.size < 0 || r.x > m.width || r.y > m.height) return;
  const size = labelSize(t.k);
  ctx.save();
  ctx.beginPath();
  ctx.rect(r.x, r.y, r.size, r.size);
  ctx.clip();
  ctx.strokeStyle = GRID_LINE;
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(r.x, r.y);
  ctx.lineTo(r.x + r.size, r.y);
  ctx.lineTo(r.x + r.size, r.y + r.size);
  ctx.lineTo(r.x, r.y + r.size);
  ctx.lineTo(r.x, r.y);
  ctx.stroke();
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  const name = m.label(pasid);
  const cx = r.x + r.size / 2;
  const cy = r.y + r.size / 2;
  ctx.fillStyle = m.ink(pasid);
  ctx.font = `${size}px system-ui, sans-serif`;
  ctx.fillText(String(pasid), cx, name === null ? cy : cy - size * 0.6);
  if (name !== null) {
    ctx.font = `600 ${size}px system-ui, sans-serif`;
    ctx.fillText(name, cx, cy + size * 0.6);
  }
  ctx.restore();
}
