/**
 * Layout of the table diagrams (stream table → STE → L1CD → CD; root → context → PASID
 * directory → PASID table): a forest of cards in columns, children to the right of their
 * parent, each parent centred on its children when there is room. Cards have variable heights
 * (one line per field). d3-hierarchy walks the forest; links are d3-shape horizontal links.
 */
import { hierarchy } from 'd3-hierarchy';
import type { HierarchyNode } from 'd3-hierarchy';
import { linkHorizontal } from 'd3-shape';

export interface CardSpec {
  id: string;
  /** 0 = leftmost column. */
  column: number;
  /** Number of field lines under the header. */
  lines: number;
  /** Parent card id (must be in an earlier column), or null for a root. */
  parent: string | null;
}

export interface CardBox {
  id: string;
  column: number;
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface CardLink {
  from: string;
  to: string;
  /** SVG path data. */
  d: string;
}

export interface CardMetrics {
  columnWidth: number;
  columnGap: number;
  headerHeight: number;
  lineHeight: number;
  padding: number;
  /** Vertical gap between cards of a column. */
  gap: number;
}

export const DEFAULT_METRICS: CardMetrics = {
  columnWidth: 220,
  columnGap: 56,
  headerHeight: 28,
  lineHeight: 21,
  padding: 8,
  gap: 14,
};

export interface CardLayout {
  boxes: Map<string, CardBox>;
  links: CardLink[];
  width: number;
  height: number;
}

interface Node {
  spec: CardSpec | null;
  children: Node[];
}

const link = linkHorizontal<{ source: [number, number]; target: [number, number] }, [number, number]>();

export function cardHeight(lines: number, m: CardMetrics = DEFAULT_METRICS): number {
  return m.headerHeight + lines * m.lineHeight + m.padding;
}

export function layoutCards(cards: readonly CardSpec[], m: CardMetrics = DEFAULT_METRICS): CardLayout {
  const nodes = new Map<string, Node>();
  for (const c of cards) nodes.set(c.id, { spec: c, children: [] });
  const root: Node = { spec: null, children: [] };
  for (const c of cards) {
    const parent = c.parent === null ? undefined : nodes.get(c.parent);
    (parent ?? root).children.push(nodes.get(c.id)!);
  }
  const tree: HierarchyNode<Node> = hierarchy(root, (n) => n.children);
  const nextY: number[] = [];
  const boxes = new Map<string, CardBox>();
  const xOf = (col: number): number => col * (m.columnWidth + m.columnGap);
  // Post-order: children first, so a parent can centre itself on them.
  tree.eachAfter((node) => {
    const spec = node.data.spec;
    if (!spec) return;
    const h = cardHeight(spec.lines, m);
    const col = spec.column;
    const kids = (node.children ?? []).map((k) => boxes.get(k.data.spec?.id ?? '')).filter((b) => b !== undefined);
    const free = nextY[col] ?? 0;
    let y = free;
    if (kids.length > 0) {
      const top = Math.min(...kids.map((b) => b.y));
      const bottom = Math.max(...kids.map((b) => b.y + b.h));
      y = Math.max(free, (top + bottom) / 2 - h / 2);
    }
    boxes.set(spec.id, { id: spec.id, column: col, x: xOf(col), y, w: m.columnWidth, h });
    nextY[col] = y + h + m.gap;
    // Keep later subtrees below this one in every column to its right.
    for (let c = col + 1; c < nextY.length; c++) nextY[c] = Math.max(nextY[c] ?? 0, free);
  });
  const links: CardLink[] = [];
  for (const c of cards) {
    if (c.parent === null) continue;
    const a = boxes.get(c.parent);
    const b = boxes.get(c.id);
    if (!a || !b) continue;
    const d = link({ source: [a.x + a.w, a.y + m.headerHeight / 2], target: [b.x, b.y + m.headerHeight / 2] });
    links.push({ from: c.parent, to: c.id, d: d ?? '' });
  }
  let width = 0;
  let height = 0;
  for (const b of boxes.values()) {
    width = Math.max(width, b.x + b.w);
    height = Math.max(height, b.y + b.h);
  }
  return { boxes, links, width, height };
}
