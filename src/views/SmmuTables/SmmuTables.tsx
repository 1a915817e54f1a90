/**
 * SMMUv3 view: stream table → STE → (L1CD →) CD for each SMMU instance, as a diagram (cards
 * with the fields the step wrote highlighted) or as tables with one row per valid entry.
 */
import { useMemo, useState } from 'react';
import { EntryDiagram } from '../shared/EntryDiagram.tsx';
import { EntryTables } from '../shared/EntryTables.tsx';
import type { KindSpec } from '../shared/EntryTables.tsx';
import { diagramDevices } from '../shared/deviceFilter.ts';
import type { HwInput } from '../shared/hwInput.ts';
import { ViewPanel } from '../shared/ViewPanel.tsx';
import type { ViewMode } from '../shared/ViewPanel.tsx';
import { SMMU_COLUMNS, smmuCards } from './smmuCards.ts';

export const SMMU_KINDS: readonly KindSpec[] = [
  {
    kind: 'ste',
    label: 'STE',
    cols: [
      { col: 'sid', label: 'SID' },
      { col: 'V', label: 'V' },
      { col: 'Config', label: 'Config' },
      { col: 'S1Fmt', label: 'S1Fmt' },
      { col: 'S1CDMax', label: 'S1CDMax' },
      { col: 'S1DSS', label: 'S1DSS' },
      { col: 'S1ContextPtr', label: 'S1ContextPtr' },
      { col: 'EATS', label: 'EATS' },
    ],
  },
  {
    kind: 'l1cd',
    label: 'L1CD',
    cols: [
      { col: 'l1', label: 'Index' },
      { col: 'V', label: 'V' },
      { col: 'L2Ptr', label: 'L2Ptr' },
    ],
  },
  {
    kind: 'cd',
    label: 'CD',
    cols: [
      { col: 'ssid', label: 'SSID' },
      { col: 'V', label: 'V' },
      { col: 'ASID', label: 'ASID' },
      { col: 'TTB0', label: 'TTB0 →', ptr: true },
      { col: 'EPD0', label: 'EPD0' },
    ],
  },
];

export interface SmmuTablesProps {
  /** SMMUv3 instances with their topology index. */
  iommus: readonly { id: string; unit: number }[];
  input: HwInput;
  onSelectProc?: (proc: string) => void;
  onSelectDevice?: (dev: string) => void;
}

export function SmmuTables(p: SmmuTablesProps) {
  const [mode, setMode] = useState<ViewMode>('diagram');
  const [picked, setPicked] = useState<string | null>(null);
  const cur = p.iommus.find((m) => m.id === picked) ?? p.iommus[0];
  const { input } = p;
  const unit = cur?.unit ?? -1;
  const { cards, filter } = useMemo(() => {
    const changedDevs = new Set<string>();
    for (const key of [...input.written.keys(), ...input.upserted.cd, ...input.upserted.ste]) {
      for (const t of [input.tables.cd, input.tables.ste] as const) {
        const s = t.find(key);
        if (s >= 0) changedDevs.add(t.s(s, 'dev') ?? '');
      }
    }
    const f = diagramDevices(input.tables.ste, unit, input.selectedDevice, changedDevs);
    const id = p.iommus.find((m) => m.unit === unit)?.id ?? '';
    return { cards: smmuCards(input, id, f.devices), filter: f };
  }, [input, unit, p.iommus]);
  if (!cur) return null;
  const [cdFrom, cdTo] = input.tables.cd.range([cur.unit]);
  const shownDevs = filter.devices ? filter.devices.size : filter.total;
  return (
    <ViewPanel
      title="SMMUv3: stream table → context descriptors"
      testId="view-smmu"
      mode={mode}
      onMode={setMode}
      summary={`${cur.id}: ${filter.total} masters, ${cdTo - cdFrom} CDs${
        mode === 'diagram' && shownDevs < filter.total ? ` · showing ${shownDevs}` : ''
      }`}
      controls={
        p.iommus.length > 1 ? (
          <label className="vz-inline">
            SMMU{' '}
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
          label={`${cur.id} stream table and CD tables`}
          testId="smmu-diagram"
          columns={SMMU_COLUMNS}
          cards={cards}
          {...(p.onSelectProc ? { onProcClick: p.onSelectProc } : {})}
          onCardClick={(c) => {
            const dev = c.column === 0 ? c.subtitle : undefined;
            if (dev && p.onSelectDevice) p.onSelectDevice(dev);
          }}
        />
      ) : (
        <EntryTables testId="smmu" iommu={cur.id} unit={cur.unit} kinds={SMMU_KINDS} input={input} />
      )}
    </ViewPanel>
  );
}
