/**
 * Table-walk diagram: columns of entry cards (STE → L1CD → CD, or root → context → PASID
 * directory → PASID table) linked left to right. Layout comes from viz/layoutCards; React owns
 * every SVG node. Changed fields carry a marker (a triangle in the row's margin) as well as a
 * tint and a darker text colour, cleared entries are dashed and struck through, so colour is
 * never the only cue.
 */
import { memo, useMemo, useRef, useState } from 'react';
import { DEFAULT_METRICS } from '../../viz/index.ts';
import type { CardMetrics } from '../../viz/index.ts';
import { cardKeyer } from './cardKeys.ts';
import type { CardState, EntryCard } from './cards.ts';
import { EXTENT_STYLE, JUMP_STYLE, LAYER_STYLE } from './diagramLayers.ts';
import { layoutCacher } from './layoutCache.ts';
import { useElementSize } from './useElementSize.ts';
import { rootCopies, visibleColumns } from './visibleColumns.ts';

export type { CardField, CardState, EntryCard } from './cards.ts';

export interface EntryDiagramProps {
  label: string;
  testId: string;
  columns: readonly string[];
  cards: readonly EntryCard[];
  onCardClick?: (card: EntryCard) => void;
  onProcClick?: (proc: string) => void;
  /** Columns dropped in this order (their cards' children become roots) while the rest do not fit. */
  optionalColumns?: readonly number[];
}

const METRICS: CardMetrics = { ...DEFAULT_METRICS, columnWidth: 250, lineHeight: 22, headerHeight: 30 };
const HEAD = 30;
/** Monospace value characters are about this wide at 14 px; field names (sans) a little less. */
const VALUE_CHAR = 8.4;
const NAME_CHAR = 7.6;

/**
 * Card metrics for a container `width` wide holding `columns` columns: full-size cards when they
 * fit, narrower cards and gaps (down to a floor) in a narrow column, then horizontal scrolling.
 */
function metricsFor(width: number, columns: number): CardMetrics {
  if (width <= 0 || columns <= 0) return METRICS;
  const full = columns * METRICS.columnWidth + (columns - 1) * METRICS.columnGap;
  if (full <= width) return METRICS;
  const gap = 32;
  const columnWidth = Math.max(196, Math.floor((width - 8 - (columns - 1) * gap) / columns));
  return { ...METRICS, columnWidth, columnGap: gap };
}

/** Cards with the same column and number of fields draw the same elements (cardKeys.ts). */
const entryKind = (c: EntryCard): string => `${c.column}/${c.fields.length}`;

const STATE_NOTE: Record<CardState, string> = {
  normal: '',
  new: 'new',
  changed: 'changed',
  ghost: 'cleared',
  more: '',
};

