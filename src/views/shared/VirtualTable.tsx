/**
 * A virtualised, accessible table: a real <table> whose body renders only the rows in view
 * (plus a margin), with spacer rows keeping the scroll height and aria-rowcount / aria-rowindex
 * telling assistive technology where each rendered row sits.
 */
import { memo, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';

export interface Column {
  id: string;
  label: string;
  /** CSS width (e.g. "6em"); the rest share what is left. */
  width?: string;
  align?: 'left' | 'right';
}

export type RowState = 'changed' | 'ghost' | 'selected' | 'focus' | 'new';

export interface VirtualTableProps {
  label: string;
  testId?: string;
  columns: readonly Column[];
  rowCount: number;
  rowKey: (i: number) => string;
  cell: (i: number, column: string) => ReactNode;
  rowStates?: (i: number) => readonly RowState[];
  rowHeight?: number;
  maxHeight?: number;
  /**
   * What row i shows, as a string that changes whenever its cells or states would: a row whose
   * version is the same as last render is not rendered again. Without it every row renders.
   */
  rowVersion?: (i: number) => string;
  /** Row to scroll into view (e.g. an entry a queue entry links to). */
  focusIndex?: number;
  onRowClick?: (i: number) => void;
}

const OVERSCAN = 8;

export function VirtualTable(p: VirtualTableProps) {
  const rowHeight = p.rowHeight ?? 30;
  const maxHeight = p.maxHeight ?? 380;
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const frame = useRef(0);

  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el || p.focusIndex === undefined || p.focusIndex < 0) return;
    const top = p.focusIndex * rowHeight;
    if (top < el.scrollTop || top + rowHeight * 2 > el.scrollTop + el.clientHeight) {
      el.scrollTop = Math.max(0, top - el.clientHeight / 3);
      setScrollTop(el.scrollTop);
    }
  }, [p.focusIndex, rowHeight]);

  const onScroll = (): void => {
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(() => setScrollTop(scroller.current?.scrollTop ?? 0));
  };

  const visible = Math.ceil(maxHeight / rowHeight);
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN);
  const last = Math.min(p.rowCount, first + visible + 2 * OVERSCAN);
  const rows: ReactNode[] = [];
  for (let i = first; i < last; i++) {
    const states = p.rowStates?.(i) ?? [];
    rows.push(
      <Row
        key={p.rowKey(i)}
        i={i}
        className={states.map((s) => `vz-row-${s}`).join(' ')}
        height={rowHeight}
        columns={p.columns}
        cell={p.cell}
        onRowClick={p.onRowClick}
        version={p.rowVersion?.(i)}
      />
    );
  }
  return (
    <div
      ref={scroller}
      className="vz-vtable"
      style={{ maxHeight }}
      onScroll={onScroll}
      tabIndex={0}
      role="region"
      aria-label={`${p.label} (scrollable)`}
    >
      <table aria-label={p.label} aria-rowcount={p.rowCount + 1} data-testid={p.testId}>
        <colgroup>
          {p.columns.map((c) => (
            <col key={c.id} style={c.width ? { width: c.width } : undefined} />
          ))}
        </colgroup>
        <thead>
          <tr aria-rowindex={1}>
            {p.columns.map((c) => (
              <th key={c.id} scope="col" className={c.align === 'right' ? 'vz-num' : undefined}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {first > 0 ? <tr aria-hidden="true" className="vz-spacer" style={{ height: first * rowHeight }} /> : null}
          {rows}
          {last < p.rowCount ? (
            <tr aria-hidden="true" className="vz-spacer" style={{ height: (p.rowCount - last) * rowHeight }} />
          ) : null}
        </tbody>
      </table>
      {p.rowCount === 0 ? <p className="vz-empty">No entries.</p> : null}
    </div>
  );
}

interface RowProps {
  i: number;
  className: string;
  height: number;
  columns: readonly Column[];
  cell: (i: number, column: string) => ReactNode;
  onRowClick: ((i: number) => void) | undefined;
  version: string | undefined;
}

/** Same row, same version (and same place, states and columns): nothing to render. */
const sameRow = (a: RowProps, b: RowProps): boolean =>
  b.version !== undefined &&
  a.version === b.version &&
  a.i === b.i &&
  a.className === b.className &&
  a.height === b.height &&
  a.columns === b.columns &&
  a.onRowClick === b.onRowClick;

const Row = memo(function Row({ i, className, height, columns, cell, onRowClick }: RowProps) {
  return (
    <tr
      aria-rowindex={i + 2}
      className={className}
      style={{ height }}
      onClick={onRowClick ? () => onRowClick(i) : undefined}
    >
      {columns.map((c) => (
        <td key={c.id} className={c.align === 'right' ? 'vz-num' : undefined}>
          {cell(i, c.id)}
        </td>
      ))}
    </tr>
  );
}, sameRow);
