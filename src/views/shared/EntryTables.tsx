/**
 * Table mode of the hardware views: one virtualised table per entry kind (one row per valid
 * entry), rows changed by the step marked, cleared rows kept at the end for one step, and the
 * row a queue entry links to scrolled into view.
 */
import { useState } from 'react';
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

interface Line {
  key: string;
  get(col: string): number | string | null;
  ghost: boolean;
}

function lines(input: HwInput, spec: KindSpec, unit: number): Line[] {
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
  if (!spec) return null;
  const rows = lines(p.input, spec, p.unit);
  const columns: Column[] = [
    { id: 'entry', label: 'Entry', width: '11em' },
    { id: 'dev', label: 'Device', width: '7em' },
    ...spec.cols.map((c) => ({ id: c.col, label: c.label })),
  ];
  const prefix = `${p.iommu}:`;
  const focusIndex = p.input.focusKey === null ? -1 : rows.findIndex((r) => r.key === p.input.focusKey);
  const states = (i: number): RowState[] => {
    const r = rows[i];
    if (!r) return [];
    const out: RowState[] = [];
    if (r.ghost) out.push('ghost');
    else if (p.input.written.has(r.key) || p.input.upserted[spec.kind].has(r.key)) out.push('changed');
    if (r.key === p.input.focusKey) out.push('focus');
    if (p.input.selectedDevice !== null && r.get('dev') === p.input.selectedDevice) out.push('selected');
    return out;
  };
  const cell = (i: number, col: string) => {
    const r = rows[i];
    if (!r) return null;
    if (col === 'entry') {
      const text = r.key.startsWith(prefix) ? r.key.slice(prefix.length) : r.key;
      const changed = states(i);
      return (
        <>
          {changed.includes('ghost') ? <span className="vz-tag vz-tag-ghost">cleared</span> : null}
          {changed.includes('changed') ? <span className="vz-tag vz-tag-changed">changed</span> : null}
          <span className="vz-mono">{text}</span>
        </>
      );
    }
    const v = r.get(col);
    const colSpec = spec.cols.find((c) => c.col === col);
    const written = p.input.written.get(r.key)?.has(col) ?? false;
    const text = colSpec?.ptr
      ? ptrText(typeof v === 'string' ? v : null)
      : typeof v === 'number'
        ? fieldText(col, v)
        : (v ?? '—');
    return <span className={written ? 'vz-cell-changed' : undefined}>{text}</span>;
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
        focusIndex={focusIndex}
      />
    </div>
  );
}
