import { describe, expect, it } from 'vitest';
import { mulberry32, randomInt } from '../../../bench/prng.ts';
import { BAND, MARGIN_BANDS, NOTHING, bandCount, boxInSpan, linkInSpan, sameSpan, spanOfBands } from './visibleSpan.ts';

describe('spanOfBands', () => {
  it('covers the visible bands and a margin of bands on each side', () => {
    expect(spanOfBands([3, 5, 4])).toEqual({ top: (3 - MARGIN_BANDS) * BAND, bottom: (6 + MARGIN_BANDS) * BAND });
    expect(spanOfBands([0])).toEqual({ top: -MARGIN_BANDS * BAND, bottom: (1 + MARGIN_BANDS) * BAND });
  });
  it('draws nothing when no band is on screen', () => {
    expect(spanOfBands([])).toBe(NOTHING);
    expect(boxInSpan({ y: 0, h: 10 }, NOTHING)).toBe(false);
    expect(linkInSpan({ y: 0, h: 10 }, { y: 50, h: 10 }, NOTHING)).toBe(false);
  });
  it('draws everything before the observer has reported', () => {
    expect(boxInSpan({ y: 1e6, h: 10 }, null)).toBe(true);
    expect(linkInSpan({ y: 1e6, h: 10 }, { y: 0, h: 10 }, null)).toBe(true);
  });
  it('compares spans by value', () => {
    expect(sameSpan({ top: 1, bottom: 2 }, { top: 1, bottom: 2 })).toBe(true);
    expect(sameSpan({ top: 1, bottom: 2 }, null)).toBe(false);
    expect(sameSpan(null, null)).toBe(true);
  });
  it('bands cover the whole graph', () => {
    expect(bandCount(0)).toBe(1);
    expect(bandCount(BAND)).toBe(1);
    expect(bandCount(BAND + 1)).toBe(2);
  });
});

describe('culling', () => {
  // Whatever has a pixel in the visible rows is drawn, and whatever is drawn is near them.
  it('draws every card and link that reaches into the visible bands, and only what is within the margin', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const next = mulberry32(seed);
      const height = randomInt(next, 50, 3000);
      const n = bandCount(height);
      const lo = randomInt(next, 0, n - 1);
      const hi = randomInt(next, lo, n - 1);
      const visible = Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
      const span = spanOfBands(visible);
      const [top, bottom] = [lo * BAND, (hi + 1) * BAND];
      const boxes = Array.from({ length: 40 }, () => ({ y: randomInt(next, 0, height), h: randomInt(next, 20, 200) }));
      for (const b of boxes) {
        const seen = b.y < bottom && b.y + b.h > top;
        const near = b.y < span.bottom && b.y + b.h > span.top;
        expect(boxInSpan(b, span)).toBe(near);
        if (seen) expect(boxInSpan(b, span)).toBe(true);
      }
      for (let k = 0; k < 40; k++) {
        const a = boxes[randomInt(next, 0, boxes.length - 1)]!;
        const b = boxes[randomInt(next, 0, boxes.length - 1)]!;
        const y0 = Math.min(a.y + a.h / 2, b.y + b.h / 2);
        const y1 = Math.max(a.y + a.h / 2, b.y + b.h / 2);
        // A horizontal link stays between the heights of its two ends (and its stroke's width).
        if (y0 - 2 < bottom && y1 + 2 > top) expect(linkInSpan(a, b, span)).toBe(true);
        if (y1 + 2 <= span.top || y0 - 2 >= span.bottom) expect(linkInSpan(a, b, span)).toBe(false);
      }
    }
  });
});
