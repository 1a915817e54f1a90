/**
 * The rows of the hardware views' table mode, as pure data: one Line per valid entry (and per
 * entry the step cleared), the facts a row shows, and the cells drawn from those facts. Kept
 * apart from the React table so it can be tested without a DOM.
 */
import type { ReactNode } from 'react';
import type { TableKind } from '../../protocol/views.ts';
import { fieldText, ptrText } from './entryText.ts';
import type { HwInput } from './hwInput.ts';

export interface KindSpec {
  kind: TableKind;
  label: string;
  /** Columns after "Entry" and "Device": numeric ones are decoded with fieldText, `ptr` ones with ptrText. */
  cols: { col: string; label: string; ptr?: boolean }[];
}

export interface Line {
  key: string;
  get(col: string): number | string | null;
  ghost: boolean;
}

export function lines(input: HwInput, spec: KindSpec, unit: number): Line[] {
  const t = input.tables[spec.kind];
  const [from, to] = t.range([unit]);
  const out: Line[] = [];
  const numCols = t.numCols;
  const strCols = t.strCols;
  for (let i = from; i < to; i++) {
    const slot = t.slotAt(i);
    out.push({
      key: t.key(slot),
      ghost: false,
      get: (col) => {
        const n = numCols.indexOf(col);
        return n >= 0 ? t.nAt(slot, n) : t.sAt(slot, strCols.indexOf(col));
      },
    });
  }
  for (const g of input.ghosts[spec.kind]) {
    if (g.num[0] !== unit) continue;
    out.push({
      key: g.key,
      ghost: true,
      get: (col) => {
        const n = numCols.indexOf(col);
        return n >= 0 ? (g.num[n] ?? null) : (g.str[strCols.indexOf(col)] ?? null);
      },
    });
  }
  return out;
}

/**
 * Everything one table row shows. The row's cells and states are drawn from these facts only,
 * and its version is these facts written out, so a row whose version did not change since the
 * last render shows the same and VirtualTable skips it.
 */
export interface RowFacts {
  key: string;
  ghost: boolean;
  changed: boolean;
  focus: boolean;
  selected: boolean;
  /** The device, then spec.cols in order. */
  values: (number | string | null)[];
  /** Whether the step wrote each of them. */
  written: boolean[];
}

export function rowFacts(input: HwInput, spec: KindSpec, r: Line): RowFacts {
  const dev = r.get('dev');
  return {
    key: r.key,
    ghost: r.ghost,
    changed: !r.ghost && (input.written.has(r.key) || input.upserted[spec.kind].has(r.key)),
    focus: r.key === input.focusKey,
    selected: input.selectedDevice !== null && dev === input.selectedDevice,
    values: [dev, ...spec.cols.map((c) => r.get(c.col))],
    written: ['dev', ...spec.cols.map((c) => c.col)].map((col) => input.written.get(r.key)?.has(col) ?? false),
  };
}

/** The row states EntryTables hands to VirtualTable (a subset of its RowState). */
export type EntryRowState = 'ghost' | 'changed' | 'focus' | 'selected';

export function factStates(f: RowFacts): EntryRowState[] {
  const out: EntryRowState[] = [];
  if (f.ghost) out.push('ghost');
  else if (f.changed) out.push('changed');
  if (f.focus) out.push('focus');
  if (f.selected) out.push('selected');
  return out;
}

/** Cell `col` of a row with facts `f` in a table of `spec` whose keys start with `prefix`. */
export function factCell(f: RowFacts, spec: KindSpec, prefix: string, col: string): ReactNode {
  if (col === 'entry') {
    const text = f.key.startsWith(prefix) ? f.key.slice(prefix.length) : f.key;
    return (
      <>
        {f.ghost ? <span className="vz-tag vz-tag-ghost">cleared</span> : null}
        {f.changed ? <span className="vz-tag vz-tag-changed">changed</span> : null}
        <span className="vz-mono">{text}</span>
      </>
    );
  }
  const c = col === 'dev' ? -1 : spec.cols.findIndex((x) => x.col === col);
  const v = f.values[c + 1] ?? null;
  const written = f.written[c + 1] === true;
  const text = spec.cols[c]?.ptr
    ? ptrText(typeof v === 'string' ? v : null)
    : typeof v === 'number'
      ? fieldText(col, v)
      : (v ?? '—');
  return <span className={written ? 'vz-cell-changed' : undefined}>{text}</span>;
}

/** The facts written out; numbers and strings tagged apart (a string "1" is not the number 1). */
export function factsVersion(f: RowFacts | null): string {
  return JSON.stringify(f, (_, v: unknown) => (typeof v === 'number' ? `n${v}` : typeof v === 'string' ? `s${v}` : v));
}
