/**
 * Which cards and links of the bindings graph are drawn: those in the part of the graph that is
 * on screen, plus a margin. The graph is up to ~2,700 px tall and its panel is often only partly
 * on screen (the SMMUv3 panel read above it leaves ~100 px of the graph in the window), yet every
 * card and link used to follow every step: about 6.6 M of the view's ~9.5 M main-thread
 * instructions per step. The layout is still made for the whole graph, so the panel's size and
 * every position stay what they were; only the elements outside the span are left out.
 *
 * What is on screen is reported per band: the graph is cut into horizontal bands BAND px tall,
 * each watched by an IntersectionObserver (useVisibleSpan.tsx), which clips a band by the
 * diagram's own scroller and by the window alike.
 */

/** Rows [top, bottom) of the graph, in its own px (before the projector zoom). */
export interface Span {
  top: number;
  bottom: number;
}

/** Height of a band. Small enough that a partly visible panel draws little more than it shows. */
export const BAND = 120;
/**
 * Bands drawn beyond the visible ones on each side, so that a card scrolled into view is usually
 * already there (the observer reports after the frame that showed the band).
 */
export const MARGIN_BANDS = 1;

/** Nothing on screen: nothing drawn. */
export const NOTHING: Span = { top: 0, bottom: 0 };

/** How many bands cover a graph `height` px tall. */
export const bandCount = (height: number): number => Math.max(1, Math.ceil(height / BAND));

/** The span to draw when the bands `visible` intersect the screen. */
export function spanOfBands(visible: Iterable<number>): Span {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const i of visible) {
    if (i < lo) lo = i;
    if (i > hi) hi = i;
  }
  if (lo > hi) return NOTHING;
  return { top: (lo - MARGIN_BANDS) * BAND, bottom: (hi + 1 + MARGIN_BANDS) * BAND };
}

export const sameSpan = (a: Span | null, b: Span | null): boolean =>
  a === b || (a !== null && b !== null && a.top === b.top && a.bottom === b.bottom);

interface Box {
  y: number;
  h: number;
}

/** Whether a card's box reaches into `span` (null: everything is drawn). */
export const boxInSpan = (b: Box, span: Span | null): boolean =>
  span === null || (b.y < span.bottom && b.y + b.h > span.top);

/** Half the thickest link stroke (a changed link, 3.5 px), so a link grazing the span is drawn. */
const STROKE = 2;

/**
 * Whether the link between boxes `a` and `b` (a horizontal link from the middle of one to the
 * middle of the other: it stays between the two heights) reaches into `span`.
 */
export function linkInSpan(a: Box, b: Box, span: Span | null): boolean {
  if (span === null) return true;
  const y0 = a.y + a.h / 2;
  const y1 = b.y + b.h / 2;
  return Math.min(y0, y1) - STROKE < span.bottom && Math.max(y0, y1) + STROKE > span.top;
}
