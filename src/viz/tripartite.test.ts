import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { linkHorizontal } from 'd3-shape';
import { horizontalLink, layoutTripartite } from './tripartite.ts';

const o = {
  x: [0, 200, 400] as [number, number, number],
  width: [100, 80, 100] as [number, number, number],
  rowHeight: [40, 30, 50] as [number, number, number],
  gap: 10,
  top: 5,
};

describe('layoutTripartite', () => {
  it('stacks each column and orders PASIDs and devices by their neighbours', () => {
    const l = layoutTripartite(
      [
        { id: 'P1', column: 0 },
        { id: 'P2', column: 0 },
        { id: 'pasid:2', column: 1 },
        { id: 'pasid:1', column: 1 },
        { id: 'accel0', column: 2 },
        { id: 'nic0', column: 2 },
      ],
      [
        { from: 'P1', to: 'pasid:1' },
        { from: 'P2', to: 'pasid:2' },
        { from: 'pasid:1', to: 'nic0' },
        { from: 'pasid:2', to: 'nic0' },
        { from: 'pasid:2', to: 'accel0' },
      ],
      o
    );
    expect(l.boxes.get('P2')).toMatchObject({ x: 0, y: 55, w: 100, h: 40 });
    expect(l.boxes.get('pasid:1')!.y).toBe(5);
    expect(l.boxes.get('pasid:2')!.y).toBe(45);
    // nic0's neighbours average 0.5, accel0's 1: nic0 first.
    expect(l.boxes.get('nic0')!.y).toBe(5);
    expect(l.boxes.get('accel0')!.y).toBe(65);
    expect(l.edges).toHaveLength(5);
    expect(l.edges[0]!.d.startsWith('M100,25')).toBe(true);
    expect(l.height).toBe(125);
  });

  it('keeps unlinked nodes after linked ones, in input order', () => {
    const l = layoutTripartite(
      [
        { id: 'P1', column: 0 },
        { id: 'a', column: 2 },
        { id: 'b', column: 2 },
        { id: 'pasid:1', column: 1 },
      ],
      [
        { from: 'P1', to: 'pasid:1' },
        { from: 'pasid:1', to: 'b' },
      ],
      o
    );
    expect(l.boxes.get('b')!.y).toBe(5);
    expect(l.boxes.get('a')!.y).toBe(65);
  });
});

describe('horizontalLink', () => {
  it("writes what d3-shape's linkHorizontal writes", () => {
    const d3link = linkHorizontal<{ source: [number, number]; target: [number, number] }, [number, number]>();
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: -5000, max: 5000 }), fc.double({ min: -5000, max: 5000, noNaN: true })), {
          minLength: 4,
          maxLength: 4,
        }),
        ([x0, y0, x1, y1]) => {
          expect(horizontalLink(x0!, y0!, x1!, y1!)).toBe(d3link({ source: [x0!, y0!], target: [x1!, y1!] }));
        }
      ),
      { numRuns: 2000 }
    );
  });
});
