/**
 * React keys for diagram cards that recycle the DOM of cards that left. A card keeps its key
 * while it stays drawn; a card that arrives takes a key a card of the same kind (column and
 * number of fields) left in this frame, so when a device is swapped into the diagram in place
 * of another (the hardware views draw at most a few devices, the ones a step changed first) its
 * ~13 cards rewrite the texts of the leaving device's card elements instead of unmounting one
 * set of svgs and mounting another. Measured: mounting a device's cards was about half of a
 * step's renderer work on the steps that swap one in.
 *
 * The bindings graph does the same with its process, PASID and device cards.
 *
 * What is drawn does not depend on the keys (each card renders from its own props); only which
 * DOM elements get reused does.
 */

/** The part of a card the keys read. */
export interface KeyedCard {
  id: string;
  column: number;
}

/**
 * Cards whose DOM is interchangeable at no more than a text rewrite get the same kind (e.g.
 * column and number of fields); a freed key goes to a card of the same kind first.
 */
export type KindOf<C> = (c: C) => string;

export interface CardKeys {
  /** Card id → React key, for every card of the frame. */
  keys: Map<string, string>;
  /**
   * Cards that took over the key of a card that left in this frame. Their elements still sit
   * where the old card was: they must jump to their place, not slide there (no transform
   * transition), or the graph would show the old entity moving.
   */
  recycled: ReadonlySet<string>;
}

/**
 * Keys for `next` given the keys of the previous frame: kept for ids still drawn, else a key
 * freed this frame by a vanished card of the same kind (then of the same column), in the order
 * the vanished cards were drawn, else a fresh one. Keys are unique within a frame.
 */
export function assignCardKeys<C extends KeyedCard>(
  prev: ReadonlyMap<string, string>,
  prevCards: readonly C[],
  next: readonly C[],
  kindOf: KindOf<C>,
  fresh: () => string
): CardKeys {
  const nextIds = new Set<string>();
  for (const c of next) nextIds.add(c.id);
  // Keys of the cards that left, by kind and by column, in drawing order.
  const freedByKind = new Map<string, string[]>();
  const freedByColumn = new Map<number, string[]>();
  for (const c of prevCards) {
    const key = prev.get(c.id);
    if (key === undefined || nextIds.has(c.id)) continue;
    push(freedByKind, kindOf(c), key);
    push(freedByColumn, c.column, key);
  }
  const used = new Set<string>();
  const take = (list: string[] | undefined): string | undefined => {
    while (list && list.length > 0) {
      const k = list.shift()!;
      if (!used.has(k)) return k;
    }
    return undefined;
  };
  const out = new Map<string, string>();
  const arriving: C[] = [];
  for (const c of next) {
    const key = prev.get(c.id);
    if (key !== undefined && !out.has(c.id)) {
      out.set(c.id, key);
      used.add(key);
    } else arriving.push(c);
  }
  const recycled = new Set<string>();
  for (const c of arriving) {
    if (out.has(c.id)) continue;
    const freed = take(freedByKind.get(kindOf(c))) ?? take(freedByColumn.get(c.column));
    if (freed !== undefined) recycled.add(c.id);
    const key = freed ?? fresh();
    out.set(c.id, key);
    used.add(key);
  }
  return { keys: out, recycled };
}

function push<K>(m: Map<K, string[]>, k: K, v: string): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

const NONE: ReadonlySet<string> = new Set();

function sameIds(a: readonly KeyedCard[], b: readonly KeyedCard[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]!.id !== b[i]!.id) return false;
  return true;
}

/** An assignCardKeys that remembers the last frame: one per drawn diagram, kept across renders. */
export function cardKeyer<C extends KeyedCard>(kindOf: KindOf<C>): (next: readonly C[]) => CardKeys {
  let lastCards: readonly C[] = [];
  let last: CardKeys = { keys: new Map(), recycled: new Set() };
  let counter = 0;
  const fresh = (): string => `c${counter++}`;
  return (next) => {
    if (next === lastCards) return last;
    // The same cards again (a step that only sets or clears highlights): every card keeps its key.
    last = sameIds(lastCards, next)
      ? { keys: last.keys, recycled: NONE }
      : assignCardKeys(last.keys, lastCards, next, kindOf, fresh);
    lastCards = next;
    return last;
  };
}

/**
 * Compares cards by the age of their keys (oldest first). Drawing absolutely placed cards in this
 * order never moves an element: a card keeps its key's place, an arriving one takes the place of
 * the card whose key it took, and new keys go last. Drawn in model order instead, a card taking
 * over a key from elsewhere in the list made React move every element between the two places.
 */
export function byKeyAge(keys: ReadonlyMap<string, string>): (a: KeyedCard, b: KeyedCard) => number {
  const age = (c: KeyedCard): number => Number(keys.get(c.id)?.slice(1) ?? Number.MAX_SAFE_INTEGER);
  return (a, b) => age(a) - age(b);
}
