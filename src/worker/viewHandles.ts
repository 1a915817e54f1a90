/**
 * The SVA handle table of the view sections (TABLES.handle), diffed against what was last sent.
 * Part of ViewDiffer (viewModel.ts), one per epoch like it.
 *
 * Given the engine's record of what the steps since the last call touched (Touched.handles and
 * .domainUsers), it re-reads only those handles' rows; without one it reads every handle (thousands
 * in the bench scenario, a signature string each, every frame). Both paths give the same rows in
 * the same order and the same removed keys.
 *
 * Two live handles can hold one row key: a bind after the core API detached the slot of an earlier
 * handle of the same mm makes a second one on the same (group, PASID). The row shows the newest
 * (the one a bind last put in the slot). It used to show whichever a frame listed last: after a
 * delta the client could hold another row than a full frame gives, and the earlier handle's row was
 * re-sent in every frame.
 * May import: engine, protocol, this folder.
 */
import type { SimState, SvaHandle, Touched } from '../engine/index.ts';
import { handleKey, handleRow, handleSig } from './viewRows.ts';
import type { Row } from './viewRows.ts';

/** Rows changed and keys removed in one table. */
export interface TableChanges {
  changed: Row[];
  removed: string[];
}

/** What we know of a live handle; both fields are fixed for its life. */
interface Known {
  key: string;
  domain: string;
}

/** Row order: (device, PASID), unique per row: one row per (group, PASID) key, and a device has one group. */
const byRowOrder = (a: Row, b: Row): number => a.num[0]! - b.num[0]! || a.num[1]! - b.num[1]!;

function insertSorted(list: number[], id: number): void {
  let i = list.length;
  while (i > 0 && list[i - 1]! > id) i--;
  list.splice(i, 0, id);
}

function remove(list: number[] | undefined, id: number): void {
  const at = list ? list.indexOf(id) : -1;
  if (at >= 0) list!.splice(at, 1);
}

export class HandleTable {
  /**
   * The signature last sent per row key, in the order a full scan meets the keys (SimState.handles
   * is in insertion order, i.e. by id): removals are listed in that order.
   */
  private sigs = new Map<string, string>();
  /** Live handle ids per row key, ascending. The key's first id orders removals like the full scan. */
  private byKey = new Map<string, number[]>();
  private known = new Map<number, Known>();
  /** Live handle ids per domain: a change of domain->users shows in all their rows. */
  private byDomain = new Map<string, number[]>();

  /** Rows changed since the last call into `out`. `t`: the steps' record, or null to read all handles. */
  diff(s: Readonly<SimState>, t: Touched | null, reset: boolean, out: TableChanges): void {
    if (t && !reset) this.touched(s, t, out);
    else this.full(s, reset, out);
    if (out.changed.length > 1) out.changed.sort(byRowOrder);
  }

  /** Takes every row as sent without building rows: the start of one step's diff (stepMarks.ts). */
  prime(s: Readonly<SimState>): void {
    this.full(s, true, null);
  }

  /** `out` null: remember the rows without listing them (prime). */
  private full(s: Readonly<SimState>, reset: boolean, out: TableChanges | null): void {
    const prev = this.sigs;
    const prevByKey = this.byKey;
    this.sigs = new Map();
    this.byKey = new Map();
    this.known.clear();
    this.byDomain.clear();
    const rows = new Map<string, SvaHandle>();
    for (const h of s.handles.values()) {
      const key = handleKey(h);
      this.remember(h.id, key, h.domain);
      rows.set(key, h); // by id: a shared key keeps its newest handle
    }
    for (const [key, h] of rows) {
      const { sig } = handleSig(s, h);
      this.sigs.set(key, sig);
      if (out && (reset || prev.get(key) !== sig)) out.changed.push(handleRow(s, h));
    }
    if (reset || !out) return;
    const gone: string[] = [];
    for (const key of prev.keys()) if (!this.sigs.has(key)) gone.push(key);
    // The order the keys were met in: by their first handle (`sigs` gets out of that order when
    // the touched path adds keys or the first handle of a shared key goes).
    if (gone.length > 1) gone.sort((a, b) => prevByKey.get(a)![0]! - prevByKey.get(b)![0]!);
    out.removed.push(...gone);
  }

  private touched(s: Readonly<SimState>, t: Touched, out: TableChanges): void {
    // Keys to re-read, with their first handle id before this call (-1: none) to order removals.
    const keys = new Map<string, number>();
    const note = (key: string): void => {
      if (!keys.has(key)) keys.set(key, this.byKey.get(key)?.[0] ?? -1);
    };
    for (const id of t.handles) {
      const h = s.handles.get(id);
      const was = this.known.get(id);
      if (was) {
        note(was.key);
        if (!h) this.forget(id, was);
      } else if (h) {
        const key = handleKey(h);
        note(key);
        this.remember(id, key, h.domain);
      }
      // Neither: made and deleted since the last call; never sent.
    }
    // After the loop above: the domain's handles now, new ones included.
    for (const dom of t.domainUsers) for (const id of this.byDomain.get(dom) ?? []) note(this.known.get(id)!.key);
    const gone: [string, number][] = [];
    for (const [key, first] of keys) {
      const ids = this.byKey.get(key);
      const old = this.sigs.get(key);
      if (!ids) {
        if (old !== undefined) {
          this.sigs.delete(key);
          gone.push([key, first]);
        }
        continue;
      }
      const h = s.handles.get(ids[ids.length - 1]!)!; // the newest
      const { sig } = handleSig(s, h);
      if (old === sig) continue;
      this.sigs.set(key, sig);
      out.changed.push(handleRow(s, h));
    }
    if (gone.length > 1) gone.sort((a, b) => a[1] - b[1]);
    for (const [key] of gone) out.removed.push(key);
  }

  private remember(id: number, key: string, domain: string): void {
    this.known.set(id, { key, domain });
    const ids = this.byKey.get(key);
    if (!ids) this.byKey.set(key, [id]);
    else insertSorted(ids, id);
    const dom = this.byDomain.get(domain);
    if (dom) dom.push(id);
    else this.byDomain.set(domain, [id]);
  }

  private forget(id: number, was: Known): void {
    this.known.delete(id);
    const ids = this.byKey.get(was.key);
    remove(ids, id);
    if (ids && ids.length === 0) this.byKey.delete(was.key);
    const dom = this.byDomain.get(was.domain);
    remove(dom, id);
    if (dom && dom.length === 0) this.byDomain.delete(was.domain);
  }
}
