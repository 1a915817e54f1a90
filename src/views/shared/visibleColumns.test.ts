import { describe, expect, it } from 'vitest';
import type { EntryCard } from './cards.ts';
import { rootCopies, visibleColumns } from './visibleColumns.ts';

const card = (id: string, column: number, parent: string | null): EntryCard => ({
  id,
  column,
  parent,
  title: id,
  fields: [{ name: 'P', value: '1', changed: false }],
  state: 'normal',
});

// A VT-d-like forest: root → context → directory → PASID entries.
const CARDS = [card('r', 0, null), card('c', 1, 'r'), card('d', 2, 'c'), card('e1', 3, 'd'), card('e2', 3, 'd')];

describe('visibleColumns', () => {
  it('keeps every used column when they fit', () => {
    const out = visibleColumns(CARDS, [0, 2], 2000, rootCopies());
    expect(out.cards).toBe(CARDS);
    expect(out.used).toEqual([0, 1, 2, 3]);
  });

  it('drops optional columns in order until the rest fit, their children drawn as roots', () => {
    const out = visibleColumns(CARDS, [0, 2], 3 * 196 + 2 * 32, rootCopies());
    expect(out.used).toEqual([1, 2, 3]);
    expect(out.cards.map((c) => [c.id, c.parent])).toEqual([
      ['c', null],
      ['d', 'c'],
      ['e1', 'd'],
      ['e2', 'd'],
    ]);
    const narrow = visibleColumns(CARDS, [0, 2], 400, rootCopies());
    expect(narrow.used).toEqual([1, 3]);
    expect(narrow.cards.map((c) => [c.id, c.parent])).toEqual([
      ['c', null],
      ['e1', null],
      ['e2', null],
    ]);
  });

  it('gives the same card object the same root copy on every call', () => {
    const copies = rootCopies();
    const a = visibleColumns(CARDS, [0, 2], 400, copies);
    const changed = [...CARDS.slice(0, 4), card('e2', 3, 'd')];
    const b = visibleColumns(changed, [0, 2], 400, copies);
    expect(b.cards[0]).toBe(a.cards[0]);
    expect(b.cards[1]).toBe(a.cards[1]);
    // A new card object gets a new copy.
    expect(b.cards[2]).not.toBe(a.cards[2]);
    expect(b.cards[2]).toEqual(a.cards[2]);
  });
});