export const EntryDiagram = memo(function EntryDiagram(p: EntryDiagramProps) {
  const wrap = useRef<HTMLDivElement>(null);
  const { width: available } = useElementSize(wrap);
  // views.css zooms diagrams by 1.22 on wide (projector) screens: lay out in unzoomed pixels.
  const zoom = typeof matchMedia === 'function' && matchMedia('(min-width: 1700px)').matches ? 1.22 : 1;
  const room = available / zoom;
  // Only the columns some card uses, renumbered left to right (a linear CD table has no L1CD
  // column); optional columns go when the rest would not fit (visibleColumns.ts).
  const [asRoot] = useState(rootCopies);
  const { cards, used } = useMemo(
    () => visibleColumns(p.cards, p.optionalColumns ?? [], room, asRoot),
    [p.cards, p.optionalColumns, room, asRoot]
  );
  const metrics = useMemo(() => metricsFor(room, used.length), [room, used.length]);
  // Most redraws keep the forest's shape (layoutCache.ts): they reuse the last layout.
  const [layoutOf] = useState(layoutCacher);
  const layout = useMemo(
    () =>
      layoutOf(
        cards.map((c) => ({ id: c.id, column: used.indexOf(c.column), lines: c.fields.length, parent: c.parent })),
        metrics
      ),
    [cards, used, metrics, layoutOf]
  );
  // A card that replaces one that left reuses its elements (see cardKeys.ts); a link is keyed by
  // its child card, which has one parent.
  const [keyer] = useState(() => cardKeyer(entryKind));
  const { keys, recycled } = keyer(cards);
  const changedIds = new Set(cards.filter((c) => c.state !== 'normal' && c.state !== 'more').map((c) => c.id));
  const width = Math.max(layout.width, used.length * metrics.columnWidth + (used.length - 1) * metrics.columnGap);
  return (
    <div
      ref={wrap}
      className="vz-diagram"
      data-testid={p.testId}
      tabIndex={0}
      role="region"
      aria-label={`${p.label} (scrollable)`}
    >
      <div
        role="group"
        aria-label={p.label}
        style={{ ...EXTENT_STYLE, width: width + 4, height: layout.height + HEAD + 4 }}
      >
        <svg width={1} height={1} role="none" className="vz-entry-svg" style={LAYER_STYLE}>
          <g transform="translate(2,2)">
            {used.map((col, i) => (
              <text key={col} className="vz-colhead" x={i * (metrics.columnWidth + metrics.columnGap)} y={18}>
                {p.columns[col] ?? ''}
              </text>
            ))}
            <g transform={`translate(0,${HEAD})`}>
              {layout.links.map((l) => (
                <Link key={keys.get(l.to) ?? `${l.from}->${l.to}`} d={l.d} hot={changedIds.has(l.to)} />
              ))}
            </g>
          </g>
        </svg>
        {cards.map((c) => {
          const b = layout.boxes.get(c.id);
          return b ? (
            <Card
              key={keys.get(c.id) ?? c.id}
              card={c}
              jump={recycled.has(c.id)}
              x={b.x + 2}
              y={b.y + HEAD + 2}
              w={b.w}
              h={b.h}
              onClick={p.onCardClick}
              onProc={p.onProcClick}
            />
          ) : null;
        })}
      </div>
    </div>
  );
});

interface CardProps {
  card: EntryCard;
  x: number;
  y: number;
  w: number;
  h: number;
  /** The card took over another card's elements this frame: place it without a transition. */
  jump: boolean;
  onClick: ((card: EntryCard) => void) | undefined;
  onProc: ((proc: string) => void) | undefined;
}

/** A link from a parent card to a child; memoised, like Card, so a redraw touches only what moved. */
const Link = memo(function Link({ d, hot }: { d: string; hot: boolean }) {
  return <path d={d} className={hot ? 'vz-link vz-link-hot' : 'vz-link'} />;
});

/**
 * Whether a card can skip a redraw. `jump` turning off alone does not redraw: the card keeps
 * `transition: none` until it redraws for another reason, which restores the transition in the
 * same update as any move. Redrawing for it cost every card a swap brought in (a dozen) a second
 * render and style change on the next step.
 */
function sameCardProps(a: CardProps, b: CardProps): boolean {
  return (
    a.card === b.card &&
    a.x === b.x &&
    a.y === b.y &&
    a.w === b.w &&
    a.h === b.h &&
    a.onClick === b.onClick &&
    a.onProc === b.onProc &&
    (a.jump === b.jump || !b.jump)
  );
}

/**
 * What marks a field the step wrote, besides its colour: a tint behind the row and a triangle in
 * its left margin. Both are shapes of their own, so the name and value texts keep their content
 * and metrics (no "▸ " prefix, no bold) and setting or clearing a highlight only repaints the
 * card instead of shaping and laying out both texts of the row again.
 */
