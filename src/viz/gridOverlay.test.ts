import { describe, expect, it } from 'vitest';
import { LABEL_MIN_CELL, MAX_RINGS, paintCellLabel, paintLabels, paintOverlay } from './gridOverlay.ts';
import type { OverlayModel } from './gridOverlay.ts';
import { canvasRecorder } from './canvasRecorder.testkit.ts';
import { fromView, toView, zoomAbout } from './zoomMath.ts';

const recorder = canvasRecorder;

const base = (over: Partial<OverlayModel>): OverlayModel => ({
  t: { k: 1, x: 0, y: 0 },
  width: 100,
  height: 100,
  allocated: new Set(),
  changed: new Set(),
  selected: new Set(),
  hover: -1,
  rangeMax: null,
  label: () => null,
  ink: () => '#000',
  ...over,
});

describe('paintOverlay', () => {
  it('outlines the range block and marks allocated PASIDs when cells are tiny', () => {
    const ctx = recorder();
    paintOverlay(ctx, base({ allocated: new Set([1, 2]), rangeMax: 4, t: { k: 2, x: 0, y: 0 } }));
    expect(ctx.calls).toContain('strokeRect(0,0,4,4)');
    expect(ctx.calls.filter((c) => c.startsWith('arc(')).length).toBe(2);
  });

  it('labels cells with PASID and holder once they are big enough, on the cells layer', () => {
    const ctx = recorder();
    const k = LABEL_MIN_CELL + 6;
    const m = base({ t: { k, x: 0, y: 0 }, width: 2 * k, height: k, label: (p) => (p === 1 ? 'P1' : null) });
    paintLabels(ctx, m);
    const texts = ctx.calls.filter((c) => c.startsWith('fillText'));
    expect(texts.map((c) => c.split(',')[0])).toEqual(['fillText(0', 'fillText(1', 'fillText(P1']);
    // The overlay no longer writes labels.
    const over = recorder();
    paintOverlay(over, m);
    expect(over.calls.some((c) => c.startsWith('fillText'))).toBe(false);
    // Too small: no labels at all.
    const small = recorder();
    paintLabels(small, base({ t: { k: LABEL_MIN_CELL - 1, x: 0, y: 0 } }));
    expect(small.calls).toEqual([]);
  });

  it('relabels one cell inside its own clip, with the same texts the full pass writes', () => {
    const k = LABEL_MIN_CELL + 6;
    const m = base({ t: { k, x: 0, y: 0 }, width: 2 * k, height: k, label: (p) => (p === 1 ? 'P1' : null) });
    const ctx = recorder();
    paintCellLabel(ctx, m, 1);
    expect(ctx.calls).toContain(`rect(${k},0,${k},${k})`);
    expect(ctx.calls.indexOf('clip()')).toBeLessThan(ctx.calls.findIndex((c) => c.startsWith('fillText')));
    expect(ctx.calls.filter((c) => c.startsWith('fillText')).map((c) => c.split(',')[0])).toEqual([
      'fillText(1',
      'fillText(P1',
    ]);
    // Off screen: nothing drawn.
    const off = recorder();
    paintCellLabel(off, m, 5000);
    expect(off.calls).toEqual([]);
  });

  it('rings changed cells and outlines the hovered one', () => {
    const ctx = recorder();
    paintOverlay(ctx, base({ t: { k: 20, x: 0, y: 0 }, changed: new Set([3]), hover: 2 }));
    expect(ctx.calls.some((c) => c.startsWith('arc(30,30,15'))).toBe(true);
    expect(ctx.calls).toContain('strokeRect(0,20,20,20)');
  });
});

describe('paintOverlay limits', () => {
  it('draws no change rings when a seek changed more than MAX_RINGS cells', () => {
    const ctx = recorder();
    const many = new Set(Array.from({ length: MAX_RINGS + 1 }, (_, i) => i));
    paintOverlay(ctx, base({ t: { k: 20, x: 0, y: 0 }, changed: many }));
    expect(ctx.calls.some((c) => c.startsWith('arc('))).toBe(false);
  });
});

describe('zoom views', () => {
  it('toView and fromView are inverse', () => {
    const t = { k: 3, x: -40, y: 12 };
    const back = fromView(toView(t, 400, 300), 400, 300);
    expect(back.k).toBeCloseTo(3);
    expect(back.x).toBeCloseTo(-40);
    expect(back.y).toBeCloseTo(12);
  });

  it('zoomAbout keeps the point under the cursor fixed and clamps k', () => {
    const t = zoomAbout({ k: 2, x: 10, y: 20 }, 2, 50, 60, 1, 100);
    expect(t).toEqual({ k: 4, x: -30, y: -20 });
    expect(zoomAbout(t, 1000, 0, 0, 1, 100).k).toBe(100);
  });
});
