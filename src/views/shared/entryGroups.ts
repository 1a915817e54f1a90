/**
 * What the SMMUv3 and VT-d diagrams do alike with their per-PASID entries (CDs, PASID-table
 * entries): under each parent card draw at most a few, the interesting ones first, and a
 * "+N more" card for the rest.
 */
import type { EntryCard } from './cards.ts';
import { ptrProc } from './entryText.ts';
import type { HwInput } from './hwInput.ts';

/** A per-PASID entry row: its key, index (SSID / PASID) and the pointer naming its mm. */
export interface EntryRowAccess<R> {
  kind: 'cd' | 'pte';
  index: (r: R) => number;
  ptr: (r: R) => string | null;
}

/**
 * The rows worth drawing first, capped at `max` and in index order, plus how many were left out:
 * ghosts, focused or changed ones, then the selected process's, then index 0, then the rest.
 */
export function pickEntries<R extends { key: string; ghost: boolean }>(
  input: HwInput,
  a: EntryRowAccess<R>,
  rows: R[],
  max: number
): { shown: R[]; hidden: number } {
  if (rows.length <= max) return { shown: rows, hidden: 0 };
  const rank = (r: R): number => {
    if (r.ghost || input.focusKey === r.key || input.written.has(r.key) || input.upserted[a.kind].has(r.key)) return 0;
    if (input.selectedProc !== null && ptrProc(a.ptr(r)) === input.selectedProc) return 1;
    return a.index(r) === 0 ? 2 : 3;
  };
  const shown = [...rows].sort((x, y) => rank(x) - rank(y) || a.index(x) - a.index(y)).slice(0, max);
  return { shown: shown.sort((x, y) => a.index(x) - a.index(y)), hidden: rows.length - shown.length };
}

/** Appends each parent's picked entry cards, and a "+N more" card where some were left out. */
export function pushEntryGroups<R extends { key: string; ghost: boolean }>(
  cards: EntryCard[],
  input: HwInput,
  a: EntryRowAccess<R>,
  groups: ReadonlyMap<string, R[]>,
  out: { max: number; column: number; noun: string; card: (r: R, parent: string) => EntryCard }
): void {
  for (const [parent, list] of groups) {
    const { shown, hidden } = pickEntries(input, a, list, out.max);
    for (const r of shown) cards.push(out.card(r, parent));
    if (hidden > 0) {
      cards.push({
        id: `${parent}:more`,
        column: out.column,
        parent,
        title: `+${hidden} more ${out.noun}`,
        subtitle: '(table mode lists all)',
        fields: [],
        state: 'more',
      });
    }
  }
}
