/**
 * How the diagrams (shared/EntryDiagram, Bindings) are built: a plain box, the scroll extent,
 * carrying the projector zoom, with one svg for the links and column heads and one small svg per
 * card laid over it. Chromium lays out every text of an svg again when anything in it or its size
 * changes, repaints an svg as a whole and hit-tests every element of it on each hover update; with
 * an svg per card a step that adds a card lays out and paints that card only, and the box's size
 * changes cheaply. The svgs keep their size and draw outside it (overflow visible).
 */
export const EXTENT_STYLE = { position: 'relative', zoom: 'var(--vz-zoom)' } as const;
export const LAYER_STYLE = { position: 'absolute', top: 0, left: 0, overflow: 'visible' } as const;
/** A card layer that took over another card's elements (cardKeys.ts) jumps to its place. */
export const JUMP_STYLE = { ...LAYER_STYLE, transition: 'none' } as const;
