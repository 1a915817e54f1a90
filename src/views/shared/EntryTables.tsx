/**
 * Table mode of the hardware views: one virtualised table per entry kind (one row per valid
 * entry), rows changed by the step marked, cleared rows kept at the end for one step, and the
 * row a queue entry links to scrolled into view.
 */
import { useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import type { TableKind } from '../../protocol/views.ts';
import { fieldText, ptrText } from './entryText.ts';
import type { HwInput } from './hwInput.ts';
import { VirtualTable } from './VirtualTable.tsx';
import type { Column, RowState } from './VirtualTable.tsx';

export interface KindSpec {
  kind: TableKind;
  label: string;
  /** Columns after "Entry" and "Device": numeric ones are decoded with fieldText, `ptr` ones with ptrText. */
  cols: { col: string; label: string; ptr?: boolean }[];
}

export interface EntryTablesProps {
  testId: string;
  iommu: string;
  /** Index of the IOMMU in the topology (the tables' first key column). */
  unit: number;
  kinds: readonly KindSpec[];
  input: HwInput;
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

export function factStates(f: RowFacts): RowState[] {
  const out: RowState[] = [];
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

/** Facts of row i, each row read once: VirtualTable asks for states, version and cells of the same few rows. */
function factsReader(input: HwInput, spec: KindSpec, rows: readonly Line[]): (i: number) => RowFacts | null {
  const seen = new Map<number, RowFacts>();
  return (i) => {
    const known = seen.get(i);
    if (known) return known;
    const r = rows[i];
    if (!r) return null;
    const f = rowFacts(input, spec, r);
    seen.set(i, f);
    return f;
  };
}

export function EntryTables(p: EntryTablesProps) {
  const focusKey = p.input.focusKey;
  const [choice, setChoice] = useState<{ kind: TableKind; focus: string | null }>({
    kind: p.kinds[p.kinds.length - 1]?.kind ?? 'cd',
    focus: null,
  });
  // A new link from the queues view switches to the kind it points at; a tab click wins until the next link.
  const focusKind = focusKey === null ? undefined : p.kinds.find((k) => p.input.tables[k.kind].find(focusKey) >= 0);
  const active = focusKind && focusKey !== choice.focus ? focusKind.kind : choice.kind;
  const setActive = (kind: TableKind): void => setChoice({ kind, focus: focusKey });
  const spec = p.kinds.find((k) => k.kind === active) ?? p.kinds[0];
  // The same columns while the kind stays, so unchanged rows skip rendering.
  const columns = useMemo(
    (): Column[] => [
      { id: 'entry', label: 'Entry', width: '11em' },
      { id: 'dev', label: 'Device', width: '7em' },
      ...(spec?.cols ?? []).map((c) => ({ id: c.col, label: c.label })),
    ],
    [spec]
  );
  if (!spec) return null;
  const rows = lines(p.input, spec, p.unit);
  const prefix = `${p.iommu}:`;
  const focusIndex = p.input.focusKey === null ? -1 : rows.findIndex((r) => r.key === p.input.focusKey);
  const factsAt = factsReader(p.input, spec, rows);
  const states = (i: number): RowState[] => {
    const f = factsAt(i);
    return f ? factStates(f) : [];
  };
  const version = (i: number): string => factsVersion(factsAt(i));
  const cell = (i: number, col: string): ReactNode => {
    const f = factsAt(i);
    return f ? factCell(f, spec, prefix, col) : null;
  };
  return (
    <div className="vz-entry-tables">
      <div className="vz-tabs" role="tablist" aria-label="Entry kind">
        {p.kinds.map((k) => (
          <button
            key={k.kind}
            type="button"
            role="tab"
            aria-selected={k.kind === spec.kind}
            onClick={() => setActive(k.kind)}
            data-testid={`${p.testId}-tab-${k.kind}`}
          >
            {k.label} ({p.input.tables[k.kind].range([p.unit]).reduce((a, b) => b - a)})
          </button>
        ))}
      </div>
      <VirtualTable
        label={`${p.iommu} ${spec.label}`}
        testId={`${p.testId}-table-${spec.kind}`}
        columns={columns}
        rowCount={rows.length}
        rowKey={(i) => rows[i]?.key ?? String(i)}
        cell={cell}
        rowStates={states}
        rowVersion={version}
        focusIndex={focusIndex}
      />
    </div>
  );
}
