/** sameNode decides whether a card re-renders: it must see every field the card draws. */
import { describe, expect, it } from 'vitest';
import { sameNode } from './BindingNode.tsx';
import type { BNode } from './bindingsModel.ts';

const card: BNode = {
  id: 'proc:P1',
  kind: 'proc',
  column: 0,
  title: 'P1',
  lines: ['mm PASID 1'],
  chips: [{ text: 'T0 1', stale: false, valid: true }],
  badges: [],
  selected: false,
  changed: false,
  proc: 'P1',
  device: null,
};

describe('sameNode', () => {
  it('is true for an equal copy', () => {
    expect(sameNode(card, structuredClone(card))).toBe(true);
  });

  it.each<[string, Partial<BNode>]>([
    ['title', { title: 'P2' }],
    ['kind', { kind: 'device' }],
    ['a line', { lines: ['mm PASID 2'] }],
    ['one more line', { lines: ['mm PASID 1', 'x'] }],
    ['a chip', { chips: [{ text: 'T0 1', stale: true, valid: true }] }],
    ['a badge', { badges: ['stale MSR'] }],
    ['selection', { selected: true }],
    ['the changed mark', { changed: true }],
    ['the process', { proc: 'P2' }],
    ['the device', { device: 'nic0' }],
  ])('is false when %s differs', (_what, diff) => {
    expect(sameNode(card, { ...card, ...diff })).toBe(false);
  });
});
