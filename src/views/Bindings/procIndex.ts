/**
 * The incremental half of the bindings model. pickProcs ranks every candidate process and
 * groups every SVA handle by process on each call: thousands of each on a big topology, every
 * step. ProcIndex keeps both answers up to date instead: the handles by key and by process, and
 * the qualifying processes in two row-sorted lists (bound, and qualifying without a bind), so
 * picking the MAX_PROCS to draw reads a few entries from the front of each list. Callers tell it
 * which handles changed and which process rows to look at again; `pick` then gives what
 * pickProcs gives over the same state (procIndex.test.ts checks this on random histories).
 */
import type { HandleIn, ProcIn } from './bindingsModel.ts';
import { MAX_PROCS } from './limits.ts';

/** One SVA handle row with the handle table's sort key (device row, PASID, row key). */
export interface HandleRow {
  key: string;
  devIndex: number;
  h: HandleIn;
}

/** Where the index reads processes from (the frame cache in the app). */
export interface ProcSource {
  /** The process in row `row`, if any. */
  proc(row: number): ProcIn | undefined;
  /** Whether row `row` is among the candidates the graph may draw. */
  candidate(row: number): boolean;
  /** Row of process `id`, or -1. */
  rowOf(id: string): number;
  selectedProc: string | null;
}

const BOUND = 1;
const UNBOUND = 2;

/** Table order of the handle table (ColumnTable.compare for `handle`). */
function tableOrder(a: HandleRow, b: HandleRow): number {
  return a.devIndex - b.devIndex || a.h.pasid - b.h.pasid || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/** Index of the first element of sorted `list` not below `v`. */
function lowerBound(list: readonly number[], v: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class ProcIndex {
  private readonly handles = new Map<string, HandleRow>();
  private readonly byProc = new Map<string, Map<string, HandleRow>>();
  /** Rows of qualifying processes holding at least one handle, ascending. */
  private bound: number[] = [];
  /** Rows of qualifying processes without a handle, ascending. */
  private unbound: number[] = [];
  /** Which list each qualifying row is in. */
  private readonly listOf = new Map<number, number>();
  private readonly dirtyRows = new Set<number>();
  private readonly dirtyProcs = new Set<string>();

  get handleCount(): number {
    return this.handles.size;
  }

  /** Forgets everything (before a full reload). */
  clear(): void {
    this.handles.clear();
    this.byProc.clear();
    this.bound = [];
    this.unbound = [];
    this.listOf.clear();
    this.dirtyRows.clear();
    this.dirtyProcs.clear();
  }

  /** Adds or replaces handle `row.key`. */
  putHandle(row: HandleRow): void {
    this.dropHandle(row.key);
    this.handles.set(row.key, row);
    const own = this.byProc.get(row.h.proc);
    if (own) own.set(row.key, row);
    else this.byProc.set(row.h.proc, new Map([[row.key, row]]));
    this.dirtyProcs.add(row.h.proc);
  }

  dropHandle(key: string): void {
    const old = this.handles.get(key);
    if (!old) return;
    this.handles.delete(key);
    const own = this.byProc.get(old.h.proc);
    own?.delete(key);
    if (own?.size === 0) this.byProc.delete(old.h.proc);
    this.dirtyProcs.add(old.h.proc);
  }

  handle(key: string): HandleIn | undefined {
    return this.handles.get(key)?.h;
  }

  /** Marks process row `row` for a fresh look at the next `settle`. */
  touch(row: number): void {
    if (row >= 0) this.dirtyRows.add(row);
  }

  /** Re-evaluates every touched row and every process whose handles changed. */
  settle(src: ProcSource): void {
    for (const id of this.dirtyProcs) this.touch(src.rowOf(id));
    this.dirtyProcs.clear();
    for (const row of this.dirtyRows) this.place(row, this.classify(row, src));
    this.dirtyRows.clear();
  }

  /** Rebuilds both lists from `rows` (every candidate row), e.g. after a full reload. */
  rebuild(rows: Iterable<number>, src: ProcSource): void {
    this.bound = [];
    this.unbound = [];
    this.listOf.clear();
    this.dirtyRows.clear();
    this.dirtyProcs.clear();
    for (const row of rows) {
      const c = this.classify(row, src);
      if (c === 0 || this.listOf.has(row)) continue;
      this.listOf.set(row, c);
      (c === BOUND ? this.bound : this.unbound).push(row);
    }
    this.bound.sort((a, b) => a - b);
    this.unbound.sort((a, b) => a - b);
  }

  /**
   * The processes to draw: the selected one, those in `changedProcs`, then bound ones, then the
   * rest, each group in row order; the first MAX_PROCS, back in row order. `relevant` counts
   * every qualifying process.
   */
  pick(src: ProcSource, changedProcs: ReadonlySet<string>): { shown: ProcIn[]; relevant: number } {
    const rows: number[] = [];
    const take = (row: number): void => {
      if (rows.length < MAX_PROCS && this.listOf.has(row) && !rows.includes(row)) rows.push(row);
    };
    if (src.selectedProc !== null) take(src.rowOf(src.selectedProc));
    const changedRows = [...changedProcs].map((id) => src.rowOf(id)).sort((a, b) => a - b);
    for (const row of changedRows) take(row);
    for (let i = 0; i < this.bound.length && rows.length < MAX_PROCS; i++) take(this.bound[i]!);
    for (let i = 0; i < this.unbound.length && rows.length < MAX_PROCS; i++) take(this.unbound[i]!);
    rows.sort((a, b) => a - b);
    const shown = rows.map((row) => src.proc(row)).filter((p) => p !== undefined);
    return { shown, relevant: this.bound.length + this.unbound.length };
  }

  /** The handles of `procs`, in handle-table order. */
  handlesOf(procs: readonly ProcIn[]): HandleIn[] {
    const rows: HandleRow[] = [];
    for (const p of procs) for (const r of this.byProc.get(p.id)?.values() ?? []) rows.push(r);
    return rows.sort(tableOrder).map((r) => r.h);
  }

  /** 0: not drawn at all; BOUND / UNBOUND: which list the row belongs in (pickProcs' filter). */
  private classify(row: number, src: ProcSource): number {
    const p = src.candidate(row) ? src.proc(row) : undefined;
    if (!p) return 0;
    const bound = this.byProc.has(p.id);
    const qualifies = p.mmPasid !== null || bound || p.id === src.selectedProc || p.msr.some((m) => m !== null);
    return !qualifies ? 0 : bound ? BOUND : UNBOUND;
  }

  private place(row: number, c: number): void {
    const was = this.listOf.get(row) ?? 0;
    if (was === c) return;
    if (was !== 0) {
      const list = was === BOUND ? this.bound : this.unbound;
      list.splice(lowerBound(list, row), 1);
      this.listOf.delete(row);
    }
    if (c !== 0) {
      const list = c === BOUND ? this.bound : this.unbound;
      list.splice(lowerBound(list, row), 0, row);
      this.listOf.set(row, c);
    }
  }
}
