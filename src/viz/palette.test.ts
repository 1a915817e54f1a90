import { describe, expect, it } from 'vitest';
import { colorLut, inkOn, packRgba, procColor } from './palette.ts';

describe('palette', () => {
  it('packRgba writes R in the low byte and opaque alpha in the high byte', () => {
    expect(packRgba('#ff0000')).toBe(0xff0000ff);
    expect(packRgba('#0000ff')).toBe(0xffff0000);
    expect(packRgba('#010203')).toBe(0xff030201);
  });

  it('colorLut dims towards the background', () => {
    const [full, half] = [colorLut(['#000000']), colorLut(['#000000'], 0.5, '#ffffff')];
    expect(full[0]).toBe(0xff000000);
    const g = (half[0]! >>> 8) & 0xff;
    expect(g).toBeGreaterThan(120);
    expect(g).toBeLessThan(135);
  });

  it('gives distinct process colours and readable ink', () => {
    const colours = Array.from({ length: 24 }, (_, i) => procColor(i));
    expect(new Set(colours).size).toBe(24);
    expect(inkOn('#ffffff')).toBe('#111827');
    expect(inkOn('#1f2937')).toBe('#ffffff');
  });
});