function FieldMark({ y, w }: { y: number; w: number }) {
  return (
    <>
      <rect x={3} y={y + 2} width={w - 6} height={METRICS.lineHeight - 2} rx={3} className="vz-field-tint" />
      <path d={`M3.5,${y + 6.5}l5,4.5l-5,4.5z`} className="vz-field-mark" role="img" aria-label="changed" />
    </>
  );
}

/**
 * Room around a card's box inside its svg for the outer half of its border (3.5 px wide at most,
 * when focused): a card's svg is paint-contained (views.css, content-visibility), so it cannot
 * draw outside its box. The viewBox keeps card coordinates unchanged.
 */
const BLEED = 2;

/**
 * One card. Memoised: the views hand over the same card object while it reads the same
 * (shareCards), so when a step redraws the diagram only new, changed or moved cards render.
 */
const Card = memo(function Card({ card: c, x, y, w, h, jump, onClick, onProc }: CardProps) {
  const note = STATE_NOTE[c.state];
  // The subtitle gives way to the state note: title ≈ 9 px/char (bold 15 px), note ≈ 8.5 px/char.
  const subRoom = Math.floor((w - 26 - c.title.length * 9 - (note ? (note.length + 2) * 8.5 : 0)) / 7);
  const sub = c.subtitle ?? '';
  const subtitle = sub.length <= subRoom ? sub : subRoom > 3 ? `${sub.slice(0, subRoom - 1)}…` : '';
  const cls = ['vz-card', `vz-card-${c.state}`, c.focused ? 'vz-card-focus' : ''].join(' ');
  return (
    <svg
      width={w + 2 * BLEED}
      height={h + 2 * BLEED}
      viewBox={`${-BLEED} ${-BLEED} ${w + 2 * BLEED} ${h + 2 * BLEED}`}
      role="none"
      className={cls}
      style={{ ...(jump ? JUMP_STYLE : LAYER_STYLE), transform: `translate(${x - BLEED}px, ${y - BLEED}px)` }}
      data-testid="entry-card"
      data-key={c.id}
      data-state={c.state}
      data-focused={c.focused ? 'true' : 'false'}
      onClick={onClick ? () => onClick(c) : undefined}
    >
      <rect width={w} height={h} rx={6} className="vz-card-bg" />
      <rect width={w} height={METRICS.headerHeight} rx={6} className="vz-card-head" />
      <text x={10} y={20} className="vz-card-title">
        {c.title}
        {subtitle ? <tspan className="vz-card-sub"> {subtitle}</tspan> : null}
        {subtitle !== c.subtitle ? <title>{`${c.title} ${c.subtitle ?? ''}`}</title> : null}
      </text>
      {note ? (
        <text x={w - 10} y={20} textAnchor="end" className="vz-card-note">
          {c.state === 'ghost' ? '✕ ' : '● '}
          {note}
        </text>
      ) : null}
      {c.fields.map((f, i) => {
        const fy = METRICS.headerHeight + i * METRICS.lineHeight;
        const room = Math.max(4, Math.floor((w - 28 - (f.name.length + 2) * NAME_CHAR) / VALUE_CHAR));
        const long = f.value.length > room;
        const shown = long ? `${f.value.slice(0, room - 1)}…` : f.value;
        const proc = f.proc;
        return (
          <g key={f.name} className={f.changed ? 'vz-field vz-field-changed' : 'vz-field'}>
            {f.changed ? <FieldMark y={fy} w={w} /> : null}
            <text x={10} y={fy + 16} className="vz-field-name">
              {f.name}
            </text>
            <text
              x={w - 10}
              y={fy + 16}
              textAnchor="end"
              className={proc ? 'vz-field-value vz-proc-link' : 'vz-field-value'}
              onClick={
                proc && onProc
                  ? (e) => {
                      e.stopPropagation();
                      onProc(proc);
                    }
                  : undefined
              }
            >
              {long ? <title>{f.value}</title> : null}
              {shown}
            </text>
          </g>
        );
      })}
    </svg>
  );
}, sameCardProps);
