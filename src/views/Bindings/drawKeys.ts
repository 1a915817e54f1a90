/**
 * React keys of the bindings graph's cards and edges (DOM-free, so its test runs in node): which
 * cards may take over the elements of a card that left (cardKeys.ts), and each edge's key and path.
 */
import type { TriLayout } from '../../viz/tripartite.ts';
import type { BEdge, BNode } from './bindingsModel.ts';

/** Cards with the same kind and numbers of lines, chips and badges draw the same elements (cardKeys.ts). */
export const nodeKind = (n: BNode): string => `${n.kind}/${n.lines.length}/${n.chips.length}/${n.badges.length}`;

/**
 * Each edge's React key and path. Keys are from>to by the cards' React keys (`cardKey`), numbered
 * only among repeats, so a new edge shifts no other edge's key, and an edge between two cards
 * that took over the keys of cards that left reuses that edge's path element. The layout lists
 * the model's edges in the same order (every edge joins two laid-out nodes); a lookup covers any
 * that it does not.
 */
export function edgeDraw(
  edges: readonly BEdge[],
  laid: TriLayout['edges'],
  cardKey: (id: string) => string
): { key: string; d: string }[] {
  const seen = new Map<string, number>();
  return edges.map((e, i) => {
    const k = `${cardKey(e.from)}>${cardKey(e.to)}`;
    const n = seen.get(k) ?? 0;
    seen.set(k, n + 1);
    const l = laid[i];
    const d =
      l && l.from === e.from && l.to === e.to ? l.d : (laid.find((x) => x.from === e.from && x.to === e.to)?.d ?? '');
    return { key: n === 0 ? k : `${k}#${n}`, d };
  });
}
