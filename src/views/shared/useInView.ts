/**
 * Whether an element is on screen (or within `margin` of it), from an IntersectionObserver.
 * Live views that are scrolled away skip their per-step work until they come back (ViewSlot).
 */
import { useEffect, useState } from 'react';
import type { RefObject } from 'react';

export function useInView(ref: RefObject<Element | null>, margin: string): boolean {
  const [inView, setInView] = useState(true);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof IntersectionObserver !== 'function') return;
    const io = new IntersectionObserver((entries) => setInView(entries.some((e) => e.isIntersecting)), {
      rootMargin: margin,
    });
    io.observe(el);
    return () => io.disconnect();
  }, [ref, margin]);
  return inView;
}
