/**
 * viz/layoutCards without d3-hierarchy, for the diagrams that lay out on every step that swaps a
 * device in: the same walk (d3's eachAfter order: children in reverse, then their parent), the
 * same boxes, links and size (a property test compares the two), on arrays of indices instead of
 * a tree of hierarchy nodes and with the link paths written out. Measured: layoutCards was about a
 * sixth of the script such a step ran.
 *
 * Takes what layoutCards takes with distinct ids; layoutCache.ts hands other lists to layoutCards.
 */
import type { CardBox, CardLayout, CardLink, CardMetrics, CardSpec } from '../../viz/cardLayout.ts';

/** A coordinate as d3-shape writes it (d3-path, 3 digits: rounded to thousandths). */
const r3 = (v: number): number => Math.round(v * 1000) / 1000;

/**
 * d3-shape's linkHorizontal path from (x0, y0) to (x1, y1), written out: a cubic from the source
 * with both control points halfway across. Generating it through d3-path was most of the layout.
 */
function link(x0: number, y0: number, x1: number, y1: number): string {
  const [a, b, m, c, d] = [r3(x0), r3(y0), r3((x0 + x1) / 2), r3(x1), r3(y1)];
  return `M${a},${b}C${m},${b},${m},${d},${c},${d}`;
}

/** Every card's children, by list position, and the roots (cards whose parent is not drawn). */
function forest(specs: readonly CardSpec[]): { roots: number[]; children: number[][] } {
  const index = new Map<string, number>();
  specs.forEach((s, i) => index.set(s.id, i));
  const roots: number[] = [];
  const children: number[][] = specs.map(() => []);
  specs.forEach((s, i) => {
    const p = s.parent === null ? undefined : index.get(s.parent);
    (p === undefined ? roots : children[p]!).push(i);
  });
  return { roots, children };
}

/** Card positions in d3-hierarchy's eachAfter order: a post-order that visits children last to first. */
function postOrder(roots: readonly number[], children: readonly (readonly number[])[]): number[] {
  const stack = [...roots];
  const pre: number[] = [];
  for (let i = stack.pop(); i !== undefined; i = stack.pop()) {
    pre.push(i);
    for (const k of children[i]!) stack.push(k);
  }
  return pre.reverse();
}

export function layoutForest(specs: readonly CardSpec[], m: CardMetrics): CardLayout {
  const { roots, children } = forest(specs);
  const placed: CardBox[] = [];
  const boxes = new Map<string, CardBox>();
  const nextY: number[] = [];
  const xOf = (col: number): number => col * (m.columnWidth + m.columnGap);
  for (const i of postOrder(roots, children)) {
    const spec = specs[i]!;
    const h = m.headerHeight + spec.lines * m.lineHeight + m.padding;
    const col = spec.column;
    const free = nextY[col] ?? 0;
    let y = free;
    const kids = children[i]!;
    if (kids.length > 0) {
      let top = Infinity;
      let bottom = -Infinity;
      for (const k of kids) {
        const b = placed[k]!;
        top = Math.min(top, b.y);
        bottom = Math.max(bottom, b.y + b.h);
      }
      y = Math.max(free, (top + bottom) / 2 - h / 2);
    }
    const box = { id: spec.id, column: col, x: xOf(col), y, w: m.columnWidth, h };
    placed[i] = box;
    boxes.set(spec.id, box);
    nextY[col] = y + h + m.gap;
    for (let c = col + 1; c < nextY.length; c++) nextY[c] = Math.max(nextY[c] ?? 0, free);
  }
  const links: CardLink[] = [];
  for (const s of specs) {
    if (s.parent === null) continue;
    const a = boxes.get(s.parent);
    const b = boxes.get(s.id);
    if (!a || !b) continue;
    const d = link(a.x + a.w, a.y + m.headerHeight / 2, b.x, b.y + m.headerHeight / 2);
    links.push({ from: s.parent, to: s.id, d });
  }
  let width = 0;
  let height = 0;
  // Cards on a parent cycle are never reached (as in layoutCards): no box, no link.
  for (const b of boxes.values()) {
    width = Math.max(width, b.x + b.w);
    height = Math.max(height, b.y + b.h);
  }
  return { boxes, links, width, height };
}
