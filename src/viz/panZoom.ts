/**
 * Pan and zoom for a canvas: a framework-free wrapper over d3-zoom (the xyflow XYPanZoom
 * pattern). The caller owns the element; `onTransform` receives every new transform. Animated
 * moves interpolate with d3's zoom interpolator and jump when motion is reduced.
 */
import { interpolateZoom } from 'd3-interpolate';
import { select } from 'd3-selection';
import { zoom, zoomIdentity } from 'd3-zoom';
import type { ZoomBehavior } from 'd3-zoom';
import type { GridTransform } from './pasidGrid.ts';
import { fromView, toView } from './zoomMath.ts';

export interface PanZoomOptions {
  element: Element;
  /** Content size in content units (the grid is 1024 × 1024). */
  content: { width: number; height: number };
  scaleExtent: [number, number];
  /** `user` is true when a gesture (wheel, drag, dblclick) caused the change. */
  onTransform(t: GridTransform, user: boolean): void;
}

export interface PanZoom {
  /** Moves to `t`, animated over `ms` (0 = jump). */
  setTransform(t: GridTransform, ms?: number): void;
  scaleBy(factor: number): void;
  translateBy(dx: number, dy: number): void;
  /** Current transform. */
  transform(): GridTransform;
  destroy(): void;
}

export function createPanZoom(o: PanZoomOptions): PanZoom {
  const sel = select(o.element);
  const margin = 64;
  const behavior: ZoomBehavior<Element, unknown> = zoom<Element, unknown>()
    .scaleExtent(o.scaleExtent)
    .translateExtent([
      [-margin, -margin],
      [o.content.width + margin, o.content.height + margin],
    ])
    .on('zoom', (e: { transform: GridTransform; sourceEvent: unknown }) =>
      o.onTransform({ k: e.transform.k, x: e.transform.x, y: e.transform.y }, e.sourceEvent != null)
    );
  sel.call(behavior);
  let raf = 0;
  const current = (): GridTransform => {
    const el = o.element as Element & { __zoom?: GridTransform };
    const t = el.__zoom ?? zoomIdentity;
    return { k: t.k, x: t.x, y: t.y };
  };
  const jump = (t: GridTransform): void => {
    behavior.transform(sel, zoomIdentity.translate(t.x, t.y).scale(t.k));
  };
  return {
    setTransform(t, ms = 0) {
      cancelAnimationFrame(raf);
      const { width, height } = o.element.getBoundingClientRect();
      if (ms <= 0 || width === 0) return jump(t);
      const interp = interpolateZoom(toView(current(), width, height), toView(t, width, height));
      const start = performance.now();
      const tick = (now: number): void => {
        const u = Math.min(1, (now - start) / ms);
        jump(fromView(interp(u * (2 - u)), width, height));
        if (u < 1) raf = requestAnimationFrame(tick);
      };
      raf = requestAnimationFrame(tick);
    },
    scaleBy(factor) {
      behavior.scaleBy(sel, factor);
    },
    translateBy(dx, dy) {
      behavior.translateBy(sel, dx, dy);
    },
    transform: current,
    destroy() {
      cancelAnimationFrame(raf);
      sel.on('.zoom', null);
    },
  };
}
