import { describe, expect, it } from 'vitest';
import { mulberry32, randomInt } from '../../../bench/prng.ts';
import { assignCardKeys, cardKeyer } from './cardKeys.ts';

interface C {
  id: string;
  column: number;
  lines: number;
}

const kind = (c: C): string => `${c.column}/${c.lines}`;
const c = (id: string, column = 0, lines = 2): C => ({ id, column, lines });

/** A random frame: ids from a small pool so consecutive frames overlap; an id keeps its column. */
function randomFrame(next: () => number): C[] {
  const n = randomInt(next, 0, 12);
  const ids = new Set<number>();
  for (let i = 0; i < n; i++) ids.add(randomInt(next, 0, 20));
  return [...ids].map((i) => c(`k${i}`, i % 3, randomInt(next, 0, 2)));
}

describe('cardKeys', () => {
  it('gives a card that replaces one of the same kind the key that card left', () => {
    let n = 0;
    const fresh = (): string => `f${n++}`;
    const first = assignCardKeys(new Map(), [], [c('a'), c('b'), c('x', 1)], kind, fresh).keys;
    const frameA = [c('a'), c('b'), c('x', 1)];
    const { keys: second, recycled } = assignCardKeys(first, frameA, [c('a'), c('d'), c('y', 1, 5)], kind, fresh);
    expect(recycled).toEqual(new Set(['d', 'y']));
    expect(second.get('a')).toBe(first.get('a'));
    expect(second.get('d')).toBe(first.get('b'));
    // No card of kind 1/5 left; the one card of its column that did hands over its key.
    expect(second.get('y')).toBe(first.get('x'));
  });

  it('keeps keys of staying cards, never repeats a key in a frame, and mints a key only when a column ran out', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const next = mulberry32(seed);
      const keyer = cardKeyer(kind);
      let prevCards: C[] = [];
      let prevKeys: ReadonlyMap<string, string> = new Map();
      const seen = new Set<string>();
      for (let frame = 0; frame < 40; frame++) {
        const cards = randomFrame(next);
        const { keys, recycled } = keyer(cards);
        expect([...keys.keys()].sort()).toEqual(cards.map((x) => x.id).sort());
        expect(new Set(keys.values()).size).toBe(cards.length);
        const prevIds = new Set(prevCards.map((x) => x.id));
        for (const x of cards) {
          if (!prevIds.has(x.id)) continue;
          expect(keys.get(x.id)).toBe(prevKeys.get(x.id));
          expect(recycled.has(x.id)).toBe(false);
        }
        for (let col = 0; col < 3; col++) {
          const ids = new Set(cards.map((x) => x.id));
          const left = prevCards.filter((x) => x.column === col && !ids.has(x.id)).length;
          const arrived = cards.filter((x) => x.column === col && !prevIds.has(x.id));
          const minted = arrived.filter((x) => !seen.has(keys.get(x.id)!)).length;
          expect(minted).toBe(Math.max(0, arrived.length - left));
          for (const x of arrived) expect(recycled.has(x.id)).toBe(seen.has(keys.get(x.id)!));
          // A recycled key comes from a card of the same column.
          for (const x of arrived) {
            const k = keys.get(x.id)!;
            if (!seen.has(k)) continue;
            const from = prevCards.find((p) => prevKeys.get(p.id) === k);
            expect(from?.column).toBe(col);
          }
        }
        for (const k of keys.values()) seen.add(k);
        prevCards = cards;
        prevKeys = keys;
      }
    }
  });

  it('hands back the same keys for the same list', () => {
    const keyer = cardKeyer(kind);
    const cards = [c('a'), c('b')];
    expect(keyer(cards)).toBe(keyer(cards));
  });

  it('answers a new list of the same ids (a highlight set or cleared) as assignCardKeys would', () => {
    const next = mulberry32(7);
    for (let run = 0; run < 50; run++) {
      const keyer = cardKeyer(kind);
      const first = randomFrame(next);
      const before = keyer(first);
      // Same ids in the same order, other objects (and other kinds: only the ids matter).
      const again = first.map((x) => c(x.id, x.column, x.lines + 1));
      const want = assignCardKeys(before.keys, first, again, kind, () => 'fresh');
      const got = keyer(again);
      expect(got.keys).toEqual(want.keys);
      expect([...got.recycled]).toEqual([...want.recycled]);
    }
  });
});
