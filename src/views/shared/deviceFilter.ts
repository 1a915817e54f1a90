/**
 * Which devices a table diagram draws: the selected device when it sits on this IOMMU, else
 * every device up to a cap: the devices whose entries the step changed first, else those the
 * last step that changed any device here changed, then the rest in table order.
 *
 * The "last changed" devices stay drawn until a step changes another device on this IOMMU
 * (DeviceMemory): the device the audience just saw change does not vanish on the next step, and
 * a step that changes nothing here swaps nothing out. Swapping a device in or out rewrites a
 * dozen cards, the dearest kind of step these diagrams have.
 */
import type { ColumnTable } from '../../client/columnTable.ts';

export const MAX_DIAGRAM_DEVICES = 8;

/** Device ids of one IOMMU's device table, in table order. */
export function unitDevices(t: ColumnTable<'ste'> | ColumnTable<'ctx'>, unit: number): string[] {
  const [from, to] = t.range([unit]);
  const all: string[] = [];
  for (let i = from; i < to; i++) all.push((t as ColumnTable<'ste'>).s(t.slotAt(i), 'dev') ?? '');
  return all;
}

/**
 * The drawn devices among `all` (null: every one): `selected` alone when it is one of them, else
 * up to MAX_DIAGRAM_DEVICES, `first` (the changed or last changed devices) before the rest.
 */
export function pickDevices(
  all: readonly string[],
  selected: string | null,
  first: ReadonlySet<string>
): { devices: Set<string> | null; total: number } {
  if (selected !== null && all.includes(selected)) return { devices: new Set([selected]), total: all.length };
  if (all.length <= MAX_DIAGRAM_DEVICES) return { devices: null, total: all.length };
  const picked = [...all.filter((d) => first.has(d)), ...all].slice(0, MAX_DIAGRAM_DEVICES);
  return { devices: new Set(picked), total: all.length };
}

/**
 * Remembers, per diagram, the devices of this IOMMU that the last step changing any of them
 * changed. Kept across renders (one per drawn diagram); forgets when the IOMMU shown changes.
 */
export class DeviceMemory {
  private unit = -1;
  private last: ReadonlySet<string> = new Set();

  /** The devices to draw first: those of `all` in `changed`, or the remembered ones when none is. */
  first(unit: number, all: readonly string[], changed: ReadonlySet<string>): ReadonlySet<string> {
    if (unit !== this.unit) {
      this.unit = unit;
      this.last = new Set();
    }
    if (changed.size === 0) return this.last;
    const here = new Set(all.filter((d) => changed.has(d)));
    if (here.size > 0) this.last = here;
    return this.last;
  }
}
