/**
 * The part of the bindings graph on screen (visibleSpan.ts), from an IntersectionObserver over
 * invisible bands laid across the graph. The observer clips each band by the diagram's scroller
 * and by the window, so scrolling either, resizing, or the panel moving all come here as
 * events; a step that leaves the visible bands as they were costs no layout read at all.
 */
import { memo, useState } from 'react';
import { BAND, bandCount, sameSpan, spanOfBands } from './visibleSpan.ts';
import type { Span } from './visibleSpan.ts';

/** Ref callback for one band (its index in `data-band`); returns the cleanup. */
export type BandRef = (el: HTMLDivElement | null) => (() => void) | undefined;

/**
 * The span to draw, and the ref for the bands. null until the observer first reports (and where
 * there is no IntersectionObserver): then everything is drawn.
 */
export function useVisibleSpan(): { span: Span | null; band: BandRef } {
  const [span, setSpan] = useState<Span | null>(null);
  const [watch] = useState(() => {
    if (typeof IntersectionObserver !== 'function') return null;
    const visible = new Set<number>();
    let last: Span | null = null;
    const io = new IntersectionObserver((entries) => {
      for (const e of entries) {
        const i = Number((e.target as HTMLElement).dataset.band);
        if (e.isIntersecting) visible.add(i);
        else visible.delete(i);
      }
      const next = spanOfBands(visible);
      if (sameSpan(next, last)) return;
      last = next;
      setSpan(next);
    });
    const band: BandRef = (el) => {
      if (!el) return undefined;
      io.observe(el);
      return () => {
        io.unobserve(el);
        visible.delete(Number(el.dataset.band));
      };
    };
    return band;
  });
  // No disconnect on unmount: each band stops being watched as it unmounts (its ref cleanup).
  return { span, band: watch ?? noBand };
}

const noBand: BandRef = () => undefined;

const bandStyle = (top: number, height: number) =>
  ({ position: 'absolute', left: 0, top, width: '100%', height, pointerEvents: 'none' }) as const;

/**
 * The bands: empty boxes under the cards, covering the graph's `height` and not beyond it (a band
 * reaching past the graph would make the scroller's extent taller). They change only when the
 * graph's height does.
 */
export const Bands = memo(function Bands({ height, band }: { height: number; band: BandRef }) {
  return (
    <>
      {Array.from({ length: bandCount(height) }, (_, i) => (
        <div
          key={i}
          ref={band}
          data-band={i}
          aria-hidden="true"
          style={bandStyle(i * BAND, Math.min(BAND, height - i * BAND))}
        />
      ))}
    </>
  );
});
