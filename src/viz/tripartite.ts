/**
 * Layout of the bindings view: three columns (processes, PASIDs, devices) with links between
 * neighbouring columns. Column 0 keeps its given order; columns 1 and 2 are ordered by the
 * barycentre of their neighbours on the left (one sweep, enough to untangle typical scenes).
 */

export interface TriNode {
  id: string;
  column: 0 | 1 | 2;
  /** Row height of this node (defaults to the column's). */
  height?: number;
}

export interface TriEdge {
  from: string;
  to: string;
}

export interface TriOptions {
  /** Left x and width of each column. */
  x: [number, number, number];
  width: [number, number, number];
  rowHeight: [number, number, number];
  gap: number;
  top: number;
}

export interface TriBox {
  id: string;
  column: number;
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface TriLayout {
  boxes: Map<string, TriBox>;
  edges: { from: string; to: string; d: string }[];
  height: number;
}

/** d3-path's rounding (3 digits), so the paths read exactly as d3-shape's linkHorizontal wrote them. */
const round = (v: number): number => Math.round(v * 1000) / 1000;

/**
 * The horizontal link from (x0, y0) to (x1, y1): d3-shape's `linkHorizontal()` output, written
 * directly. The bindings view lays out every step; d3's generator (an object, a path buffer and
 * a tagged template per segment) was most of the layout's cost.
 */
export function horizontalLink(x0: number, y0: number, x1: number, y1: number): string {
  const mx = round((x0 + x1) / 2);
  const a = round(y0);
  const b = round(y1);
  return `M${round(x0)},${a}C${mx},${a},${mx},${b},${round(x1)},${b}`;
}

/** Mean of the defined numbers in `values` (d3-array's `mean`: same order of summation). */
function meanOf(values: readonly (number | undefined)[]): number | undefined {
  let sum = 0;
  let count = 0;
  for (const v of values) {
    if (v !== undefined && v >= v) {
      count++;
      sum += v;
    }
  }
  return count > 0 ? sum / count : undefined;
}

export function layoutTripartite(nodes: readonly TriNode[], edges: readonly TriEdge[], o: TriOptions): TriLayout {
  const cols: TriNode[][] = [[], [], []];
  for (const n of nodes) cols[n.column]!.push(n);
  const left = new Map<string, string[]>();
  for (const e of edges) {
    const list = left.get(e.to) ?? [];
    list.push(e.from);
    left.set(e.to, list);
  }
  const rank = new Map<string, number>();
  cols[0]!.forEach((n, i) => rank.set(n.id, i));
  for (const c of [1, 2] as const) {
    const keyed = cols[c]!.map((n, i) => {
      const ranks = (left.get(n.id) ?? []).map((id) => rank.get(id));
      return { n, i, key: meanOf(ranks) ?? Number.POSITIVE_INFINITY };
    });
    keyed.sort((a, b) => a.key - b.key || a.i - b.i);
    cols[c] = keyed.map((k) => k.n);
    cols[c].forEach((n, i) => rank.set(n.id, i));
  }
  const boxes = new Map<string, TriBox>();
  let height = 0;
  cols.forEach((list, c) => {
    let y = o.top;
    for (const n of list) {
      const h = n.height ?? o.rowHeight[c]!;
      boxes.set(n.id, { id: n.id, column: c, x: o.x[c]!, y, w: o.width[c]!, h });
      y += h + o.gap;
    }
    height = Math.max(height, y);
  });
  const out: TriLayout['edges'] = [];
  for (const e of edges) {
    const a = boxes.get(e.from);
    const b = boxes.get(e.to);
    if (!a || !b) continue;
    const d = horizontalLink(a.x + a.w, a.y + a.h / 2, b.x, b.y + b.h / 2);
    out.push({ from: e.from, to: e.to, d });
  }
  return { boxes, edges: out, height };
}
