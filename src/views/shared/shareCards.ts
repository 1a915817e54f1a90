/**
 * Structural sharing for diagram cards. The hardware views rebuild their cards from the tables
 * every frame (cheap: a few dozen cards), but most frames leave the drawn IOMMU untouched. Handing
 * React the previous card objects for cards that read the same lets the memoised diagram and
 * cards skip rendering, so an unchanged diagram costs nothing per step.
 */
import type { CardField, EntryCard } from './cards.ts';

function sameField(a: CardField, b: CardField): boolean {
  return a.name === b.name && a.value === b.value && a.changed === b.changed && a.proc === b.proc;
}

/** Whether two cards draw the same (every property of EntryCard, fields in order). */
export function sameCard(a: EntryCard, b: EntryCard): boolean {
  if (
    a.id !== b.id ||
    a.column !== b.column ||
    a.parent !== b.parent ||
    a.title !== b.title ||
    a.subtitle !== b.subtitle ||
    a.state !== b.state ||
    a.focused !== b.focused ||
    a.fields.length !== b.fields.length
  )
    return false;
  for (let i = 0; i < a.fields.length; i++) if (!sameField(a.fields[i]!, b.fields[i]!)) return false;
  return true;
}

/**
 * `next` with every card equal to the previous card of the same id replaced by that previous
 * object; `prev` itself when every card (and the order) is unchanged.
 */
export function shareCards(prev: readonly EntryCard[], next: readonly EntryCard[]): readonly EntryCard[] {
  const old = new Map<string, EntryCard>();
  for (const c of prev) old.set(c.id, c);
  let all = prev.length === next.length;
  const out = next.map((c, i) => {
    const o = old.get(c.id);
    const keep = o !== undefined && sameCard(o, c) ? o : c;
    if (keep !== prev[i]) all = false;
    return keep;
  });
  return all ? prev : out;
}

/** A shareCards that remembers its last answer: one per drawn diagram, kept across renders. */
export function cardSharer(): (next: readonly EntryCard[]) => readonly EntryCard[] {
  let last: readonly EntryCard[] = [];
  return (next) => (last = shareCards(last, next));
}
