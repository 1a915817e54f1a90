/**
 * Makes `box` a relayout boundary around `content`: the box takes the content's height as a fixed
 * height with size and layout containment, so text that changes inside without changing the
 * content's height is laid out from the box instead of from the document root (a panel in the
 * main column is a flex item, which the browser never lays out on its own).
 *
 * The height follows the content through a ResizeObserver, whose callbacks run after layout and
 * before paint: when the content does change height, the box follows in the same frame, so what
 * is painted is what the page would show without the box.
 */
import { useLayoutEffect } from 'react';

export function useHeightBoundary(
  box: { readonly current: HTMLElement | null },
  content: { readonly current: HTMLElement | null }
): void {
  useLayoutEffect(() => {
    const b = box.current;
    const c = content.current;
    if (!b || !c || typeof ResizeObserver !== 'function') return;
    const ro = new ResizeObserver((entries) => {
      const size = entries[entries.length - 1]?.borderBoxSize[0];
      const height = `${size ? size.blockSize : c.getBoundingClientRect().height}px`;
      if (b.style.height !== height) b.style.height = height;
      b.style.contain = 'size layout style';
    });
    ro.observe(c);
    return () => {
      ro.disconnect();
      b.style.height = '';
      b.style.contain = '';
    };
  }, [box, content]);
}
