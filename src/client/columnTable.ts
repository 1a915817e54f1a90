/**
 * ColumnTable: the main thread's copy of one view table (protocol/views.ts), kept as columns
 * (an Int32Array for numbers, an array for strings) with rows addressed by slot. `order` lists
 * slots sorted by the table's key columns, so a virtualised view reads rows [offset, offset + n)
 * without building objects for the others.
 */
import { TABLES } from '../protocol/views.ts';
import type { NumCol, StrCol, TableDelta, TableKind } from '../protocol/views.ts';

/** A row as an object (for tests, tooltips and the few rows a view draws as cards). */
export type RowObject = Record<string, number | string | null> & { key: string };

/** A row that a delta removed: its last values, kept for one publication so views can show it. */
export interface Ghost {
  key: string;
  num: Int32Array;
  str: (string | null)[];
}

const BINARY_INSERT_MAX = 64;

export class ColumnTable<K extends TableKind = TableKind> {
  readonly kind: K;
  readonly numCols: readonly string[];
  readonly strCols: readonly string[];
  /** Increases on every change. */
  version = 0;
  private readonly nn: number;
  private readonly ns: number;
  private readonly keyCols: number;
  private num = new Int32Array(0);
  private str: (string | null)[] = [];
  private keys: (string | null)[] = [];
  private readonly slots = new Map<string, number>();
  private free: number[] = [];
  private order: number[] = [];

  constructor(kind: K) {
    this.kind = kind;
    this.numCols = TABLES[kind].num;
    this.strCols = TABLES[kind].str;
    this.nn = this.numCols.length;
    this.ns = this.strCols.length;
    this.keyCols = TABLES[kind].key;
  }

  /** Number of rows. */
  get size(): number {
    return this.order.length;
  }

  /** Slot of the row at sorted position `i`. */
  slotAt(i: number): number {
    return this.order[i] ?? -1;
  }

  /** Slot of row `key`, or -1. */
  find(key: string): number {
    return this.slots.get(key) ?? -1;
  }

  /** Sorted position of row `key`, or -1. */
  positionOf(key: string): number {
    const slot = this.find(key);
    if (slot < 0) return -1;
    const at = this.lowerBound(slot);
    return this.order[at] === slot ? at : this.order.indexOf(slot);
  }

  /** Sorted positions [from, to) of the rows whose leading key columns equal `prefix`. */
  range(prefix: readonly number[]): [number, number] {
    const cmp = (slot: number): number => {
      for (let c = 0; c < prefix.length; c++) {
        const d = this.nAt(slot, c) - prefix[c]!;
        if (d !== 0) return d;
      }
      return 0;
    };
    const bound = (upper: boolean): number => {
      let lo = 0;
      let hi = this.order.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        const d = cmp(this.order[mid]!);
        if (d < 0 || (upper && d === 0)) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    return [bound(false), bound(true)];
  }

  key(slot: number): string {
    return this.keys[slot] ?? '';
  }

  n(slot: number, col: NumCol<K>): number {
    return this.num[slot * this.nn + this.numCols.indexOf(col)] ?? 0;
  }

  s(slot: number, col: StrCol<K>): string | null {
    return this.str[slot * this.ns + this.strCols.indexOf(col)] ?? null;
  }

  /** Numeric column by index (hot loops). */
  nAt(slot: number, c: number): number {
    return this.num[slot * this.nn + c] ?? 0;
  }

  /** String column by index (hot loops). */
  sAt(slot: number, c: number): string | null {
    return this.str[slot * this.ns + c] ?? null;
  }

  /** The row in `slot` as an object. */
  object(slot: number): RowObject {
    const out: RowObject = { key: this.key(slot) };
    this.numCols.forEach((c, i) => (out[c] = this.nAt(slot, i)));
    this.strCols.forEach((c, i) => (out[c] = this.sAt(slot, i)));
    return out;
  }

  /** Every row as an object, in sorted order (small tables and tests only). */
  objects(): RowObject[] {
    return this.order.map((slot) => this.object(slot));
  }

  /**
   * Merges a delta. Upserted keys go to `upserted`, rows removed (with their last values) to
   * `ghosts`, so a view can highlight what the step changed.
   */
  apply(d: TableDelta, upserted: Set<string>, ghosts: Ghost[]): void {
    if (d.reset) this.clear();
    let structural = d.reset;
    let inserts = 0;
    for (const key of d.removed) {
      const slot = this.slots.get(key);
      if (slot === undefined) continue;
      ghosts.push({
        key,
        num: this.num.slice(slot * this.nn, (slot + 1) * this.nn),
        str: this.str.slice(slot * this.ns, (slot + 1) * this.ns),
      });
      this.removeFromOrder(slot, d.removed.length);
      this.slots.delete(key);
      this.keys[slot] = null;
      this.free.push(slot);
      structural = true;
    }
    const fresh: number[] = [];
    d.keys.forEach((key, k) => {
      let slot = this.slots.get(key);
      if (slot === undefined) {
        slot = this.allocate(key);
        fresh.push(slot);
        inserts++;
      }
      this.num.set(d.num.subarray(k * this.nn, (k + 1) * this.nn), slot * this.nn);
      for (let c = 0; c < this.ns; c++) this.str[slot * this.ns + c] = d.str[k * this.ns + c] ?? null;
      if (!d.reset) upserted.add(key);
    });
    if (d.reset || inserts > BINARY_INSERT_MAX) {
      this.order = [...this.slots.values()].sort((a, b) => this.compare(a, b));
    } else {
      for (const slot of fresh) this.order.splice(this.lowerBound(slot), 0, slot);
    }
    if (structural || d.keys.length > 0) this.version++;
  }

  private clear(): void {
    this.num = new Int32Array(0);
    this.str = [];
    this.keys = [];
    this.slots.clear();
    this.free = [];
    this.order = [];
  }

  private allocate(key: string): number {
    let slot = this.free.pop();
    if (slot === undefined) {
      slot = this.keys.length;
      this.keys.push(null);
      if ((slot + 1) * this.nn > this.num.length) {
        const grown = new Int32Array(Math.max(16, (slot + 1) * 2) * this.nn);
        grown.set(this.num);
        this.num = grown;
      }
    }
    this.keys[slot] = key;
    this.slots.set(key, slot);
    return slot;
  }

  private removeFromOrder(slot: number, batch: number): void {
    const at = batch > BINARY_INSERT_MAX ? -1 : this.lowerBound(slot);
    if (at >= 0 && this.order[at] === slot) this.order.splice(at, 1);
    else this.order = this.order.filter((s) => s !== slot);
  }

  private compare(a: number, b: number): number {
    for (let c = 0; c < this.keyCols; c++) {
      const d = this.nAt(a, c) - this.nAt(b, c);
      if (d !== 0) return d;
    }
    const ka = this.key(a);
    const kb = this.key(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  }

  /** First sorted position whose row does not sort before `slot`'s row. */
  private lowerBound(slot: number): number {
    let lo = 0;
    let hi = this.order.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.compare(this.order[mid]!, slot) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
