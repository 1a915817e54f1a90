import { describe, expect, it } from 'vitest';
import { estimateLabelWidth, labelsOverlap, layoutStripLabels } from './stripLabels.ts';
import type { StripLabelBox, StripLabelInput } from './stripLabels.ts';

const entry = (pasid: number, name: string, x: number): StripLabelInput => ({
  x,
  texts: [`${pasid}:${name}`, `${pasid}`],
});

function placed(boxes: (StripLabelBox | null)[]): StripLabelBox[] {
  return boxes.filter((b): b is StripLabelBox => b !== null);
}

function overlapping(boxes: (StripLabelBox | null)[]): string[] {
  const all = placed(boxes);
  const out: string[] = [];
  for (let i = 0; i < all.length; i++)
    for (let j = i + 1; j < all.length; j++)
      if (labelsOverlap(all[i]!, all[j]!)) out.push(`${all[i]!.text} / ${all[j]!.text}`);
  return out;
}

describe('layoutStripLabels', () => {
  it('keeps "1:P1" and "3:P3" apart on a 2-bit device strip 15 px a PASID wide', () => {
    // As DeviceStrips draws accel0 (max 4) at its narrowest: x(v) = 190 + 15 v, marks centred.
    const labels = [entry(1, 'P1', 197.5), entry(2, 'P2', 212.5), entry(3, 'P3', 227.5)];
    const boxes = layoutStripLabels(labels, { rows: 2, minX: 2, maxX: 318 });
    expect(overlapping(boxes)).toEqual([]);
    // Every PASID still says at least its number, close to its own mark.
    for (const [i, b] of boxes.entries()) {
      expect(b, labels[i]!.texts[0]).not.toBeNull();
      expect(Math.abs(b!.x - labels[i]!.x)).toBeLessThanOrEqual((b!.right - b!.left) / 2);
    }
    expect(boxes[0]!.text).toBe('1:P1');
  });

  it('keeps full labels centred on their marks when there is room', () => {
    const labels = [entry(1, 'P1', 300), entry(3, 'P3', 500), entry(7, 'kernel (default:grp:dsa0)', 800)];
    const boxes = layoutStripLabels(labels, { rows: 2, minX: 2, maxX: 1200 });
    expect(boxes.map((b) => [b?.text, b?.x, b?.row])).toEqual([
      ['1:P1', 300, 0],
      ['3:P3', 500, 0],
      ['7:kernel (default:grp:dsa0)', 800, 0],
    ]);
  });

  it('shortens, then leaves out, labels with no room; never overlaps, whatever the spacing', () => {
    for (const step of [0.5, 2, 5, 9, 14, 22, 40]) {
      const labels = Array.from({ length: 24 }, (_, k) => entry(k + 1, `P${k + 1}`, 200 + step * k));
      const boxes = layoutStripLabels(labels, { rows: 2, minX: 2, maxX: 700 });
      expect(overlapping(boxes), `marks ${step} px apart`).toEqual([]);
      for (const b of placed(boxes)) expect(b.right).toBeLessThanOrEqual(700);
    }
    // Marks 0.5 px apart: a few labels fit, the rest are left to their tooltips.
    const crowded = layoutStripLabels(
      Array.from({ length: 24 }, (_, k) => entry(k + 1, `P${k + 1}`, 200 + 0.5 * k)),
      { rows: 2, minX: 2, maxX: 700 }
    );
    expect(placed(crowded).length).toBeGreaterThan(0);
    expect(crowded.some((b) => b === null)).toBe(true);
  });

  it('places the label of a PASID the step changed before its neighbours', () => {
    // nic0's PASIDs 1-3 on a narrow symlog strip: P3 just bound, so its label must not be the one left out.
    const labels = [entry(1, 'P1', 215), entry(2, 'P2', 225), { ...entry(3, '● P3', 233), first: true }];
    const boxes = layoutStripLabels(labels, { rows: 2, minX: 2, maxX: 600 });
    expect(overlapping(boxes)).toEqual([]);
    expect(boxes[2]).not.toBeNull();
    expect(boxes[2]!.row).toBe(0);
  });

  it('keeps a label inside the span at the strip ends', () => {
    const [b] = layoutStripLabels([entry(3, 'kernel (default:grp:dsa0)', 690)], { rows: 2, minX: 2, maxX: 700 });
    expect(b!.right).toBeLessThanOrEqual(700);
    expect(b!.text).toBe('3:kernel (default:grp:dsa0)');
  });

  it('estimates a label at least as wide as 13px digits', () => {
    expect(estimateLabelWidth('1:P1')).toBeGreaterThanOrEqual(4 * 7);
  });
});
