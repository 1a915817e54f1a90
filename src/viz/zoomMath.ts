/**
 * Zoom transform math shared by the pan/zoom wrapper and its tests (no DOM).
 */
import type { GridTransform } from './pasidGrid.ts';

/** The view [cx, cy, width] of a transform in a viewport, for d3's zoom interpolator. */
export function toView(t: GridTransform, width: number, height: number): [number, number, number] {
  return [(width / 2 - t.x) / t.k, (height / 2 - t.y) / t.k, width / t.k];
}

/** Inverse of toView. */
export function fromView(v: [number, number, number], width: number, height: number): GridTransform {
  const k = width / v[2];
  return { k, x: width / 2 - v[0] * k, y: height / 2 - v[1] * k };
}

/** `t` zoomed by `factor` about screen point (px, py), with k clamped to [min, max]. */
export function zoomAbout(
  t: GridTransform,
  factor: number,
  px: number,
  py: number,
  min: number,
  max: number
): GridTransform {
  const k = Math.max(min, Math.min(max, t.k * factor));
  const f = k / t.k;
  return { k, x: px - (px - t.x) * f, y: py - (py - t.y) * f };
}
