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
