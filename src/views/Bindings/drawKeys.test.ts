import { describe, expect, it } from 'vitest';
import { mulberry32, randomInt } from '../../../bench/prng.ts';
import type { BEdge } from './bindingsModel.ts';
import { edgeDraw } from './drawKeys.ts';

const edge = (from: string, to: string): BEdge => ({
  from,
  to,
  kind: 'bind',
  label: '',
  dashed: false,
  changed: false,
  shared: false,
});

describe('edgeDraw', () => {
  it('keys edges by their cards’ keys, numbers repeats, and takes each path from the layout', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const next = mulberry32(seed);
      const edges = Array.from({ length: randomInt(next, 0, 30) }, () =>
        edge(`n${randomInt(next, 0, 5)}`, `n${randomInt(next, 6, 9)}`)
      );
      const laid = edges.map((e, i) => ({ from: e.from, to: e.to, d: `M${i}` }));
      // Cards' keys: any one-to-one renaming of the ids.
      const draw = edgeDraw(edges, laid, (id) => `c${id.slice(1)}`);
      expect(new Set(draw.map((x) => x.key)).size).toBe(edges.length);
      draw.forEach((x, i) => {
        expect(x.d).toBe(`M${i}`);
        expect(x.key.startsWith(`c${edges[i]!.from.slice(1)}>c${edges[i]!.to.slice(1)}`)).toBe(true);
      });
    }
  });

  it('finds a path the layout lists elsewhere', () => {
    const edges = [edge('a', 'b'), edge('c', 'd')];
    const draw = edgeDraw(edges, [{ from: 'c', to: 'd', d: 'M1' }], (id) => id);
    expect(draw).toEqual([
      { key: 'a>b', d: '' },
      { key: 'c>d', d: 'M1' },
    ]);
  });
});
