import { describe, expect, it } from 'vitest';
import { mulberry32, randomInt } from '../../../bench/prng.ts';
import { DEFAULT_METRICS, layoutCards } from '../../viz/cardLayout.ts';
import type { CardSpec } from '../../viz/cardLayout.ts';
import { layoutForest } from './forestLayout.ts';

/** Random cards with distinct ids; parents anywhere in the list, missing, or (rarely) on a cycle. */
function randomSpecs(next: () => number): CardSpec[] {
  const n = randomInt(next, 0, 30);
  const ids = Array.from({ length: n }, (_, i) => `c${i}`);
  return ids.map((id, i) => {
    const p = next();
    const parent =
      p < 0.25 || i === 0
        ? null
        : p < 0.3
          ? 'missing'
          : p < 0.33
            ? ids[randomInt(next, 0, n - 1)]!
            : ids[randomInt(next, 0, i - 1)]!;
    return { id, column: randomInt(next, 0, 3), lines: randomInt(next, 0, 7), parent };
  });
}

describe('layoutForest', () => {
  it('lays out as layoutCards does', () => {
    const next = mulberry32(7);
    const narrow = { ...DEFAULT_METRICS, columnWidth: 196, columnGap: 32, gap: 9 };
    for (let run = 0; run < 2000; run++) {
      const specs = randomSpecs(next);
      for (const m of [DEFAULT_METRICS, narrow]) expect(layoutForest(specs, m)).toEqual(layoutCards(specs, m));
    }
  });

  it('centres a parent on its children and keeps columns apart', () => {
    const specs: CardSpec[] = [
      { id: 'ste', column: 0, lines: 1, parent: null },
      { id: 'a', column: 1, lines: 2, parent: 'ste' },
      { id: 'b', column: 1, lines: 2, parent: 'ste' },
    ];
    const l = layoutForest(specs, DEFAULT_METRICS);
    const [a, b, ste] = [l.boxes.get('a')!, l.boxes.get('b')!, l.boxes.get('ste')!];
    expect(ste.y + ste.h / 2).toBeCloseTo((a.y + b.y + b.h) / 2);
    expect(l.links.map((k) => k.to)).toEqual(['a', 'b']);
  });
});
