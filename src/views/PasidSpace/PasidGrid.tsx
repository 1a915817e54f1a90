/**
 * The global PASID space as a zoomable canvas: 2^20 cells in Z-order, painted into an offscreen
 * 1024 × 1024 image through a colour lookup (viz/paintHolders) only when holders, colours or
 * the selected range change, then drawn under the d3-zoom transform with the cell labels
 * (viz/gridCells: after a step only the changed cells are redrawn). A second canvas carries
 * the overlay (range outline, markers, change rings, hover). React owns both canvases
 * and never re-renders for pointer moves (the tooltip is updated in place).
 */
import { useCallback, useEffect, useLayoutEffect, useRef } from 'react';
import type { KeyboardEvent, PointerEvent } from 'react';
import {
  blockSize,
  cellAt,
  createPanZoom,
  fitBlock,
  GRID_SIDE,
  canPatch,
  inkOn,
  paintCells,
  paintHolders,
  patchCells,
  patchHolders,
  paintOverlay,
} from '../../viz/index.ts';
import type { GridTransform, PanZoom } from '../../viz/index.ts';
import { useElementSize } from '../shared/useElementSize.ts';
import { holderLut } from './holders.ts';
import { useReducedMotion } from '../shared/useReducedMotion.ts';

export interface PasidGridProps {
  holders: Uint32Array;
  /** Changes whenever `holders` changed (the array is mutated in place). */
  holdersVersion: number;
  /** The published frame this rendering shows (consecutive frames allow a partial repaint). */
  frameVersion: number;
  /** Cells whose holder changed since the previous frame, or null when everything may have. */
  dirty: ReadonlySet<number> | null;
  allocated: ReadonlySet<number>;
  changed: ReadonlySet<number>;
  selected: ReadonlySet<number>;
  /** CSS colour of a holder code. */
  colorOf: (code: number) => string;
  /** Number of processes (holder codes run to HOLDER.procBase + procCount). */
  procCount: number;
  /** Selected device's max_pasids: PASIDs [1, max) stay bright, the rest are dimmed. */
  rangeMax: number | null;
  describe: (pasid: number) => string;
  label: (pasid: number) => string | null;
  onPick: (pasid: number) => void;
}

const MIN_FIT = 64;
const MAX_K = 140;

/** The block worth showing first: the selected range or the allocated PASIDs, at least 8 × 8. */
function fitTarget(allocated: ReadonlySet<number>, rangeMax: number | null): { w: number; h: number } {
  let top = MIN_FIT;
  for (const p of allocated) top = Math.max(top, p + 1);
  if (rangeMax !== null) top = Math.max(MIN_FIT, Math.min(top, rangeMax));
  return blockSize(2 ** Math.ceil(Math.log2(top)));
}

function measure(name: string, start: number): void {
  if (typeof performance.measure === 'function') performance.measure(name, { start, end: performance.now() });
}

