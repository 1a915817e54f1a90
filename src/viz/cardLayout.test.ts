import { describe, expect, it } from 'vitest';
import { cardHeight, DEFAULT_METRICS, layoutCards } from './cardLayout.ts';

const m = {
  ...DEFAULT_METRICS,
  columnWidth: 100,
  columnGap: 20,
  headerHeight: 20,
  lineHeight: 10,
  padding: 0,
  gap: 10,
};

describe('layoutCards', () => {
  it('puts children in the next column and centres a parent on them', () => {
    const l = layoutCards(
      [
        { id: 'ste', column: 0, lines: 1, parent: null },
        { id: 'cd1', column: 1, lines: 2, parent: 'ste' },
        { id: 'cd2', column: 1, lines: 2, parent: 'ste' },
      ],
      m
    );
    expect(cardHeight(2, m)).toBe(40);
    expect(l.boxes.get('cd1')).toMatchObject({ x: 120, y: 0, h: 40 });
    expect(l.boxes.get('cd2')).toMatchObject({ x: 120, y: 50 });
    // children span 0..90: the 30-high parent is centred at 45.
    expect(l.boxes.get('ste')).toMatchObject({ x: 0, y: 30, h: 30 });
    expect(l.links.map((k) => k.to)).toEqual(['cd1', 'cd2']);
    expect(l.links[0]!.d.startsWith('M100,40')).toBe(true);
    expect(l.width).toBe(220);
    expect(l.height).toBe(90);
  });

  it('stacks the next root below the previous subtree', () => {
    const l = layoutCards(
      [
        { id: 'a', column: 0, lines: 0, parent: null },
        { id: 'a1', column: 1, lines: 4, parent: 'a' },
        { id: 'b', column: 0, lines: 0, parent: null },
        { id: 'b1', column: 1, lines: 0, parent: 'b' },
      ],
      m
    );
    const a1 = l.boxes.get('a1')!;
    const b1 = l.boxes.get('b1')!;
    expect(b1.y).toBeGreaterThanOrEqual(a1.y + a1.h + 10);
    expect(l.boxes.get('b')!.y).toBe(b1.y);
  });

  it('never overlaps cards of one column', () => {
    const cards = [
      { id: 'r', column: 0, lines: 10, parent: null },
      { id: 'c', column: 1, lines: 0, parent: 'r' },
      { id: 'r2', column: 0, lines: 10, parent: null },
      { id: 'c2', column: 1, lines: 0, parent: 'r2' },
    ];
    const l = layoutCards(cards, m);
    const r = l.boxes.get('r')!;
    expect(l.boxes.get('r2')!.y).toBeGreaterThanOrEqual(r.y + r.h + 10);
  });
});
