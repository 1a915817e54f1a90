/**
 * PASID spaces view: the global IDA's 2^20 IDs as a zoomable grid coloured by holder, the
 * selected device's usable range marked, one strip per group for the per-device spaces, and a
 * table of every allocated PASID as the accessible equivalent.
 */
import { useMemo } from 'react';
import { HOLDER } from '../../protocol/views.ts';
import { SPECIAL_COLORS } from '../../viz/index.ts';
import { ViewPanel } from '../shared/ViewPanel.tsx';
import { useViewMode } from '../shared/useViewMode.ts';
import { VirtualTable } from '../shared/VirtualTable.tsx';
import type { RowState } from '../shared/VirtualTable.tsx';
import { DeviceStrips } from './DeviceStrips.tsx';
import type { Strip } from './DeviceStrips.tsx';
import { holderColor, holderName, holderProc, holderShort } from './holders.ts';
import type { HolderNames } from './holders.ts';
import { PasidGrid } from './PasidGrid.tsx';

export interface PasidSpaceProps {
  holders: Uint32Array;
  holdersVersion: number;
  /** The published frame shown, and whether it reset everything (see PasidGrid). */
  frameVersion: number;
  reset: boolean;
  allocated: ReadonlySet<number>;
  /** PASIDs whose holder changed since the last frame shown (what to repaint). */
  changed: ReadonlySet<number>;
  /**
   * PASIDs whose holder the current step changed, shown as "this step" however the cursor got
   * there (a step back or a link too); null before the first step.
   */
  stepPasids: ReadonlySet<number> | null;
  names: HolderNames;
  strips: readonly Strip[];
  /** Identity of the topology the strips belong to (see DeviceStrips' epoch). */
  stripsEpoch?: unknown;
  /** Groups left out of the strips. */
  hiddenStrips: number;
  /** The selected device and its max_pasids (null when none is selected). */
  device: { id: string; maxPasids: number } | null;
  selectedProc: string | null;
  policy: string;
  onSelectProc: (proc: string) => void;
  onSelectGroup?: (groupId: string) => void;
}

const NONE: ReadonlySet<number> = new Set();

const LEGEND: [string, string][] = [
  [SPECIAL_COLORS.free, 'free'],
  [SPECIAL_COLORS.reserved, 'PASID 0 (RID)'],
  [SPECIAL_COLORS.kernel, 'kernel'],
  [SPECIAL_COLORS.orphan, 'no live holder'],
];

