/** The data of the per-device PASID strips (DeviceStrips.tsx), and how two frames' strips compare. */

export interface StripEntry {
  pasid: number;
  /** "P1", "kernel (default:grp:dsa0)". */
  name: string;
  color: string;
  /** The process the entry belongs to (click selects it). */
  proc: string | null;
  changed: boolean;
}

export interface Strip {
  id: string;
  label: string;
  max: number;
  selected: boolean;
  entries: StripEntry[];
  /** Attached PASIDs left out of `entries`. */
  more: number;
}

const sameEntry = (a: StripEntry, b: StripEntry): boolean =>
  a.pasid === b.pasid && a.name === b.name && a.color === b.color && a.proc === b.proc && a.changed === b.changed;

/** Same content (strips are rebuilt every frame, so identity says nothing). */
export function sameStrip(a: Strip, b: Strip): boolean {
  if (a === b) return true;
  if (a.id !== b.id || a.label !== b.label || a.max !== b.max || a.selected !== b.selected || a.more !== b.more)
    return false;
  if (a.entries.length !== b.entries.length) return false;
  return a.entries.every((e, i) => sameEntry(e, b.entries[i]!));
}

/**
 * Stable rows for the strips of a new frame, given the rows of the last one (row → strip id, null
 * for a free row). A strip keeps its row; a new strip takes the lowest free row, else a new row at
 * the end; a row left free with strips below it takes the last of them. A step then changes one
 * row in place instead of inserting a strip and moving every strip below it: the strips the
 * audience is reading stay where they were, and the browser re-lays out and repaints one row.
 */
export function assignRows(prev: readonly (string | null)[], ids: readonly string[]): (string | null)[] {
  const wanted = new Set(ids);
  const rows = prev.map((id) => (id !== null && wanted.has(id) ? id : null));
  const placed = new Set(rows);
  for (const id of ids) {
    if (placed.has(id)) continue;
    const free = rows.indexOf(null);
    if (free >= 0) rows[free] = id;
    else rows.push(id);
  }
  for (;;) {
    while (rows.length > 0 && rows[rows.length - 1] === null) rows.pop();
    const hole = rows.indexOf(null);
    if (hole < 0) return rows;
    rows[hole] = rows.pop() ?? null;
  }
}

/** Same rows (assignRows' result compared with the last one kept). */
export const sameRows = (a: readonly (string | null)[], b: readonly (string | null)[]): boolean =>
  a.length === b.length && a.every((id, i) => id === b[i]);
