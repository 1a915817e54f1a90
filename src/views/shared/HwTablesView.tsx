/**
 * The shell both hardware views share: pick an IOMMU instance, then its entries as a diagram
 * (cards, the step's writes highlighted, narrowed to the selected device, or to the changed
 * devices and the rest up to a cap; the last changed devices stay drawn until another one on
 * that IOMMU changes, see deviceFilter.ts) or as tables with one row per valid entry. SmmuTables
 * and VtdTables only say which tables and words.
 */
import { memo, useCallback, useMemo, useState } from 'react';
import { EntryDiagram } from './EntryDiagram.tsx';
import type { EntryCard } from './EntryDiagram.tsx';
import { EntryTables } from './EntryTables.tsx';
import type { KindSpec } from './EntryTables.tsx';
import type { HwInput } from './hwInput.ts';
import { UnitCards } from './unitCards.ts';
import { useViewMode } from './useViewMode.ts';
import { ViewPanel } from './ViewPanel.tsx';
import type { ViewMode } from './ViewPanel.tsx';

export interface HwTablesSpec {
  title: string;
  /** Which live view this is (its diagram/table mode is kept per view). */
  view: 'smmu' | 'vtd';
  /** "smmu" → test ids view-smmu, smmu-diagram, smmu-…. */
  testId: string;
  /** Label of the instance picker ("SMMU", "Unit"). */
  unitLabel: string;
  /** The per-device table (one row per device: STE, context entry) and the per-PASID one (CD, PASID entry). */
  deviceKind: 'ste' | 'ctx';
  entryKind: 'cd' | 'pte';
  /** Summary nouns, singular and plural: ["master", "masters"] / ["CD", "CDs"]. */
  devicesNoun: readonly [string, string];
  entriesNoun: readonly [string, string];
  /** The diagram's accessible label for instance `id`. */
  diagramLabel: (id: string) => string;
  columns: readonly string[];
  /** Diagram column whose cards are devices (clicking one selects it). */
  deviceColumn: number;
  optionalColumns?: readonly number[];
  kinds: readonly KindSpec[];
  /** The cards of `iommu`, whose device table rows are those of topology index `unit`. */
  cards: (input: HwInput, iommu: string, devices: ReadonlySet<string> | null, unit: number) => EntryCard[];
}

export interface HwTablesProps {
  /** Instances of this IOMMU type with their topology index. */
  iommus: readonly { id: string; unit: number }[];
  input: HwInput;
  /** Row keys ("smmu0:CD[0][0]") the step rewrote through a breaking update (entryText.breakingUpdates). */
  breaking?: readonly string[];
  onSelectProc?: (proc: string) => void;
  onSelectDevice?: (dev: string) => void;
}

export function HwTablesView(p: HwTablesProps & { spec: HwTablesSpec }) {
  const [mode, setMode] = useViewMode(p.spec.view);
  const [picked, setPicked] = useState<string | null>(null);
  // The cards are rebuilt only on frames that may change them (unitCards.ts); cards equal to last
  // frame's stay the same objects, so the memoised diagram skips the frame.
  const [unitCards] = useState(() => new UnitCards());
  const { input, iommus, spec } = p;
  const cur = iommus.find((m) => m.id === picked) ?? iommus[0];
  const unit = cur?.unit ?? -1;
  const unitId = iommus.find((m) => m.unit === unit)?.id ?? '';
  const { cards, filter } = useMemo(
    () => unitCards.get(input, unit, unitId, spec),
    [input, unit, unitId, spec, unitCards]
  );
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
  const prefix = `${cur.id}:`;
  const breaking = (p.breaking ?? [])
    .filter((k) => k.startsWith(prefix))
    .map((k) => k.slice(prefix.length))
    .join(', ');
  const shownDevs = filter.devices ? filter.devices.size : filter.total;
  return (
    <HwPanel
      spec={spec}
      mode={mode}
      onMode={setMode}
      summary={`${cur.id}: ${counted(filter.total, spec.devicesNoun)}, ${counted(to - from, spec.entriesNoun)}${
        mode === 'diagram' && shownDevs < filter.total ? ` · showing ${shownDevs}` : ''
      }`}
      unitIds={iommus.map((m) => m.id).join(UNIT_SEP)}
      breaking={breaking}
      current={cur}
      onPick={setPicked}
      cards={cards}
      tableInput={mode === 'table' ? input : null}
      onProcClick={p.onSelectProc}
      onCardClick={onCardClick}
    />
  );
}

