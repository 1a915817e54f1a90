/**
 * VT-d view: root → scalable-mode context entry → PASID directory → PASID table entries for
 * each unit, as a diagram (changed fields highlighted) or as tables, one row per entry.
 */
import { useMemo, useState } from 'react';
import { EntryDiagram } from '../shared/EntryDiagram.tsx';
import { EntryTables } from '../shared/EntryTables.tsx';
import type { KindSpec } from '../shared/EntryTables.tsx';
import { diagramDevices } from '../shared/deviceFilter.ts';
import type { HwInput } from '../shared/hwInput.ts';
import { ViewPanel } from '../shared/ViewPanel.tsx';
import type { ViewMode } from '../shared/ViewPanel.tsx';
import { VTD_COLUMNS, vtdCards } from './vtdCards.ts';

export const VTD_KINDS: readonly KindSpec[] = [
  {
    kind: 'root',
    label: 'Root',
    cols: [
      { col: 'bus', label: 'Bus' },
      { col: 'LP', label: 'LP' },
      { col: 'UP', label: 'UP' },
    ],
  },
  {
    kind: 'ctx',
    label: 'Context',
    cols: [
      { col: 'bdf', label: 'BDF' },
      { col: 'P', label: 'P' },
      { col: 'PASIDE', label: 'PASIDE' },
      { col: 'PDTS', label: 'PDTS' },
      { col: 'RID_PASID', label: 'RID_PASID' },
      { col: 'DTE', label: 'DTE' },
      { col: 'PRE', label: 'PRE' },
    ],
  },
  {
    kind: 'pdir',
    label: 'PASID dir',
    cols: [
      { col: 'dir', label: 'Index' },
      { col: 'P', label: 'P' },
      { col: 'FPD', label: 'FPD' },
    ],
  },
  {
    kind: 'pte',
    label: 'PASID table',
    cols: [
      { col: 'pasid', label: 'PASID' },
      { col: 'P', label: 'P' },
      { col: 'FPD', label: 'FPD' },
      { col: 'PGTT', label: 'PGTT' },
      { col: 'DID', label: 'DID' },
      { col: 'FLPTR', label: 'FLPTR →', ptr: true },
    ],
  },
];

/** In a narrow diagram the root table goes first, then the PASID directory. */
const ROOT_COLUMN = [0, 2];

export interface VtdTablesProps {
  iommus: readonly { id: string; unit: number }[];
  input: HwInput;
  onSelectProc?: (proc: string) => void;
  onSelectDevice?: (dev: string) => void;
}

export function VtdTables(p: VtdTablesProps) {
  const [mode, setMode] = useState<ViewMode>('diagram');
  const [picked, setPicked] = useState<string | null>(null);
  const cur = p.iommus.find((m) => m.id === picked) ?? p.iommus[0];
  const { input } = p;
  const unit = cur?.unit ?? -1;
  const { cards, filter } = useMemo(() => {
    const changedDevs = new Set<string>();
    for (const key of [...input.written.keys(), ...input.upserted.pte, ...input.upserted.ctx]) {
      for (const t of [input.tables.pte, input.tables.ctx] as const) {
        const s = t.find(key);
        if (s >= 0) changedDevs.add(t.s(s, 'dev') ?? '');
      }
    }
    const f = diagramDevices(input.tables.ctx, unit, input.selectedDevice, changedDevs);
    const id = p.iommus.find((m) => m.unit === unit)?.id ?? '';
    return { cards: vtdCards(input, id, f.devices), filter: f };
  }, [input, unit, p.iommus]);
  if (!cur) return null;
  const [from, to] = input.tables.pte.range([cur.unit]);
  const shownDevs = filter.devices ? filter.devices.size : filter.total;
  return (
    <ViewPanel
      title="VT-d: context entry → PASID directory → PASID table"
      testId="view-vtd"
      mode={mode}
      onMode={setMode}
      summary={`${cur.id}: ${filter.total} devices, ${to - from} PASID entries${
        mode === 'diagram' && shownDevs < filter.total ? ` · showing ${shownDevs}` : ''
      }`}
      controls={
        p.iommus.length > 1 ? (
          <label className="vz-inline">
            Unit{' '}
            <select value={cur.id} onChange={(e) => setPicked(e.target.value)}>
              {p.iommus.map((m) => (
                <option key={m.id}>{m.id}</option>
              ))}
            </select>
          </label>
        ) : null
      }
    >
      {mode === 'diagram' ? (
        <EntryDiagram
          label={`${cur.id} context and PASID tables`}
          testId="vtd-diagram"
          columns={VTD_COLUMNS}
          cards={cards}
          optionalColumns={ROOT_COLUMN}
          {...(p.onSelectProc ? { onProcClick: p.onSelectProc } : {})}
          onCardClick={(c) => {
            const dev = c.column === 1 ? c.subtitle : undefined;
            if (dev && p.onSelectDevice) p.onSelectDevice(dev);
          }}
        />
      ) : (
        <EntryTables testId="vtd" iommu={cur.id} unit={cur.unit} kinds={VTD_KINDS} input={input} />
      )}
    </ViewPanel>
  );
}