export function PasidSpace(p: PasidSpaceProps) {
  const [mode, setMode] = useViewMode('pasids');
  const procCount = p.names.procs.length;
  const list = useMemo(
    () => [...p.allocated].sort((a, b) => a - b),
    // holdersVersion: `allocated` is mutated in place
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [p.allocated, p.holdersVersion]
  );
  const selected = useMemo(() => {
    const out = new Set<number>();
    if (p.selectedProc === null) return out;
    for (const pasid of list) if (holderProc(p.holders[pasid] ?? 0, p.names) === p.selectedProc) out.add(pasid);
    return out;
  }, [list, p.selectedProc, p.holders, p.names]);
  const inRange = (pasid: number): string =>
    p.device === null
      ? ''
      : pasid >= 1 && pasid < p.device.maxPasids
        ? ` · usable by ${p.device.id}`
        : ` · beyond ${p.device.id}'s max ${p.device.maxPasids}`;
  const describe = (pasid: number): string =>
    `PASID ${pasid}: ${holderName(p.holders[pasid] ?? 0, pasid, p.names)}${inRange(pasid)}`;
  const procsInUse = useMemo(() => {
    const seen = new Map<string, string>();
    for (const pasid of list) {
      const code = p.holders[pasid] ?? 0;
      const proc = holderProc(code, p.names);
      if (proc !== null && seen.size < 12) seen.set(proc, holderColor(code));
    }
    return seen;
  }, [list, p.holders, p.names]);

  const marked = p.stepPasids ?? NONE;
  const changedList = [...marked].sort((a, b) => a - b);
  const stepText =
    p.stepPasids === null
      ? 'No step has run yet.'
      : changedList.length === 0
        ? 'This step changed no global PASID.'
        : `This step: ${changedList
            .slice(0, 6)
            .map((pasid) => {
              const code = p.holders[pasid] ?? HOLDER.free;
              return code === HOLDER.free
                ? `PASID ${pasid} freed`
                : `PASID ${pasid} → ${holderName(code, pasid, p.names)}`;
            })
            .join(', ')}${changedList.length > 6 ? ` and ${changedList.length - 6} more` : ''}`;
  const summary = `${list.length.toLocaleString('en')} of 1,048,576 allocated${
    p.device ? ` · ${p.device.id}: PASIDs 1–${p.device.maxPasids - 1}` : ''
  } · policy ${p.policy}`;

  return (
    <ViewPanel title="PASID spaces" testId="view-pasids" mode={mode} onMode={setMode} summary={summary}>
      {/* Not live: the step's own announcement (Playback/StepAnnouncer) is heard once per step. */}
      <p className="vz-step-caption" data-testid="pasid-step">
        {stepText}
      </p>
      {mode === 'diagram' ? (
        <>
          <ul className="vz-legend" aria-label="Grid legend">
            {LEGEND.map(([c, label]) => (
              <li key={label}>
                <span className="vz-swatch" style={{ background: c }} />
                {label}
              </li>
            ))}
            {[...procsInUse].map(([proc, c]) => (
              <li key={proc}>
                <button
                  type="button"
                  className="vz-legend-proc"
                  onClick={() => p.onSelectProc(proc)}
                  aria-pressed={p.selectedProc === proc}
                  aria-label={`Select process ${proc} in every view`}
                >
                  <span className="vz-swatch" style={{ background: c }} />
                  {proc}
                </button>
              </li>
            ))}
            <li>
              <span className="vz-swatch vz-swatch-ring" /> changed this step
            </li>
            {p.device ? (
              <li>
                <span className="vz-swatch vz-swatch-range" /> {p.device.id} range
              </li>
            ) : null}
            {/* The grid is not row-major: without this, a row reading 0 1 4 5 16… looks like gaps. */}
            <li className="vz-legend-note" data-testid="grid-order">
              Z-order from the top left: 0 1 over 2 3, and each 2×2 block nests the same way
            </li>
          </ul>
          <PasidGrid
            holders={p.holders}
            holdersVersion={p.holdersVersion}
            frameVersion={p.frameVersion}
            dirty={p.reset ? null : p.changed}
            allocated={p.allocated}
            changed={marked}
            selected={selected}
            colorOf={holderColor}
            procCount={procCount}
            rangeMax={p.device?.maxPasids ?? null}
            describe={describe}
            label={(pasid) => holderShort(p.holders[pasid] ?? 0, p.names)}
            onPick={(pasid) => {
              const proc = holderProc(p.holders[pasid] ?? 0, p.names);
              if (proc !== null) p.onSelectProc(proc);
            }}
          />
          <h4 className="vz-subhead">
            Per-device PASID spaces (each group&apos;s pasid_array)
            {p.hiddenStrips > 0 ? (
              <span className="vz-count"> · {p.hiddenStrips} more groups: select a device to see its strip</span>
            ) : null}
          </h4>
          <DeviceStrips
            strips={p.strips}
            epoch={p.stripsEpoch}
            onSelectProc={p.onSelectProc}
            {...(p.onSelectGroup ? { onSelectDevice: p.onSelectGroup } : {})}
          />
        </>
      ) : (
        <VirtualTable
          label="Allocated global PASIDs"
          testId="pasid-table"
          columns={[
            { id: 'pasid', label: 'PASID', width: '7em', align: 'right' },
            { id: 'holder', label: 'Holder' },
            { id: 'range', label: p.device ? `In ${p.device.id}'s range` : 'In range', width: '10em' },
            { id: 'changed', label: 'This step', width: '8em' },
          ]}
          rowCount={list.length}
          rowKey={(i) => String(list[i])}
          rowStates={(i): RowState[] => {
            const pasid = list[i] ?? -1;
            const out: RowState[] = [];
            if (marked.has(pasid)) out.push('changed');
            if (selected.has(pasid)) out.push('selected');
            return out;
          }}
          onRowClick={(i) => {
            const proc = holderProc(p.holders[list[i] ?? 0] ?? 0, p.names);
            if (proc !== null) p.onSelectProc(proc);
          }}
          cell={(i, col) => {
            const pasid = list[i] ?? 0;
            const code = p.holders[pasid] ?? HOLDER.free;
            if (col === 'pasid') return pasid;
            if (col === 'holder') return holderName(code, pasid, p.names);
            if (col === 'range') return p.device ? (pasid < p.device.maxPasids ? 'yes' : 'no (too large)') : '—';
            return marked.has(pasid) ? 'changed' : '';
          }}
        />
      )}
    </ViewPanel>
  );
}