const UNIT_SEP = '\n';

/** "1 master", "2 masters". */
function counted(n: number, [one, many]: readonly [string, string]): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}

interface HwPanelProps {
  spec: HwTablesSpec;
  mode: ViewMode;
  onMode: (mode: ViewMode) => void;
  summary: string;
  /** The instances' ids joined by UNIT_SEP: a string, so the same list compares equal. */
  unitIds: string;
  /** Entries of this instance the step rewrote through V=0, joined by ", " ('' for none). */
  breaking: string;
  current: { id: string; unit: number };
  onPick: (id: string) => void;
  cards: readonly EntryCard[];
  /** The frame's input in table mode (the tables follow every frame); null in diagram mode. */
  tableInput: HwInput | null;
  onProcClick: ((proc: string) => void) | undefined;
  onCardClick: (card: EntryCard) => void;
}

/**
 * The panel itself. Memoised on plain values: in diagram mode a frame that changes neither the
 * cards nor the summary renders nothing below HwTablesView.
 */
const HwPanel = memo(function HwPanel(p: HwPanelProps) {
  const { spec, current: cur } = p;
  const ids = p.unitIds.split(UNIT_SEP);
  return (
    <ViewPanel
      title={spec.title}
      testId={`view-${spec.testId}`}
      mode={p.mode}
      onMode={p.onMode}
      summary={p.summary}
      controls={
        ids.length > 1 ? (
          <label className="vz-inline">
            {spec.unitLabel}{' '}
            <select value={cur.id} onChange={(e) => p.onPick(e.target.value)}>
              {ids.map((id) => (
                <option key={id}>{id}</option>
              ))}
            </select>
          </label>
        ) : null
      }
    >
      {p.breaking !== '' ? <BreakingNote entries={p.breaking} /> : null}
      {p.tableInput === null ? (
        <EntryDiagram
          label={spec.diagramLabel(cur.id)}
          testId={`${spec.testId}-diagram`}
          columns={spec.columns}
          cards={p.cards}
          {...(spec.optionalColumns ? { optionalColumns: spec.optionalColumns } : {})}
          {...(p.onProcClick ? { onProcClick: p.onProcClick } : {})}
          onCardClick={p.onCardClick}
        />
      ) : (
        <EntryTables testId={spec.testId} iommu={cur.id} unit={cur.unit} kinds={spec.kinds} input={p.tableInput} />
      )}
    </ViewPanel>
  );
}, sameHwPanelProps);

/**
 * arm_smmu_write_entry could not make this update hitless: the hardware uses fields in more than one
 * 64-bit word of both the old and the new entry, so it writes V=0 first (peers.md: the KUnit test's
 * invariant, made visible).
 */
function BreakingNote({ entries }: { entries: string }) {
  return (
    <p className="vz-breaking" role="note" data-testid="breaking-update">
      <strong>Breaking update of {entries}:</strong> the fields the SMMU uses change in more than one 64-bit word, so
      the driver (<code>arm_smmu_write_entry</code>) cannot switch it in one store. It writes word 0 as zero (V=0), then
      words 1–7, then the new word 0, each followed by CFGI and CMD_SYNC: a DMA arriving in between is aborted with
      C_BAD_CD (C_BAD_STE for an STE), which the SMMU always records, instead of using a half-written entry.
    </p>
  );
}

/** Shallow equality, except `current`, which compares by value (the containers build it per frame). */
function sameHwPanelProps(a: HwPanelProps, b: HwPanelProps): boolean {
  for (const k of Object.keys(a) as (keyof HwPanelProps)[]) {
    if (k === 'current') continue;
    if (a[k] !== b[k]) return false;
  }
  return a.current.id === b.current.id && a.current.unit === b.current.unit;
}
