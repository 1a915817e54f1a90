import { describe, expect, it } from 'vitest';
import { assignRows, sameRows, sameStrip } from './strips.ts';
import type { Strip } from './strips.ts';

const strip = (): Strip => ({
  id: 'grp:d0',
  label: 'd0',
  max: 4,
  selected: false,
  more: 0,
  entries: [{ pasid: 1, name: 'P1', color: '#123456', proc: 'P1', changed: true }],
});

describe('sameStrip', () => {
  it('compares content, not identity', () => {
    expect(sameStrip(strip(), strip())).toBe(true);
  });

  it.each<[string, (s: Strip) => void]>([
    ['label', (s) => (s.label = 'd1')],
    ['max', (s) => (s.max = 8)],
    ['selection', (s) => (s.selected = true)],
    ['hidden count', (s) => (s.more = 2)],
    ['an entry’s holder', (s) => (s.entries[0]!.name = 'P2')],
    ['an entry’s highlight', (s) => (s.entries[0]!.changed = false)],
    ['the entry list', (s) => s.entries.push({ pasid: 2, name: 'P2', color: '#000', proc: 'P2', changed: false })],
  ])('sees a change of %s', (_, change) => {
    const b = strip();
    change(b);
    expect(sameStrip(strip(), b)).toBe(false);
  });
});

describe('assignRows', () => {
  it('keeps the order of a first frame', () => {
    expect(assignRows([], ['a', 'b', 'c'])).toEqual(['a', 'b', 'c']);
  });
  it('puts a new strip in the row the leaving one freed, so no other strip moves', () => {
    expect(assignRows(['a', 'b', 'c'], ['a', 'c', 'd'])).toEqual(['a', 'd', 'c']);
  });
  it('appends when no row is free', () => {
    expect(assignRows(['a', 'b'], ['a', 'b', 'c'])).toEqual(['a', 'b', 'c']);
  });
  it('fills a hole with the last strip rather than leaving a gap', () => {
    expect(assignRows(['a', 'b', 'c', 'd'], ['a', 'c', 'd'])).toEqual(['a', 'd', 'c']);
    expect(assignRows(['a', 'b', 'c'], ['c'])).toEqual(['c']);
  });
  it('shows every wanted strip exactly once, whatever the history', () => {
    let rows: (string | null)[] = [];
    const pick = (k: number): string[] => ['a', 'b', 'c', 'd', 'e', 'f'].filter((_, i) => (k * 7 + i * 3) % 5 < 3);
    for (let k = 0; k < 40; k++) {
      const ids = pick(k);
      rows = assignRows(rows, ids);
      expect([...rows].sort()).toEqual([...ids].sort());
    }
  });
  it('is idempotent (a render repeated with the same strips changes nothing)', () => {
    const once = assignRows(['a', null, 'c'], ['c', 'a', 'e']);
    expect(sameRows(assignRows(once, ['c', 'a', 'e']), once)).toBe(true);
  });
});
