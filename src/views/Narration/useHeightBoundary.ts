/**
 * Makes `box` a relayout boundary around `content`: the box takes the content's height as a fixed
 * height with size and layout containment, so text that changes inside is laid out from the box
 * instead of from the document root (a panel in the main column is a flex item, which the browser
 * never lays out on its own).
 *
 * The box keeps the tallest height the content has had for one `epoch` (the scenario) and width:
 * a step whose text takes a second line (a long kernel message, a note) would otherwise grow the
 * panel and shrink it again on the next step, moving, laying out and repainting everything below
 * it twice (the rule of Queues' useTallestHeight; measured: ~0.3 M main-thread instructions per
 * step on average over the views bench).
 *
 * The height follows the content through a ResizeObserver, whose callbacks run after layout and
 * before paint: when the content grows, the box follows in the same frame, so what is painted is
 * what the page would show without the box.
 */
import { useLayoutEffect, useRef } from 'react';
import { nextTallest } from '../Queues/tallest.ts';
import type { BoxSize, Tallest } from '../Queues/tallest.ts';

const sizeOf = (el: HTMLElement): BoxSize => {
  const r = el.getBoundingClientRect();
  return { width: r.width, height: r.height };
};

/** Gives `b` the tallest height its content has had in `epoch` at this width, now `size`. */
function hold(b: HTMLElement, tallest: { current: Tallest | null }, epoch: unknown, size: BoxSize): void {
  tallest.current = nextTallest(tallest.current, epoch, size);
  const height = `${tallest.current.height}px`;
  if (b.style.height !== height) b.style.height = height;
}

export function useHeightBoundary(
  box: { readonly current: HTMLElement | null },
  content: { readonly current: HTMLElement | null },
  epoch: unknown
): void {
  const tallest = useRef<Tallest | null>(null);
  const epochRef = useRef(epoch);

  // A new epoch starts over from the content's own height (measured once: a load, not a step).
  useLayoutEffect(() => {
    if (epochRef.current === epoch) return;
    epochRef.current = epoch;
    const b = box.current;
    const c = content.current;
    if (b && c && b.style.contain !== '') hold(b, tallest, epoch, sizeOf(c));
  }, [box, content, epoch]);

  useLayoutEffect(() => {
    const b = box.current;
    const c = content.current;
    if (!b || !c || typeof ResizeObserver !== 'function') return;
    const ro = new ResizeObserver((entries) => {
      const size = entries[entries.length - 1]?.borderBoxSize[0];
      hold(b, tallest, epochRef.current, size ? { width: size.inlineSize, height: size.blockSize } : sizeOf(c));
      b.style.contain = 'size layout style';
    });
    ro.observe(c);
    return () => {
      ro.disconnect();
      tallest.current = null;
      b.style.height = '';
      b.style.contain = '';
    };
  }, [box, content]);
}
