/**
 * Bindings view: processes (with each thread's ENQCMD MSR) → PASIDs → devices (with their
 * SVA attachments: domain, ASID/DID, bind count, domain users). Conflicting PASID values and
 * stale MSRs carry text badges; changed links are thick and dashed links mean "not visible to
 * ENQCMD" or "kernel domain". A table mode lists handles and processes.
 *
 * The container builds the model incrementally (BindingsFeed); the full table input is built
 * only while table mode shows. The whole graph is laid out, but only the cards and links in the
 * part of it on screen are drawn (visibleSpan.ts): the rest costs a step nothing.
 */
import { memo, useMemo, useRef, useState } from 'react';
import { layoutTripartite } from '../../viz/index.ts';
import type { TriNode } from '../../viz/index.ts';
import { byKeyAge, cardKeyer } from '../shared/cardKeys.ts';
import { EXTENT_STYLE, LAYER_STYLE } from '../shared/diagramLayers.ts';
import { useElementSize } from '../shared/useElementSize.ts';
import { ViewPanel } from '../shared/ViewPanel.tsx';
import { useViewMode } from '../shared/useViewMode.ts';
import { BindingNode, nodeHeight } from './BindingNode.tsx';
import { BindingTables } from './BindingTables.tsx';
import { edgeDraw, nodeKind } from './drawKeys.ts';
import './bindings.css';
import { useVisibleSpan, Bands } from './useVisibleSpan.tsx';
import { boxInSpan, linkInSpan } from './visibleSpan.ts';
import type { BEdge, BindingsInput, BindingsModel } from './bindingsModel.ts';

export interface BindingsProps {
  /** The diagram (processes, PASIDs, devices and their links). */
  model: BindingsModel;
  /** Number of SVA handles, drawn or not. */
  handleCount: number;
  /** Every handle and candidate process, for table mode (called only in table mode). */
  tableInput: () => BindingsInput;
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

const BindingEdge = memo(function BindingEdge(p: {
  kind: BEdge['kind'];
  changed: boolean;
  dashed: boolean;
  d: string;
}) {
  return (
    <g className={`vz-bedge vz-bedge-${p.kind}${p.changed ? ' vz-link-hot' : ''}`}>
      <path d={p.d} className="vz-link" strokeDasharray={p.dashed ? '6 4' : undefined} />
    </g>
  );
});

export function Bindings(p: BindingsProps) {
  const [mode, setMode] = useViewMode('bindings');
  const { model } = p;
  const wrap = useRef<HTMLDivElement>(null);
  const { width } = useElementSize(wrap);
  const narrow = width > 0 && width < FULL.x[2] + FULL.w[2] + 8;
  const cols = useMemo(() => columns(narrow ? width : 0), [narrow, width]);
  const layout = useMemo(() => {
    const tri: TriNode[] = model.nodes.map((n) => ({ id: n.id, column: n.column, height: nodeHeight(n) }));
    return layoutTripartite(tri, model.edges, { x: cols.x, width: cols.w, rowHeight: [60, 40, 60], gap: 14, top: 34 });
  }, [model, cols]);
  const { span, band } = useVisibleSpan();
  // The cards in the part of the graph on screen; memoised so that the keyer sees one array per
  // model and span (it keys by the array it last saw).
  const inView = useMemo(
    () =>
      model.nodes.filter((n) => {
        const b = layout.boxes.get(n.id);
        return b !== undefined && boxInSpan(b, span);
      }),
    [model, layout, span]
  );
  // A card arriving in place of one that left (a step's process, its PASID and device swapped
  // into the graph, or a card scrolled in as another scrolls out) reuses that card's elements,
  // and so do the edges between such cards.
  const [keyer] = useState(() => cardKeyer(nodeKind));
  const { keys, recycled } = keyer(inView);
  // Drawn in key order, so that no card element moves in the DOM (cardKeys.ts). Not memoised:
  // both change with the model, which is what re-renders this view.
  const drawn = [...inView].sort(byKeyAge(keys));
  const draw = edgeDraw(model.edges, layout.edges, (id) => keys.get(id) ?? id);
  const linkShown = (e: BEdge): boolean => {
    const a = layout.boxes.get(e.from);
    const b = layout.boxes.get(e.to);
    return a !== undefined && b !== undefined && linkInSpan(a, b, span);
  };
  const summary = `${p.handleCount} SVA handles · ${model.nodes.filter((n) => n.kind === 'pasid').length} PASIDs${
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
      summary={<span className="vz-bsummary">{summary}</span>}
    >
      {mode === 'diagram' ? (
        <div
          ref={wrap}
          className="vz-diagram vz-bdiagram"
          data-testid="bindings-diagram"
          tabIndex={0}
          role="region"
          aria-label="Bindings graph (scrollable)"
        >
          <div
            role="group"
            aria-label="Bindings graph"
            style={{ ...EXTENT_STYLE, width: cols.x[2] + cols.w[2] + 4, height: layout.height + 8 }}
          >
            <svg width={1} height={1} role="none" style={LAYER_STYLE}>
              {['Processes', 'PASIDs', 'Devices'].map((t, i) => (
                <text key={t} x={cols.x[i]} y={18} className="vz-colhead">
                  {t}
                </text>
              ))}
              {model.edges.map((e, i) =>
                linkShown(e) ? (
                  <BindingEdge key={draw[i]!.key} kind={e.kind} changed={e.changed} dashed={e.dashed} d={draw[i]!.d} />
                ) : null
              )}
            </svg>
            <Bands height={layout.height + 8} band={band} />
            {drawn.map((n) => {
              const b = layout.boxes.get(n.id);
              return b ? (
                <BindingNode
                  key={keys.get(n.id) ?? n.id}
                  n={n}
                  jump={recycled.has(n.id)}
                  x={b.x}
                  y={b.y}
                  w={b.w}
                  h={b.h}
                  onSelectProc={p.onSelectProc}
                  onSelectDevice={p.onSelectDevice}
                />
              ) : null;
            })}
          </div>
        </div>
      ) : (
        <BindingTables input={p.tableInput()} onSelectProc={p.onSelectProc} />
      )}
    </ViewPanel>
  );
}
