/**
 * Statechart layout from a plain description of a machine (the view walks the xstate machine
 * into a ChartSpec; this file never imports xstate). Compound states lay their children out in
 * layers left to right, by distance from the initial child; parallel regions stack vertically.
 * Transitions between siblings become curved edges with a label at their midpoint; transitions
 * from a compound state to one of its descendants ("from any state") are listed per region.
 */

export type ChartStateType = 'atomic' | 'compound' | 'parallel' | 'final' | 'history';

export interface ChartState {
  /** Full id, e.g. "device.rid.default". */
  id: string;
  /** Short name, e.g. "default". */
  key: string;
  parent: string | null;
  type: ChartStateType;
  /** Initial child id (compound states). */
  initial: string | null;
}

export interface ChartTransition {
  source: string;
  target: string;
  /** Event type as xstate reports it ("" for eventless). */
  event: string;
  guard: string | null;
}

export interface ChartSpec {
  states: ChartState[];
  transitions: ChartTransition[];
}

export interface ChartNode {
  id: string;
  key: string;
  type: ChartStateType;
  depth: number;
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface ChartEdge {
  /** "source→target". */
  id: string;
  source: string;
  target: string;
  /** Merged event labels of every transition between the two states. */
  label: string;
  d: string;
  lx: number;
  ly: number;
}

export interface ChartLayout {
  nodes: ChartNode[];
  edges: ChartEdge[];
  /** Transitions from a compound state to its descendants: region id → "event → target" lines. */
  wide: { region: string; target: string; label: string }[];
  width: number;
  height: number;
}

export const CHART = {
  font: 14,
  charWidth: 8.2,
  stateH: 34,
  pad: 14,
  header: 26,
  layerGap: 100,
  rowGap: 30,
  labelChar: 7,
};

/** Short label of an xstate event type. */
export function eventLabel(event: string): string {
  if (event === '') return 'always';
  if (event.startsWith('xstate.done.actor')) return 'done';
  if (event.startsWith('xstate.error.actor')) return 'error';
  if (event.startsWith('xstate.after')) return 'after';
  return event;
}

interface Box {
  w: number;
  h: number;
  /** Child positions relative to this box. */
  place: Map<string, { x: number; y: number }>;
}

export function layoutChart(spec: ChartSpec): ChartLayout {
  const byId = new Map(spec.states.map((s) => [s.id, s]));
  const children = new Map<string, ChartState[]>();
  for (const s of spec.states) {
    if (s.parent === null) continue;
    const list = children.get(s.parent) ?? [];
    list.push(s);
    children.set(s.parent, list);
  }
  const childOf = (ancestor: string, id: string): string | null => {
    let cur = byId.get(id);
    while (cur && cur.parent !== ancestor) cur = cur.parent === null ? undefined : byId.get(cur.parent);
    return cur ? cur.id : null;
  };
  const boxes = new Map<string, Box>();
  const layerOf = new Map<string, number>();

  const size = (s: ChartState): Box => {
    const kids = children.get(s.id) ?? [];
    const labelW = s.key.length * CHART.charWidth + 28;
    if (kids.length === 0) {
      const b = { w: Math.max(96, labelW), h: CHART.stateH, place: new Map() };
      boxes.set(s.id, b);
      return b;
    }
    const kidBoxes = kids.map((k) => size(k));
    const place = new Map<string, { x: number; y: number }>();
    let w: number;
    let h: number;
    if (s.type === 'parallel') {
      let y = CHART.header;
      w = labelW;
      kids.forEach((k, i) => {
        place.set(k.id, { x: CHART.pad, y });
        y += kidBoxes[i]!.h + CHART.rowGap;
        w = Math.max(w, kidBoxes[i]!.w + 2 * CHART.pad);
      });
      h = y - CHART.rowGap + CHART.pad;
    } else {
      const layers = layerStates(s, kids, spec.transitions, childOf);
      let x = CHART.pad;
      h = 0;
      layers.forEach((layer, li) => {
        let y = CHART.header;
        let lw = 0;
        for (const k of layer) {
          const b = boxes.get(k.id)!;
          place.set(k.id, { x, y });
          layerOf.set(k.id, li);
          y += b.h + CHART.rowGap;
          lw = Math.max(lw, b.w);
        }
        h = Math.max(h, y - CHART.rowGap);
        x += lw + CHART.layerGap;
      });
      w = Math.max(labelW, x - CHART.layerGap + CHART.pad);
      // Room for the back edges that bow below the states.
      let back = 0;
      for (const t of spec.transitions) {
        const a = childOf(s.id, t.source);
        const b = childOf(s.id, t.target);
        if (
          a !== null &&
          b !== null &&
          a === t.source &&
          b === t.target &&
          (layerOf.get(b) ?? 0) < (layerOf.get(a) ?? 0)
        )
          back++;
      }
      h += CHART.pad + (back > 0 ? 30 + back * 16 : 0);
    }
    const b = { w, h, place };
    boxes.set(s.id, b);
    return b;
  };

  const roots = spec.states.filter((s) => s.parent === null);
  const nodes: ChartNode[] = [];
  const abs = new Map<string, ChartNode>();
  let top = 0;
  let width = 0;
  const emit = (s: ChartState, x: number, y: number, depth: number): void => {
    const b = boxes.get(s.id)!;
    const n: ChartNode = { id: s.id, key: s.key, type: s.type, depth, x, y, w: b.w, h: b.h };
    nodes.push(n);
    abs.set(s.id, n);
    for (const k of children.get(s.id) ?? []) {
      const p = b.place.get(k.id)!;
      emit(k, x + p.x, y + p.y, depth + 1);
    }
  };
  for (const r of roots) {
    const b = size(r);
    emit(r, 0, top, 0);
    top += b.h + CHART.rowGap;
    width = Math.max(width, b.w);
  }

  const merged = new Map<string, { source: string; target: string; labels: string[] }>();
  const wide: ChartLayout['wide'] = [];
  for (const t of spec.transitions) {
    const src = byId.get(t.source);
    const dst = byId.get(t.target);
    if (!src || !dst || t.source === t.target) continue;
    const label = eventLabel(t.event);
    if (childOf(t.source, t.target) !== null) {
      if (!wide.some((w) => w.region === t.source && w.target === t.target && w.label === label)) {
        wide.push({ region: t.source, target: t.target, label });
      }
      continue;
    }
    const id = `${t.source}→${t.target}`;
    const m = merged.get(id) ?? { source: t.source, target: t.target, labels: [] };
    if (!m.labels.includes(label)) m.labels.push(label);
    merged.set(id, m);
  }
  const edges: ChartEdge[] = [];
  const bows = new Map<string, number>();
  const placed: { x: number; y: number; w: number }[] = [];
  for (const [id, m] of merged) {
    const a = abs.get(m.source);
    const b = abs.get(m.target);
    if (!a || !b) continue;
    const kind = b.x >= a.x + a.w - 1 ? 'fwd' : a.x >= b.x + b.w - 1 ? 'back' : 'same';
    const parent = byId.get(m.source)?.parent ?? '';
    const bowKey = `${parent}|${kind}`;
    const nth = bows.get(bowKey) ?? 0;
    bows.set(bowKey, nth + 1);
    const label = m.labels.join(' / ');
    const r = route(a, b, kind, nth);
    const w = label.length * CHART.labelChar;
    const lx = kind === 'same' ? r.lx - w / 2 : r.lx;
    let ly = r.ly;
    for (
      let tries = 0;
      tries < 8 && placed.some((p) => Math.abs(p.y - ly) < 13 && Math.abs(p.x - lx) < (p.w + w) / 2 + 4);
      tries++
    ) {
      ly += kind === 'back' ? 13 : tries % 2 === 0 ? -(tries + 1) * 13 : (tries + 1) * 13;
    }
    placed.push({ x: lx, y: ly, w });
    edges.push({ id, source: m.source, target: m.target, label, d: r.d, lx, ly });
  }
  return { nodes, edges, wide, width, height: Math.max(0, top - CHART.rowGap) };
}

function layerStates(
  s: ChartState,
  kids: ChartState[],
  transitions: readonly ChartTransition[],
  childOf: (ancestor: string, id: string) => string | null
): ChartState[][] {
  const next = new Map<string, string[]>();
  for (const t of transitions) {
    const a = childOf(s.id, t.source);
    const b = childOf(s.id, t.target);
    if (a === null || b === null || a === b) continue;
    next.set(a, [...(next.get(a) ?? []), b]);
  }
  const depth = new Map<string, number>();
  const start = s.initial ?? kids[0]!.id;
  depth.set(start, 0);
  const queue = [start];
  while (queue.length > 0) {
    const cur = queue.shift()!;
    for (const n of next.get(cur) ?? []) {
      if (depth.has(n)) continue;
      depth.set(n, depth.get(cur)! + 1);
      queue.push(n);
    }
  }
  let max = 0;
  for (const d of depth.values()) max = Math.max(max, d);
  const layers: ChartState[][] = [];
  for (const k of kids) {
    const d = depth.get(k.id) ?? max + 1;
    (layers[d] ??= []).push(k);
  }
  const dense = layers.filter((l) => l !== undefined);
  // Order each layer by the mean row of its predecessors in earlier layers (fewer crossings).
  const row = new Map<string, number>();
  dense[0]?.forEach((k, i) => row.set(k.id, i));
  for (let li = 1; li < dense.length; li++) {
    const keyed = dense[li]!.map((k, i) => {
      const preds = [...next].filter(([a, bs]) => bs.includes(k.id) && row.has(a)).map(([a]) => row.get(a)!);
      return { k, i, key: preds.length > 0 ? preds.reduce((x, y) => x + y, 0) / preds.length : Infinity };
    });
    keyed.sort((x, y) => x.key - y.key || x.i - y.i);
    const ordered = keyed.map((e) => e.k);
    dense[li] = ordered;
    ordered.forEach((k, i) => row.set(k.id, i));
  }
  return dense;
}

type Rect = { x: number; y: number; w: number; h: number };

function route(a: Rect, b: Rect, kind: 'fwd' | 'back' | 'same', nth: number): { d: string; lx: number; ly: number } {
  const f = (v: number): string => String(Math.round(v * 10) / 10);
  if (kind === 'fwd') {
    // Right side of a → left side of b; the label sits a third of the way, clear of the arrowhead.
    const [x0, y0, x1, y1] = [a.x + a.w, a.y + a.h / 2, b.x, b.y + b.h / 2];
    const mx = (x0 + x1) / 2;
    return {
      d: `M${f(x0)},${f(y0)}C${f(mx)},${f(y0)} ${f(mx)},${f(y1)} ${f(x1)},${f(y1)}`,
      lx: mx,
      ly: (y0 + y1) / 2 - 4,
    };
  }
  if (kind === 'back') {
    // Bottom of a → bottom of b, bowing below both; each further back edge bows deeper.
    const spread = ((nth % 4) - 1.5) * 10;
    const [x0, y0, x1, y1] = [a.x + a.w / 2 + 12 + spread, a.y + a.h, b.x + b.w / 2 - 12 + spread, b.y + b.h];
    const low = Math.max(y0, y1) + 22 + nth * 16;
    return {
      d: `M${f(x0)},${f(y0)}C${f(x0)},${f(low)} ${f(x1)},${f(low)} ${f(x1)},${f(y1)}`,
      lx: (x0 + x1) / 2,
      ly: low - 6 + nth * 2,
    };
  }
  // Same layer: left side of a → left side of b, bowing to the left (the quieter side of a layer).
  const [x0, y0, x1, y1] = [a.x, a.y + a.h / 2 + 6, b.x, b.y + b.h / 2 - 6];
  const out = Math.min(x0, x1) - 26 - nth * 14;
  return {
    d: `M${f(x0)},${f(y0)}C${f(out)},${f(y0)} ${f(out)},${f(y1)} ${f(x1)},${f(y1)}`,
    lx: out - 4,
    ly: (y0 + y1) / 2,
  };
}
