/**
 * Z-order (Morton) layout of the 2^20 PASID space on a 1024 × 1024 grid: x takes the even bits
 * of the PASID, y the odd bits. Every aligned power-of-two range [0, 2^k) is then a compact
 * block in the top-left corner (a square for even k, a 2:1 rectangle for odd k), so a device's
 * PASID range [0, max_pasids) is one rectangle at every zoom level.
 */

/** Grid side in cells. */
export const GRID_SIDE = 1024;
/** Cells in the grid (the PCIe PASID space). */
export const GRID_CELLS = GRID_SIDE * GRID_SIDE;

/** Spreads the low 10 bits of v to the even bit positions. */
function spread(v: number): number {
  let x = v & 0x3ff;
  x = (x | (x << 8)) & 0x00ff00ff;
  x = (x | (x << 4)) & 0x0f0f0f0f;
  x = (x | (x << 2)) & 0x33333333;
  x = (x | (x << 1)) & 0x55555555;
  return x;
}

/** Gathers the even bits of v into the low 10 bits. */
function gather(v: number): number {
  let x = v & 0x55555555;
  x = (x | (x >>> 1)) & 0x33333333;
  x = (x | (x >>> 2)) & 0x0f0f0f0f;
  x = (x | (x >>> 4)) & 0x00ff00ff;
  x = (x | (x >>> 8)) & 0x0000ffff;
  return x & 0x3ff;
}

/** Grid column of a PASID. */
export function pasidX(pasid: number): number {
  return gather(pasid);
}

/** Grid row of a PASID. */
export function pasidY(pasid: number): number {
  return gather(pasid >>> 1);
}

/** PASID at grid cell (x, y), or -1 outside the grid. */
export function pasidAt(x: number, y: number): number {
  if (x < 0 || y < 0 || x >= GRID_SIDE || y >= GRID_SIDE) return -1;
  return (spread(x) | (spread(y) << 1)) >>> 0;
}

/** Size in cells of the block holding [0, 2^k): width 2^ceil(k/2), height 2^floor(k/2). */
export function blockSize(count: number): { w: number; h: number } {
  if (count <= 1) return { w: 1, h: 1 };
  const k = Math.ceil(Math.log2(count));
  return { w: 2 ** Math.ceil(k / 2), h: 2 ** Math.floor(k / 2) };
}

let pixelOfPasid: Uint32Array | null = null;

/** pixel index (y * GRID_SIDE + x) of every PASID, built once (4 MiB). */
export function pixelIndex(): Uint32Array {
  if (pixelOfPasid) return pixelOfPasid;
  const out = new Uint32Array(GRID_CELLS);
  for (let y = 0; y < GRID_SIDE; y++) {
    const sy = spread(y) << 1;
    for (let x = 0; x < GRID_SIDE; x++) out[(sy | spread(x)) >>> 0] = y * GRID_SIDE + x;
  }
  pixelOfPasid = out;
  return out;
}
