/**
 * Which columns a table diagram draws in the room it has: only the columns some card uses,
 * minus optional columns (dropped in the given order) while the rest do not fit. A card whose
 * parent's column was dropped is drawn as a root.
 */
import type { EntryCard } from './cards.ts';

/** Narrowest column and gap (EntryDiagram's metricsFor floor). */
const MIN_COLUMN = 196;
const MIN_GAP = 32;

/**
 * Root copies of cards, by card object: the same card object always gets the same copy, so a
 * card that did not change (shareCards.ts) still compares equal and skips rendering. One per
 * drawn diagram, kept across renders.
 */
export type RootCopies = WeakMap<EntryCard, EntryCard>;
export const rootCopies = (): RootCopies => new WeakMap();

export function visibleColumns(
  cards: readonly EntryCard[],
  optional: readonly number[],
  room: number,
  copies: RootCopies
): { cards: readonly EntryCard[]; used: number[] } {
  const all = [...new Set(cards.map((c) => c.column))].sort((a, b) => a - b);
  const fits = (n: number): boolean => n * MIN_COLUMN + (n - 1) * MIN_GAP <= room;
  // Drop optional columns one at a time, in the given order, until the rest fit.
  const drop = new Set<number>();
  for (const col of optional) {
    if (room <= 0 || fits(all.length - drop.size)) break;
    if (all.includes(col)) drop.add(col);
  }
  if (drop.size === 0) return { cards, used: all };
  const gone = new Set(cards.filter((c) => drop.has(c.column)).map((c) => c.id));
  return {
    cards: cards
      .filter((c) => !drop.has(c.column))
      .map((c) => {
        if (c.parent === null || !gone.has(c.parent)) return c;
        const root = copies.get(c) ?? { ...c, parent: null };
        copies.set(c, root);
        return root;
      }),
    used: all.filter((col) => !drop.has(col)),
  };
}
