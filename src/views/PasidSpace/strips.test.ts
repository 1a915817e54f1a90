import { describe, expect, it } from 'vitest';
import { sameStrip } from './strips.ts';
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
