/**
 * Colours of the views: fixed colours for the special holders of the PASID space, a categorical
 * palette for processes (colour-blind aware, Tableau 10 without its red and grey, then hues on
 * the golden angle), and packing into the 32-bit pixels of an ImageData (little-endian RGBA).
 */
import { color, hcl, rgb } from 'd3-color';
import { interpolateRgb } from 'd3-interpolate';

/** Colours of holders that are not processes. */
export const SPECIAL_COLORS = {
  free: '#eceff3',
  reserved: '#6b7280',
  kernel: '#1f2937',
  orphan: '#b91c1c',
  shared: '#db2777',
} as const;

const BASE = ['#4e79a7', '#f28e2b', '#59a14f', '#76b7b2', '#edc948', '#b07aa1', '#ff9da7', '#9c755f'];

/** Hues past BASE, by row: an HCL → hex conversion costs microseconds, and views ask on every step. */
const hueCache: string[] = [];

/** Colour of process row `i`. */
export function procColor(i: number): string {
  const base = BASE[i];
  if (base !== undefined) return base;
  const cached = hueCache[i];
  if (cached !== undefined) return cached;
  const c = hcl((i * 137.508) % 360, 45, 62).formatHex();
  hueCache[i] = c;
  return c;
}

/** inkOn results by fill: the views use a few dozen fills, and parsing one costs more than a lookup. */
const inkCache = new Map<string, string>();

/** Black or white, whichever reads better on `fill` (labels drawn on coloured cells). */
export function inkOn(fill: string): string {
  const cached = inkCache.get(fill);
  if (cached !== undefined) return cached;
  const c = rgb(fill);
  const lum = 0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b;
  const ink = lum > 150 ? '#111827' : '#ffffff';
  if (inkCache.size < 4096) inkCache.set(fill, ink);
  return ink;
}

/** A CSS colour as an ImageData pixel (bytes R, G, B, A on little-endian hosts). */
export function packRgba(css: string, alpha = 255): number {
  const c = color(css)?.rgb() ?? rgb(0, 0, 0);
  return ((alpha << 24) | (Math.round(c.b) << 16) | (Math.round(c.g) << 8) | Math.round(c.r)) >>> 0;
}

/**
 * Packed colour lookup for holder codes: `colors[code]` is the CSS colour of a code. With `dim`,
 * every colour is blended towards `background` (cells outside the selected device's range).
 */
export function colorLut(colors: readonly string[], dim = 0, background = '#ffffff'): Uint32Array {
  const out = new Uint32Array(Math.max(1, colors.length));
  colors.forEach((c, i) => {
    out[i] = packRgba(dim > 0 ? interpolateRgb(c, background)(dim) : c);
  });
  return out;
}
