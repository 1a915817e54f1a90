/**
 * Keeps an element at the tallest height it has had within one epoch (and at one width), through
 * a min-height on the element. A live view whose content grows and shrinks from step to step would
 * otherwise move everything below it on every step, and the browser would lay out and repaint all
 * of it (the same rule as DeviceStrips' strip area).
 */
import { useLayoutEffect, useRef } from 'react';
import { holds, nextTallest } from './tallest.ts';
import type { BoxSize, Tallest } from './tallest.ts';

const borderBox = (el: HTMLElement): BoxSize => {
  const r = el.getBoundingClientRect();
  return { width: r.width, height: r.height };
};

/** Records `el` seen at `size` and sets its min-height to the tallest height; returns the record. */
function settle(el: HTMLElement, size: BoxSize, epoch: unknown, last: Tallest | null): Tallest {
  let seen = size;
  if (!holds(last, epoch, size.width) && el.style.minHeight !== '') {
    // Starting over, and the old min-height may be what holds the element up: measure without it.
    el.style.minHeight = '';
    seen = borderBox(el);
  }
  const next = nextTallest(last, epoch, seen);
  const min = `${next.height}px`;
  if (el.style.minHeight !== min) el.style.minHeight = min;
  return next;
}

/**
 * Holds the element `target` picks from `ref` at its tallest height. Growth is caught by a
 * ResizeObserver (after layout, before paint: an ordinary step adds no layout); a new epoch or
 * width drops the min-height and measures the natural height once. `target` should be stable (a
 * module-level function): the observer is set up again whenever it changes.
 */
export function useTallestHeight<T extends HTMLElement>(
  ref: { readonly current: T | null },
  target: (el: T) => HTMLElement | null,
  epoch: unknown
): void {
  const tallest = useRef<Tallest | null>(null);
  const epochRef = useRef(epoch);

  useLayoutEffect(() => {
    if (epochRef.current === epoch) return;
    epochRef.current = epoch;
    const el = ref.current && target(ref.current);
    if (el) tallest.current = settle(el, borderBox(el), epoch, tallest.current);
  });

  useLayoutEffect(() => {
    const el = ref.current && target(ref.current);
    if (!el || typeof ResizeObserver !== 'function') return;
    const ro = new ResizeObserver((entries) => {
      const box = entries[entries.length - 1]?.borderBoxSize[0];
      const size = box ? { width: box.inlineSize, height: box.blockSize } : borderBox(el);
      tallest.current = settle(el, size, epochRef.current, tallest.current);
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref, target]);
}
