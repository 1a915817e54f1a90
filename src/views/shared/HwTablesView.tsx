/**
 * The shell both hardware views share: pick an IOMMU instance, then its entries as a diagram
 * (cards, the step's writes highlighted, narrowed to the selected device, or to the changed
 * devices and the rest up to a cap; the last changed devices stay drawn until another one on
 * that IOMMU changes, see deviceFilter.ts) or as tables with one row per valid entry. SmmuTables
 * and VtdTables only say which tables and words.
 */
import { useCallback, useMemo, useState } from 'react';
import { EntryDiagram } from './EntryDiagram.tsx';
import type { EntryCard } from './EntryDiagram.tsx';
import { EntryTables } from './EntryTables.tsx';
import type { KindSpec } from './EntryTables.tsx';
import { DeviceMemory, pickDevices, unitDevices } from './deviceFilter.ts';
import type { HwInput } from './hwInput.ts';
import { cardSharer } from './shareCards.ts';
import { ViewPanel } from './ViewPanel.tsx';
import type { ViewMode } from './ViewPanel.tsx';

export interface HwTablesSpec {
  title: string;
  /** "smmu" → test ids view-smmu, smmu-diagram, smmu-…. */
  testId: string;
  /** Label of the instance picker ("SMMU", "Unit"). */
  unitLabel: string;
  /** The per-device table (one row per device: STE, context entry) and the per-PASID one (CD, PASID entry). */
  deviceKind: 'ste' | 'ctx';
  entryKind: 'cd' | 'pte';
  /** Summary nouns: "masters" / "CDs". */
  devicesNoun: string;
  entriesNoun: string;
  /** The diagram's accessible label for instance `id`. */
  diagramLabel: (id: string) => string;
  columns: readonly string[];
  /** Diagram column whose cards are devices (clicking one selects it). */
  deviceColumn: number;
  optionalColumns?: readonly number[];
  kinds: readonly KindSpec[];
  cards: (input: HwInput, iommu: string, devices: ReadonlySet<string> | null) => EntryCard[];
}

export interface HwTablesProps {
  /** Instances of this IOMMU type with their topology index. */
  iommus: readonly { id: string; unit: number }[];
  input: HwInput;
  onSelectProc?: (proc: string) => void;
  onSelectDevice?: (dev: string) => void;
}

export function HwTablesView(p: HwTablesProps & { spec: HwTablesSpec }) {
  const [mode, setMode] = useState<ViewMode>('diagram');
  const [picked, setPicked] = useState<string | null>(null);
  // Cards equal to last frame's stay the same objects, so the memoised diagram skips the frame.
  const [share] = useState(cardSharer);
  // The devices the last step changing this IOMMU changed stay drawn until another one changes.
  const [memory] = useState(() => new DeviceMemory());
  const { input, iommus, spec } = p;
  const cur = iommus.find((m) => m.id === picked) ?? iommus[0];
  const unit = cur?.unit ?? -1;
  const { cards, filter } = useMemo(() => {
    // Devices whose entries the step wrote are always drawn (and stay drawn: DeviceMemory).
    const changedDevs = new Set<string>();
    const { deviceKind, entryKind } = spec;
    for (const key of [...input.written.keys(), ...input.upserted[entryKind], ...input.upserted[deviceKind]]) {
      for (const t of [input.tables[entryKind], input.tables[deviceKind]] as const) {
        const s = t.find(key);
        if (s >= 0) changedDevs.add(t.s(s, 'dev') ?? '');
      }
    }
    const all = unitDevices(input.tables[deviceKind], unit);
    const f = pickDevices(all, input.selectedDevice, memory.first(unit, all, changedDevs));
    const id = iommus.find((m) => m.unit === unit)?.id ?? '';
    return { cards: share(spec.cards(input, id, f.devices)), filter: f };
  }, [input, unit, iommus, spec, share, memory]);
  const { deviceColumn } = spec;
  const { onSelectDevice } = p;
  const onCardClick = useCallback(
    (c: EntryCard) => {
      const dev = c.column === deviceColumn ? c.subtitle : undefined;
      if (dev && onSelectDevice) onSelectDevice(dev);
    },
    [deviceColumn, onSelectDevice]
  );
  if (!cur) return null;
  const [from, to] = input.tables[spec.entryKind].range([cur.unit]);
  const shownDevs = filter.devices ? filter.devices.size : filter.total;
  return (
    <ViewPanel
      title={spec.title}
      testId={`view-${spec.testId}`}
      mode={mode}
      onMode={setMode}
      summary={`${cur.id}: ${filter.total} ${spec.devicesNoun}, ${to - from} ${spec.entriesNoun}${
        mode === 'diagram' && shownDevs < filter.total ? ` · showing ${shownDevs}` : ''
      }`}
      controls={
        iommus.length > 1 ? (
          <label className="vz-inline">
            {spec.unitLabel}{' '}
            <select value={cur.id} onChange={(e) => setPicked(e.target.value)}>
              {iommus.map((m) => (
                <option key={m.id}>{m.id}</option>
              ))}
            </select>
          </label>
        ) : null
      }
    >
      {mode === 'diagram' ? (
        <EntryDiagram
          label={spec.diagramLabel(cur.id)}
          testId={`${spec.testId}-diagram`}
          columns={spec.columns}
          cards={cards}
          {...(spec.optionalColumns ? { optionalColumns: spec.optionalColumns } : {})}
          {...(p.onSelectProc ? { onProcClick: p.onSelectProc } : {})}
          onCardClick={onCardClick}
        />
      ) : (
        <EntryTables testId={spec.testId} iommu={cur.id} unit={cur.unit} kinds={spec.kinds} input={input} />
      )}
    </ViewPanel>
  );
}
