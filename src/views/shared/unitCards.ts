/**
 * The cards a hardware diagram draws for one IOMMU, rebuilt only when the frame may have changed
 * them. On the bench topology (8 SMMUs) seven steps in eight touch another IOMMU than the one
 * drawn; rebuilding the cards on those steps (walking the stream table, the drawn devices' CDs,
 * then comparing every card with last frame's) was most of what the view's script did per step,
 * only to find that nothing changed.
 *
 * The cards of one IOMMU read its rows of the hardware tables, the step's writes, upserts and
 * ghosts on those rows (highlights), and the selection. Every row key, written entry and ghost
 * starts with its IOMMU's id (protocol/views.ts), so "this frame touched unit X" is a prefix test
 * on the frame's change set. The change set only covers one publication: a table whose version
 * moved by more than that publication (a frame the view did not see, a reset, two deltas in one
 * publication) rebuilds, as does a frame after one that touched the unit (its highlights clear).
 */
import type { TableKind } from '../../protocol/views.ts';
import type { EntryCard } from './cards.ts';
import { DeviceMemory, pickDevices, unitDevices } from './deviceFilter.ts';
import type { HwInput } from './hwInput.ts';
import { cardSharer } from './shareCards.ts';

/** The tables the hardware diagrams read (both kinds, so a mixed topology is covered too). */
const HW_TABLES = ['ste', 'l1cd', 'cd', 'root', 'ctx', 'pdir', 'pte'] as const satisfies readonly TableKind[];

/** What HwTablesView's spec says about the cards (a subset of HwTablesSpec). */
export interface UnitCardsSpec {
  deviceKind: 'ste' | 'ctx';
  entryKind: 'cd' | 'pte';
  cards: (input: HwInput, iommu: string, devices: ReadonlySet<string> | null, unit: number) => EntryCard[];
}

export interface UnitCardsResult {
  cards: readonly EntryCard[];
  /** The drawn devices (null: every one) and how many the unit has. */
  filter: { devices: Set<string> | null; total: number };
}

/** Whether the frame's change set has a row, ghost or written entry of the IOMMU whose keys start with `prefix`. */
export function touchesUnit(input: HwInput, prefix: string): boolean {
  for (const key of input.written.keys()) if (key.startsWith(prefix)) return true;
  for (const kind of HW_TABLES) {
    for (const key of input.upserted[kind]) if (key.startsWith(prefix)) return true;
    for (const g of input.ghosts[kind]) if (g.key.startsWith(prefix)) return true;
  }
  return false;
}

/** Builds the cards of one IOMMU as HwTablesView always did (the reference the cache must equal). */
export function buildUnitCards(
  input: HwInput,
  unit: number,
  iommu: string,
  spec: UnitCardsSpec,
  memory: DeviceMemory,
  share: (next: readonly EntryCard[]) => readonly EntryCard[]
): UnitCardsResult {
  // Devices whose entries the step wrote are always drawn (and stay drawn: DeviceMemory).
  const changedDevs = new Set<string>();
  const { deviceKind, entryKind } = spec;
  for (const key of [...input.written.keys(), ...input.upserted[entryKind], ...input.upserted[deviceKind]]) {
    for (const t of [input.tables[entryKind], input.tables[deviceKind]] as const) {
      const s = t.find(key);
      if (s >= 0) changedDevs.add(t.s(s, 'dev') ?? '');
    }
  }
  const all = unitDevices(input.tables[deviceKind], unit);
  const filter = pickDevices(all, input.selectedDevice, memory.first(unit, all, changedDevs));
  return { cards: share(spec.cards(input, iommu, filter.devices, unit)), filter };
}

/**
 * One per drawn diagram, kept across renders: `get` answers what buildUnitCards would, from the
 * last answer when the frame cannot have changed it.
 */
export class UnitCards {
  private readonly memory = new DeviceMemory();
  private readonly share = cardSharer();
  private last: UnitCardsResult | null = null;
  /** What the last answer was computed from. */
  private unit = -1;
  private iommu = '';
  private spec: UnitCardsSpec | null = null;
  private focusKey: string | null = null;
  private selectedDevice: string | null = null;
  private selectedProc: string | null = null;
  private upserted: HwInput['upserted'] | null = null;
  private versions: number[] = [];
  /** The last answer shows this unit's changes of its frame (highlights, ghosts). */
  private touched = true;

  get(input: HwInput, unit: number, iommu: string, spec: UnitCardsSpec): UnitCardsResult {
    const touched = touchesUnit(input, `${iommu}:`);
    const reuse = this.last !== null && !touched && !this.touched && this.sameContext(input, unit, iommu, spec);
    this.unit = unit;
    this.iommu = iommu;
    this.spec = spec;
    this.focusKey = input.focusKey;
    this.selectedDevice = input.selectedDevice;
    this.selectedProc = input.selectedProc;
    this.upserted = input.upserted;
    this.versions = HW_TABLES.map((k) => input.tables[k].version);
    if (reuse && this.last) return this.last;
    this.touched = touched;
    this.last = buildUnitCards(input, unit, iommu, spec, this.memory, this.share);
    return this.last;
  }

  /** Same unit, selection and spec, and no table changed outside this frame's change set. */
  private sameContext(input: HwInput, unit: number, iommu: string, spec: UnitCardsSpec): boolean {
    if (
      unit !== this.unit ||
      iommu !== this.iommu ||
      spec !== this.spec ||
      input.focusKey !== this.focusKey ||
      input.selectedDevice !== this.selectedDevice ||
      input.selectedProc !== this.selectedProc
    )
      return false;
    const sameFrame = input.upserted === this.upserted;
    return HW_TABLES.every((kind, i) => {
      const moved = input.tables[kind].version - (this.versions[i] ?? -1);
      if (moved === 0) return true;
      // One apply in this frame, whose rows the change set lists (touchesUnit checked them).
      return !sameFrame && moved === 1 && (input.upserted[kind].size > 0 || input.ghosts[kind].length > 0);
    });
  }
}
