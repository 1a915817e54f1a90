import { describe, expect, it } from 'vitest';
import { mulberry32, randomInt } from '../../../bench/prng.ts';
import { DEFAULT_METRICS, layoutCards } from '../../viz/cardLayout.ts';
import type { CardSpec } from '../../viz/cardLayout.ts';
import { cardShape, layoutCacher } from './layoutCache.ts';

/** A random forest: parents earlier in the list (or a missing id, which makes a root). */
function randomSpecs(next: () => number): CardSpec[] {
  const n = randomInt(next, 0, 12);
  const out: CardSpec[] = [];
  for (let i = 0; i < n; i++) {
    const p = next();
    out.push({
      id: `c${randomInt(next, 0, 40)}-${i}`,
      column: randomInt(next, 0, 2),
      lines: randomInt(next, 0, 7),
      parent: i === 0 || p < 0.3 ? null : p < 0.4 ? 'missing' : out[randomInt(next, 0, i - 1)]!.id,
    });
  }
  return out;
}

/** The same forest under other ids (a device swapped in for one with as many entries). */
function renamedSpecs(specs: readonly CardSpec[], tag: string): CardSpec[] {
  const to = (id: string | null): string | null =>
    id === null ? null : specs.some((s) => s.id === id) ? `${id}${tag}` : id;
  return specs.map((s) => ({ ...s, id: `${s.id}${tag}`, parent: to(s.parent) }));
}

describe('cardShape', () => {
  it('ignores ids and reads columns, lines and parent positions', () => {
    const a: CardSpec[] = [
      { id: 'a', column: 0, lines: 7, parent: null },
      { id: 'b', column: 2, lines: 4, parent: 'a' },
      { id: 'c', column: 2, lines: 4, parent: 'gone' },
    ];
    expect(cardShape(a)).toBe('0,7,-1;2,4,0;2,4,-1;');
    expect(cardShape(renamedSpecs(a, 'x'))).toBe(cardShape(a));
    expect(cardShape([a[0]!, { ...a[1]!, lines: 3 }, a[2]!])).not.toBe(cardShape(a));
  });
});

describe('layoutCacher', () => {
  it('answers as layoutCards does, over random sequences of frames', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const next = mulberry32(seed);
      const layout = layoutCacher();
      const metrics = { ...DEFAULT_METRICS };
      let specs = randomSpecs(next);
      for (let frame = 0; frame < 25; frame++) {
        const r = next();
        if (r < 0.3) specs = renamedSpecs(specs, `.${frame}`);
        else if (r < 0.5) specs = randomSpecs(next);
        else if (r < 0.6 && specs.length > 0) specs = specs.map((s, i) => (i === 0 ? { ...s, lines: s.lines + 1 } : s));
        // else: the same cards again (a step that only clears a highlight)
        expect(layout(specs, metrics)).toEqual(layoutCards(specs, metrics));
      }
    }
  });

  it('hands back the same layout object while neither the cards nor the metrics change', () => {
    const layout = layoutCacher();
    const specs: CardSpec[] = [
      { id: 'a', column: 0, lines: 3, parent: null },
      { id: 'b', column: 1, lines: 2, parent: 'a' },
    ];
    const first = layout(specs, DEFAULT_METRICS);
    expect(layout([...specs], DEFAULT_METRICS)).toBe(first);
    expect(layout(specs, { ...DEFAULT_METRICS })).not.toBe(first);
  });

  it('lays out afresh when ids repeat', () => {
    const layout = layoutCacher();
    const specs: CardSpec[] = [
      { id: 'a', column: 0, lines: 3, parent: null },
      { id: 'a', column: 1, lines: 2, parent: null },
    ];
    expect(layout(specs, DEFAULT_METRICS)).toEqual(layoutCards(specs, DEFAULT_METRICS));
    expect(layout(specs, DEFAULT_METRICS)).toEqual(layoutCards(specs, DEFAULT_METRICS));
  });
});
