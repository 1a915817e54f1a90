/**
 * Bindings view: processes (with each thread's ENQCMD MSR) → PASIDs → devices (with their
 * SVA attachments: domain, ASID/DID, bind count, domain users). Conflicting PASID values and
 * stale MSRs carry text badges; changed links are thick and dashed links mean "not visible to
 * ENQCMD" or "kernel domain". A table mode lists handles and processes.
 */
import { useMemo, useRef, useState } from 'react';
import { layoutTripartite } from '../../viz/index.ts';
import type { TriNode } from '../../viz/index.ts';
import { useElementSize } from '../shared/useElementSize.ts';
import { ViewPanel } from '../shared/ViewPanel.tsx';
import type { ViewMode } from '../shared/ViewPanel.tsx';
import { VirtualTable } from '../shared/VirtualTable.tsx';
import { buildBindings } from './bindingsModel.ts';
import type { BindingsInput, BNode } from './bindingsModel.ts';

export interface BindingsProps {
  input: BindingsInput;
  onSelectProc: (proc: string) => void;
  onSelectDevice: (dev: string) => void;
}

type Cols = { x: [number, number, number]; w: [number, number, number] };
const FULL: Cols = { x: [0, 300, 500], w: [220, 130, 400] };

/** Column geometry for a container `width` wide: full size, or squeezed into a narrow column. */
function columns(width: number): Cols {
  if (width <= 0 || width >= FULL.x[2] + FULL.w[2] + 8) return FULL;
  return { x: [0, 206, 342], w: [170, 100, Math.max(220, width - 350)] };
}
const LINE = 20;

function nodeHeight(n: BNode): number {
  const chipRows = Math.ceil(n.chips.length / 4);
  const lines = n.kind === 'device' ? Math.min(n.lines.length, 8) : n.lines.length;
  return 30 + lines * LINE + chipRows * 24 + n.badges.length * LINE + 6;
}

export function Bindings(p: BindingsProps) {
  const [mode, setMode] = useState<ViewMode>('diagram');
  const model = useMemo(() => buildBindings(p.input), [p.input]);
  const wrap = useRef<HTMLDivElement>(null);
  const { width } = useElementSize(wrap);
  const narrow = width > 0 && width < FULL.x[2] + FULL.w[2] + 8;
  const cols = useMemo(() => columns(narrow ? width : 0), [narrow, width]);
  const layout = useMemo(() => {
    const tri: TriNode[] = model.nodes.map((n) => ({ id: n.id, column: n.column, height: nodeHeight(n) }));
    return layoutTripartite(tri, model.edges, { x: cols.x, width: cols.w, rowHeight: [60, 40, 60], gap: 14, top: 34 });
  }, [model, cols]);
  const summary = `${p.input.handles.length} SVA handles · ${model.nodes.filter((n) => n.kind === 'pasid').length} PASIDs${
    model.conflicts.length > 0 ? ` · ⚠ conflicting PASIDs: ${model.conflicts.join(', ')}` : ''
  }${model.hiddenProcs > 0 ? ` · ${model.hiddenProcs} more processes in table mode` : ''}${
    model.hiddenDevices > 0 ? ` · ${model.hiddenDevices} more devices` : ''
  }`;
  return (
    <ViewPanel
      title="Bindings: processes ↔ PASIDs ↔ devices"
      testId="view-bindings"
      mode={mode}
      onMode={setMode}
      summary={summary}
    >
      {mode === 'diagram' ? (
        <div
          ref={wrap}
          className="vz-diagram"
          data-testid="bindings-diagram"
          tabIndex={0}
          role="region"
          aria-label="Bindings graph (scrollable)"
        >
          <svg width={cols.x[2] + cols.w[2] + 4} height={layout.height + 8} role="group" aria-label="Bindings graph">
            {['Processes', 'PASIDs', 'Devices'].map((t, i) => (
              <text key={t} x={cols.x[i]} y={18} className="vz-colhead">
                {t}
              </text>
            ))}
            {model.edges.map((e, i) => {
              const d = layout.edges.find((l) => l.from === e.from && l.to === e.to)?.d ?? '';
              return (
                <g
                  key={`${e.from}>${e.to}:${i}`}
                  className={`vz-bedge vz-bedge-${e.kind}${e.changed ? ' vz-link-hot' : ''}`}
                >
                  <path d={d} className="vz-link" strokeDasharray={e.dashed ? '6 4' : undefined} />
                </g>
              );
            })}
            {model.nodes.map((n) => {
              const b = layout.boxes.get(n.id);
              return b ? (
                <BindingNode
                  key={n.id}
                  n={n}
                  x={b.x}
                  y={b.y}
                  w={b.w}
                  h={b.h}
                  onClick={() => {
                    if (n.proc) p.onSelectProc(n.proc);
                    if (n.device) p.onSelectDevice(n.device);
                  }}
                />
              ) : null;
            })}
          </svg>
        </div>
      ) : (
        <BindingTables input={p.input} onSelectProc={p.onSelectProc} />
      )}
    </ViewPanel>
  );
}

