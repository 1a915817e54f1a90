/**
 * viz/layoutCards for a diagram that redraws on every step, skipped when it would place every
 * card where the last call placed the card at the same position in the list.
 *
 * A card's box depends only on the shape of the list: each card's column, number of lines and
 * position of its parent in the list (or none), in list order; never on ids. Most steps that
 * redraw a hardware diagram keep that shape: a step that only clears the last step's highlight
 * keeps every card, and a device swapped in for one with as many entries draws the same forest
 * under new ids. Those steps get the last layout (the same object when the ids are the same too,
 * else its boxes and links renamed) instead of a d3-hierarchy walk: measured, the walk was the
 * biggest piece of script such a step ran.
 */
// cardLayout.ts, not the viz barrel: the barrel brings DOM code into the node-typed unit tests.
import { layoutCards } from '../../viz/cardLayout.ts';
import type { CardBox, CardLayout, CardLink, CardMetrics, CardSpec } from '../../viz/cardLayout.ts';

/** The part of the cards a layout depends on, e.g. "0,7,-1;1,3,0;2,4,1". */
export function cardShape(specs: readonly CardSpec[]): string {
  const index = new Map<string, number>();
  specs.forEach((s, i) => index.set(s.id, i));
  let out = '';
  for (const s of specs) out += `${s.column},${s.lines},${s.parent === null ? -1 : (index.get(s.parent) ?? -1)};`;
  return out;
}

/** `layout` with the card at each position of `from` renamed to the id at that position in `to`. */
function renamed(layout: CardLayout, from: readonly string[], to: readonly string[]): CardLayout {
  const rename = new Map<string, string>();
  from.forEach((id, i) => rename.set(id, to[i]!));
  const boxes = new Map<string, CardBox>();
  for (const [id, b] of layout.boxes) {
    const next = rename.get(id)!;
    boxes.set(next, { ...b, id: next });
  }
  const links: CardLink[] = layout.links.map((l) => ({ from: rename.get(l.from)!, to: rename.get(l.to)!, d: l.d }));
  return { boxes, links, width: layout.width, height: layout.height };
}

/**
 * A layoutCards that remembers its last call (one per drawn diagram, kept across renders) and
 * answers from it when the metrics are the same object and the cards have the same shape.
 */
export function layoutCacher(): (specs: readonly CardSpec[], metrics: CardMetrics) => CardLayout {
  let last: { shape: string; metrics: CardMetrics; ids: string[]; layout: CardLayout } | null = null;
  return (specs, metrics) => {
    const ids = specs.map((s) => s.id);
    const shape = cardShape(specs);
    // Repeated ids would make the renaming ambiguous (layoutCards keeps one box per id).
    const unique = new Set(ids).size === ids.length;
    if (last && unique && last.metrics === metrics && last.shape === shape) {
      const same = ids.every((id, i) => id === last!.ids[i]);
      if (!same) last = { shape, metrics, ids, layout: renamed(last.layout, last.ids, ids) };
      return last.layout;
    }
    const layout = layoutCards(specs, metrics);
    last = unique ? { shape, metrics, ids, layout } : null;
    return layout;
  };
}
