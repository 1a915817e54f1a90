import { describe, expect, it } from 'vitest';
import { mulberry32, randomInt } from '../../../bench/prng.ts';
import type { EntryCard } from './cards.ts';
import { cardSharer, sameCard, shareCards } from './shareCards.ts';

/** Overrides; an undefined value leaves the optional property out. */
type Over = { [K in keyof EntryCard]?: EntryCard[K] | undefined };

function card(id: string, over: Over = {}): EntryCard {
  const c = {
    id,
    column: 2,
    parent: 'smmu0:STE[1]',
    title: `CD[${id}]`,
    subtitle: 'SSID 1',
    fields: [
      { name: 'V', value: '1', changed: false },
      { name: 'TTB0', value: "P1's mm", changed: true, proc: 'P1' },
    ],
    state: 'normal',
    focused: false,
    ...over,
  };
  for (const k of ['subtitle', 'focused'] as const) if (c[k] === undefined) delete c[k];
  return c as EntryCard;
}

/** A random card list: ids from a small pool so consecutive lists overlap, values from small sets. */
function randomCards(next: () => number): EntryCard[] {
  const n = randomInt(next, 0, 8);
  const ids = new Set<string>();
  for (let i = 0; i < n; i++) ids.add(`k${randomInt(next, 0, 10)}`);
  return [...ids].map((id) =>
    card(id, {
      column: randomInt(next, 0, 1),
      parent: next() < 0.5 ? null : `k${randomInt(next, 0, 3)}`,
      subtitle: next() < 0.2 ? undefined : `s${randomInt(next, 0, 1)}`,
      state: next() < 0.7 ? 'normal' : 'changed',
      focused: next() < 0.8 ? false : next() < 0.5 ? true : undefined,
      fields: Array.from({ length: randomInt(next, 0, 2) }, (_, i) => ({
        name: `f${i}`,
        value: String(randomInt(next, 0, 1)),
        changed: next() < 0.3,
        ...(next() < 0.3 ? { proc: next() < 0.5 ? null : 'P1' } : {}),
      })),
    })
  );
}

describe('shareCards', () => {
  it('hands back the previous list when every card reads the same', () => {
    const prev = [card('a'), card('b')];
    expect(shareCards(prev, [card('a'), card('b')])).toBe(prev);
  });

  it('keeps the unchanged cards and takes the new object for a changed one', () => {
    const prev = [card('a'), card('b'), card('c')];
    const next = [card('a'), card('b', { state: 'changed' }), card('c')];
    const out = shareCards(prev, next);
    expect(out).not.toBe(prev);
    expect(out[0]).toBe(prev[0]);
    expect(out[1]).toBe(next[1]);
    expect(out[2]).toBe(prev[2]);
  });

  it('tells a field change, a removed proc link and a reorder apart from sameness', () => {
    const a = card('a');
    expect(sameCard(a, card('a', { fields: [a.fields[0]!, { ...a.fields[1]!, value: 'x' }] }))).toBe(false);
    expect(sameCard(a, card('a', { fields: [a.fields[0]!, { ...a.fields[1]!, proc: null }] }))).toBe(false);
    expect(sameCard(a, card('a', { focused: undefined }))).toBe(false);
    const prev = [card('a'), card('b')];
    const swapped = shareCards(prev, [card('b'), card('a')]);
    expect(swapped).not.toBe(prev);
    expect(swapped).toEqual([card('b'), card('a')]);
  });

  it('always equals the fresh list (property: 2,000 random frame sequences)', () => {
    const next = mulberry32(0x5ca2d);
    for (let run = 0; run < 2000; run++) {
      const share = cardSharer();
      let last: readonly EntryCard[] = [];
      for (let frame = 0; frame < 6; frame++) {
        const fresh = randomCards(next);
        const shared = share(fresh);
        expect(shared).toEqual(fresh);
        // A reused object is one that read the same last frame; an unchanged list is the same list.
        for (const c of shared) if (c !== fresh[shared.indexOf(c)]) expect(last).toContain(c);
        const unchanged = fresh.length === last.length && fresh.every((c, i) => sameCard(c, last[i]!));
        if (frame > 0 && unchanged) expect(shared).toBe(last);
        last = shared;
      }
    }
  });
});