function BindingNode({
  n,
  x,
  y,
  w,
  h,
  onClick,
}: {
  n: BNode;
  x: number;
  y: number;
  w: number;
  h: number;
  onClick: () => void;
}) {
  const cls = [
    'vz-bnode',
    `vz-bnode-${n.kind}`,
    n.selected ? 'vz-card-focus' : '',
    n.changed ? 'vz-card-changed' : '',
  ].join(' ');
  const lines =
    n.kind === 'device' && n.lines.length > 8 ? [...n.lines.slice(0, 7), `+${n.lines.length - 7} more`] : n.lines;
  const chipTop = 30 + lines.length * LINE;
  return (
    <g
      className={cls}
      style={{ transform: `translate(${x}px, ${y}px)` }}
      onClick={onClick}
      data-testid={`bnode-${n.kind}`}
      data-id={n.id}
    >
      <rect width={w} height={h} rx={6} className="vz-card-bg" />
      <text x={10} y={21} className="vz-card-title">
        {n.changed ? '● ' : ''}
        {n.title}
      </text>
      {lines.map((l, i) => {
        const room = Math.max(8, Math.floor((w - 20) / 8.1));
        return (
          <text key={i} x={10} y={45 + i * LINE} className="vz-bnode-line">
            {l.length > room ? <title>{l}</title> : null}
            {l.length > room ? `${l.slice(0, room - 1)}…` : l}
          </text>
        );
      })}
      {n.chips.map((c, i) => (
        <g
          key={i}
          transform={`translate(${10 + (i % 4) * 50}, ${chipTop + 4 + Math.floor(i / 4) * 24})`}
          className={c.stale ? 'vz-chip vz-chip-stale' : c.valid ? 'vz-chip vz-chip-valid' : 'vz-chip'}
        >
          <rect width={46} height={19} rx={4} />
          <text x={23} y={14} textAnchor="middle">
            {c.text}
          </text>
        </g>
      ))}
      {n.badges.map((b, i) => (
        <text key={b} x={10} y={h - 8 - (n.badges.length - 1 - i) * LINE} className="vz-badge">
          {b}
        </text>
      ))}
    </g>
  );
}

function BindingTables({ input, onSelectProc }: { input: BindingsInput; onSelectProc: (proc: string) => void }) {
  const hs = input.handles;
  const ps = input.procs;
  return (
    <div className="vz-two-tables">
      <VirtualTable
        label="SVA handles"
        testId="bindings-table"
        columns={[
          { id: 'dev', label: 'Device' },
          { id: 'pasid', label: 'PASID', align: 'right' },
          { id: 'proc', label: 'Process' },
          { id: 'domain', label: 'SVA domain' },
          { id: 'tag', label: 'ASID / DID' },
          { id: 'users', label: 'Binds', align: 'right' },
          { id: 'domainUsers', label: 'Domain users', align: 'right' },
        ]}
        rowCount={hs.length}
        rowKey={(i) => `${hs[i]?.dev}|${hs[i]?.pasid}`}
        rowStates={(i) => (input.changed.has(`${hs[i]?.dev}|${hs[i]?.pasid}`) ? ['changed'] : [])}
        onRowClick={(i) => {
          const h = hs[i];
          if (h) onSelectProc(h.proc);
        }}
        cell={(i, col) => {
          const h = hs[i];
          if (!h) return null;
          if (col === 'tag')
            return input.iommuType.get(input.devices.find((d) => d.id === h.dev)?.iommu ?? '') === 'vtd'
              ? `DID ${h.tag}`
              : `ASID ${h.tag}`;
          return String(h[col as keyof typeof h]);
        }}
      />
      <VirtualTable
        label="Processes with a PASID, a bind or a loaded MSR"
        testId="procs-msr-table"
        columns={[
          { id: 'id', label: 'Process' },
          { id: 'mm', label: 'mm PASID', align: 'right' },
          { id: 'enq', label: 'ENQCMD PASID', align: 'right' },
          { id: 'msr', label: 'Thread MSRs' },
          { id: 'state', label: 'State' },
        ]}
        rowCount={ps.length}
        rowKey={(i) => ps[i]?.id ?? String(i)}
        rowStates={(i) => (ps[i]?.id === input.selectedProc ? ['selected'] : [])}
        onRowClick={(i) => {
          const pr = ps[i];
          if (pr) onSelectProc(pr.id);
        }}
        cell={(i, col) => {
          const pr = ps[i];
          if (!pr) return null;
          if (col === 'id') return pr.id;
          if (col === 'mm') return pr.mmPasid ?? '—';
          if (col === 'enq') return pr.pasid ?? 'invalid';
          if (col === 'msr') return pr.msr.map((m, t) => `T${t}:${m ?? '–'}`).join(' ');
          return pr.alive ? 'running' : pr.mmLive ? 'exited, mm pinned' : 'exited';
        }}
      />
    </div>
  );
}