/** Same members (the sets are small: one step's PASIDs, one process's). */
function sameMembers(a: ReadonlySet<number>, b: ReadonlySet<number>): boolean {
  if (a === b) return true;
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

export function PasidGrid(p: PasidGridProps) {
  const wrap = useRef<HTMLDivElement>(null);
  const base = useRef<HTMLCanvasElement>(null);
  const over = useRef<HTMLCanvasElement>(null);
  const image = useRef<{ canvas: HTMLCanvasElement; data: ImageData; pixels: Uint32Array } | null>(null);
  const t = useRef<GridTransform>({ k: 1, x: 0, y: 0 });
  const pz = useRef<PanZoom | null>(null);
  const userMoved = useRef(false);
  const hover = useRef(-1);
  const raf = useRef(0);
  const micro = useRef(false);
  const props = useRef(p);
  useLayoutEffect(() => {
    props.current = p;
  });
  const { width, height } = useElementSize(wrap);
  const reduced = useReducedMotion();
  const tip = useRef<HTMLDivElement>(null);
  // The tooltip follows the pointer through the DOM directly: no React render per pointer move.
  const showTip = (x: number, y: number, text: string | null): void => {
    const el = tip.current;
    if (!el) return;
    el.hidden = text === null;
    if (text === null) return;
    el.style.left = `${x + 14}px`;
    el.style.top = `${y + 14}px`;
    if (el.textContent !== text) el.textContent = text;
  };

  // What the next paint redraws: the cells layer (all of it, some cells, or none), and the overlay.
  const pending = useRef<{ base: 'all' | Set<number> | null; overlay: boolean }>({ base: null, overlay: false });
  // The transform the cells layer was last painted whole at (a patch must match it).
  const basePainted = useRef<GridTransform | null>(null);
  const draw = useCallback((layer: 'all' | 'overlay' | ReadonlySet<number> = 'all', now = false) => {
    const cur = pending.current;
    if (layer === 'all') cur.base = 'all';
    else if (layer !== 'overlay' && cur.base !== 'all') {
      cur.base ??= new Set();
      for (const c of layer) cur.base.add(c);
    }
    cur.overlay = true;
    cancelAnimationFrame(raf.current);
    const paint = (): void => {
      const start = performance.now();
      const dpr = window.devicePixelRatio || 1;
      // Opaque (paintCells fills every pixel): the compositor then skips what lies under it.
      const b = base.current?.getContext('2d', { alpha: false });
      const img = image.current;
      const todo = pending.current.base;
      pending.current = { base: null, overlay: false };
      const q = props.current;
      const inks = new Map<string, string>();
      const labels = {
        t: t.current,
        width: (over.current?.width ?? 0) / dpr,
        height: (over.current?.height ?? 0) / dpr,
        label: q.label,
        ink: (pasid: number): string => {
          const fill = q.colorOf(q.holders[pasid] ?? 0);
          let ink = inks.get(fill);
          if (ink === undefined) {
            ink = inkOn(fill);
            inks.set(fill, ink);
          }
          return ink;
        },
      };
      if (todo !== null && b && img && base.current) {
        const job = { dpr, widthPx: base.current.width, heightPx: base.current.height, image: img.canvas, labels };
        if (todo !== 'all' && canPatch(basePainted.current, t.current, todo)) patchCells(b, job, todo);
        else {
          paintCells(b, job);
          basePainted.current = t.current;
        }
      }
      const o = over.current?.getContext('2d');
      if (o && over.current) {
        o.setTransform(dpr, 0, 0, dpr, 0, 0);
        paintOverlay(o, {
          ...labels,
          allocated: q.allocated,
          changed: q.changed,
          selected: q.selected,
          hover: hover.current,
          rangeMax: q.rangeMax,
        });
      }
      measure('vz:grid-draw', start);
    };
    // Data changes arrive at most once per frame, inside the client's animation-frame flush: paint
    // them in that frame (a microtask runs before its style, layout and paint), not in a second
    // frame per step. Both data effects of one commit share the microtask. Gestures and pointer
    // moves come many times a frame and are coalesced to the next one.
    if (now) {
      if (!micro.current) {
        micro.current = true;
        queueMicrotask(() => {
          micro.current = false;
          if (pending.current.overlay) paint();
        });
      }
    } else raf.current = requestAnimationFrame(paint);
  }, []);

  // Pan/zoom on the overlay canvas (it is on top and receives the gestures).
  useEffect(() => {
    const el = over.current;
    if (!el) return;
    pz.current = createPanZoom({
      element: el,
      content: { width: GRID_SIDE, height: GRID_SIDE },
      scaleExtent: [0.2, MAX_K],
      onTransform(next, user) {
        t.current = next;
        if (user) userMoved.current = true;
        draw();
      },
    });
    return () => {
      pz.current?.destroy();
      pz.current = null;
      cancelAnimationFrame(raf.current);
    };
  }, [draw]);

  // Canvas sizes follow the wrapper (device pixels).
  useEffect(() => {
    const dpr = window.devicePixelRatio || 1;
    for (const c of [base.current, over.current]) {
      if (!c) continue;
      c.width = Math.max(1, Math.round(width * dpr));
      c.height = Math.max(1, Math.round(height * dpr));
    }
    draw();
  }, [width, height, draw]);

  // Repaint the 2^20-cell image when holders, colours or the range change; after one ordinary
  // step (the frame right after the last one painted) only the cells that changed.
  const painted = useRef<{ frame: number; procCount: number; rangeMax: number | null } | null>(null);
  useEffect(() => {
    if (!image.current) {
      const canvas = document.createElement('canvas');
      canvas.width = GRID_SIDE;
      canvas.height = GRID_SIDE;
      const data = new ImageData(GRID_SIDE, GRID_SIDE);
      image.current = { canvas, data, pixels: new Uint32Array(data.data.buffer) };
    }
    const start = performance.now();
    const img = image.current;
    const lut = holderLut(p.procCount, 0, '#ffffff');
    const dim = holderLut(p.procCount, 0.72, '#f8fafc');
    const range = p.rangeMax === null ? null : { lo: 1, hi: p.rangeMax };
    const last = painted.current;
    painted.current = { frame: p.frameVersion, procCount: p.procCount, rangeMax: p.rangeMax };
    const ctx = img.canvas.getContext('2d');
    if (
      last !== null &&
      p.dirty !== null &&
      p.dirty.size <= 4096 &&
      last.frame + 1 === p.frameVersion &&
      last.procCount === p.procCount &&
      last.rangeMax === p.rangeMax
    ) {
      const box = patchHolders(img.pixels, p.holders, lut, dim, range, p.dirty);
      if (box === null) return;
      ctx?.putImageData(img.data, 0, 0, box.x, box.y, box.w, box.h);
      measure('vz:grid-patch', start);
      draw(p.dirty, true);
    } else {
      paintHolders(img.pixels, p.holders, lut, dim, range);
      ctx?.putImageData(img.data, 0, 0);
      measure('vz:grid-paint', start);
      draw('all', true);
    }
  }, [p.holders, p.holdersVersion, p.frameVersion, p.dirty, p.procCount, p.rangeMax, draw]);

  // Overlay-only changes. `changed` and `selected` are new sets every frame: a frame whose sets
  // hold what the overlay already shows (a DMA, a failed step, a bind that reuses the mm's PASID)
  // leaves both canvases alone, and the compositor then has nothing of the grid to redraw.
  const shown = useRef<Pick<PasidGridProps, 'changed' | 'selected' | 'allocated'> | null>(null);
  useEffect(() => {
    const last = shown.current;
    shown.current = { changed: p.changed, selected: p.selected, allocated: p.allocated };
    if (
      last !== null &&
      last.allocated === p.allocated &&
      sameMembers(last.changed, p.changed) &&
      sameMembers(last.selected, p.selected)
    )
      return;
    draw('overlay', true);
  }, [p.changed, p.selected, p.allocated, draw]);

  // Follow the interesting block until the user pans or zooms.
  const target = fitTarget(p.allocated, p.rangeMax);
  const fit = useCallback(
    (animate: boolean) => {
      if (!pz.current || width === 0) return;
      const f = fitBlock(width, height, target.w, target.h, 12);
      pz.current.setTransform(f, animate && !reduced ? 280 : 0);
    },
    [width, height, target.w, target.h, reduced]
  );
  useEffect(() => {
    if (!userMoved.current) fit(true);
  }, [fit]);

  const onPointerMove = (e: PointerEvent<HTMLCanvasElement>): void => {
    const r = e.currentTarget.getBoundingClientRect();
    const x = e.clientX - r.left;
    const y = e.clientY - r.top;
    const cell = cellAt(t.current, x, y);
    if (cell !== hover.current) {
      hover.current = cell;
      draw('overlay');
    }
    showTip(x, y, cell < 0 ? null : p.describe(cell));
  };
  const onLeave = (): void => {
    hover.current = -1;
    showTip(0, 0, null);
    draw('overlay');
  };
  const onKey = (e: KeyboardEvent<HTMLCanvasElement>): void => {
    const z = pz.current;
    if (!z) return;
    const step = 60;
    const moves: Record<string, () => void> = {
      ArrowLeft: () => z.translateBy(step / t.current.k, 0),
      ArrowRight: () => z.translateBy(-step / t.current.k, 0),
      ArrowUp: () => z.translateBy(0, step / t.current.k),
      ArrowDown: () => z.translateBy(0, -step / t.current.k),
      '+': () => z.scaleBy(1.5),
      '=': () => z.scaleBy(1.5),
      '-': () => z.scaleBy(1 / 1.5),
      '0': () => {
        userMoved.current = false;
        fit(true);
      },
    };
    const move = moves[e.key];
    if (!move) return;
    e.preventDefault();
    if (e.key !== '0') userMoved.current = true;
    move();
  };

  return (
    <div className="vz-grid-block">
      <div className="vz-grid-tools" role="group" aria-label="PASID grid zoom">
        <button type="button" onClick={() => pz.current?.scaleBy(2)} aria-label="Zoom in">
          +
        </button>
        <button type="button" onClick={() => pz.current?.scaleBy(0.5)} aria-label="Zoom out">
          −
        </button>
        <button
          type="button"
          onClick={() => {
            userMoved.current = false;
            fit(true);
          }}
          data-testid="grid-fit"
        >
          Fit used
        </button>
        <button
          type="button"
          onClick={() => {
            userMoved.current = true;
            pz.current?.setTransform(fitBlock(width, height, GRID_SIDE, GRID_SIDE, 12), reduced ? 0 : 320);
          }}
          data-testid="grid-whole"
        >
          Whole space
        </button>
      </div>
      <div ref={wrap} className="vz-grid-wrap">
        <canvas ref={base} className="vz-grid-canvas" aria-hidden="true" />
        <canvas
          ref={over}
          className="vz-grid-canvas vz-grid-overlay"
          tabIndex={0}
          role="img"
          aria-label="Global PASID space grid. Arrow keys pan, plus and minus zoom, 0 fits the used PASIDs. The table mode lists every allocated PASID."
          data-testid="pasid-grid"
          onPointerMove={onPointerMove}
          onPointerLeave={onLeave}
          onClick={() => {
            if (hover.current >= 0) p.onPick(hover.current);
          }}
          onKeyDown={onKey}
        />
        <div ref={tip} className="vz-tooltip" role="status" data-testid="grid-tooltip" hidden />
      </div>
    </div>
  );
}
