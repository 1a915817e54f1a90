/**
 * The PASID grid's overlay layer (a second canvas over the painted cells): the selected
 * device's range outline, markers that keep allocated PASIDs findable when cells are smaller
 * than a pixel or two, rings on PASIDs the step changed, hover and selection outlines, and
 * per-cell labels once cells are big enough to read. Shapes differ per meaning, so colour is
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
  if (t.k >= LABEL_MIN_CELL) paintLabels(ctx, m);
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

function paintLabels(ctx: OverlayContext, m: OverlayModel): void {
  const { t } = m;
  const v = visibleCells(t, m.width, m.height);
  const size = Math.min(16, Math.floor(t.k / 3.2));
  ctx.save();
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.strokeStyle = 'rgba(17, 24, 39, 0.18)';
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
  // Two passes, one font each: setting ctx.font re-parses the font string, which per cell cost more
  // than the text itself. A label's ink (dark or light for its fill) is looked up once per colour.
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
