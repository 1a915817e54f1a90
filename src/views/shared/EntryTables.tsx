/**
 * Table mode of the hardware views: one virtualised table per entry kind (one row per valid
 * entry), rows changed by the step marked, cleared rows kept at the end for one step, and the
 * row a queue entry links to scrolled into view.
 */
import { useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import type { TableKind } from '../../protocol/views.ts';
import { factCell, factStates, factsVersion, lines, rowFacts } from './entryRows.tsx';
import type { KindSpec, Line, RowFacts } from './entryRows.tsx';
import type { HwInput } from './hwInput.ts';
import { TabList } from './TabList.tsx';
import { VirtualTable } from './VirtualTable.tsx';
import type { Column, RowState } from './VirtualTable.tsx';

export type { KindSpec } from './entryRows.tsx';

export interface EntryTablesProps {
  testId: string;
  iommu: string;
  /** Index of the IOMMU in the topology (the tables' first key column). */
  unit: number;
  kinds: readonly KindSpec[];
  input: HwInput;
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
      <TabList
        label="Entry kind"
        tabs={p.kinds.map((k) => ({
          id: k.kind,
          testId: `${p.testId}-tab-${k.kind}`,
          label: `${k.label} (${p.input.tables[k.kind].range([p.unit]).reduce((a, b) => b - a)})`,
        }))}
        selected={spec.kind}
        onSelect={setActive}
      />
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
