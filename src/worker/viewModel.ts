/**
 * ViewDiffer: turns the current SimState into the view sections of a frame (protocol/views.ts),
 * listing only rows and PASID cells that changed since the previous call. One per epoch, like
 * Differ: its first call returns everything with `reset` set.
 *
 * Hardware tables change only through memory writes, and every write is a `write` effect named
 * like the row key, so a delta re-reads just the rows the steps since the last call wrote
 * (pass their effects). SVA handles, kernel PASIDs and the global PASID holders change only
 * through kernel state the engine's Touched record covers, so a delta re-reads what the steps
 * touched (pass the record; viewHandles.ts, viewHolders.ts). Without effects or record it
 * re-reads everything. Counters are compared as a few numbers per IOMMU.
 * May import: engine, protocol, this folder.
 */
import type { Effect, SimState, Touched } from '../engine/index.ts';
import { TABLE_KINDS, TABLES } from '../protocol/views.ts';
import type { TableDelta, TableKind, ViewSections } from '../protocol/views.ts';
import { EntryReader } from './viewEntry.ts';
import { HandleTable } from './viewHandles.ts';
import type { TableChanges } from './viewHandles.ts';
import { HolderTable } from './viewHolders.ts';
import { hwStatsChanged, kpasidRows, readHwStats, readRows } from './viewRows.ts';
import type { Row } from './viewRows.ts';

const signature = (r: Row): string => `${r.num.join(',')}|${r.str.join('\u0001')}`;

function encode(kind: TableKind, rows: Row[], removed: string[], reset: boolean): TableDelta {
  const { num: numCols, str: strCols } = TABLES[kind];
  const num = new Int32Array(rows.length * numCols.length);
  const str: (string | null)[] = new Array<string | null>(rows.length * strCols.length);
  rows.forEach((r, k) => {
    num.set(r.num, k * numCols.length);
    for (let c = 0; c < strCols.length; c++) str[k * strCols.length + c] = r.str[c] ?? null;
  });
  return { reset, keys: rows.map((r) => r.key), num, str, removed };
}

type Pending = TableChanges;

export class ViewDiffer {
  private first = true;
  private readonly sigs = new Map<TableKind, Map<string, string>>(TABLE_KINDS.map((k) => [k, new Map()]));
  private readonly handles = new HandleTable();
  private readonly holders = new HolderTable();
  /** readHwStats' values as last sent (hwStatsChanged). */
  private readonly stats: number[] = [];

  /**
   * Sections for everything that changed since the last call (the first call returns
   * everything). `effects`: every effect of the steps applied since the last call, or omit it
   * to re-read all rows. `touched`: the engine's record of what those steps touched
   * (Timeline.takeTouched), or null/omitted to re-read all handles, kernel PASIDs and holders.
   */
  diff(s: Readonly<SimState>, effects?: readonly Effect[], touched?: Touched | null): ViewSections {
    const reset = this.first;
    this.first = false;
    const t = reset ? null : (touched ?? null);
    const pending = new Map<TableKind, Pending>(TABLE_KINDS.map((k) => [k, { changed: [], removed: [] }]));
    if (reset || effects === undefined) this.fullTables(s, pending, reset);
    else this.writtenTables(s, effects, pending);
    this.handles.diff(s, t, reset, pending.get('handle')!);
    // Kernel PASIDs are taken and freed only with the global IDA (Touched.globals); a few rows.
    if (!t || t.globals) this.replaceAll('kpasid', kpasidRows(s), pending.get('kpasid')!, reset);

    const out: ViewSections = {};
    for (const kind of TABLE_KINDS) {
      const p = pending.get(kind)!;
      if (!reset && p.changed.length === 0 && p.removed.length === 0) continue;
      (out.tables ??= {})[kind] = encode(kind, p.changed, p.removed, reset);
    }
    const holders = this.holders.diff(s, t, reset);
    if (holders) out.holders = holders;
    if (hwStatsChanged(s, this.stats) || reset) out.hwStats = readHwStats(s);
    return out;
  }

  private fullTables(s: Readonly<SimState>, pending: Map<TableKind, Pending>, reset: boolean): void {
    const rows = readRows(s);
    for (const kind of TABLE_KINDS) {
      if (kind === 'handle' || kind === 'kpasid') continue;
      const p = pending.get(kind)!;
      this.replaceAll(kind, rows[kind], p, reset);
      // As writtenTables sends them: a state scan meets a device's CD table where the table was made,
      // not in SID order, and both ways must send the same delta.
      sortByKey(kind, p.changed);
    }
  }

  /** Compares a whole table's rows with what was sent (removed = sent but absent now). */
  private replaceAll(kind: TableKind, rows: Row[], p: Pending, reset: boolean): void {
    const prev = this.sigs.get(kind)!;
    const next = new Map<string, string>();
    for (const r of rows) {
      const sig = signature(r);
      next.set(r.key, sig);
      if (reset || prev.get(r.key) !== sig) p.changed.push(r);
    }
    if (!reset) for (const k of prev.keys()) if (!next.has(k)) p.removed.push(k);
    this.sigs.set(kind, next);
  }

  private writtenTables(s: Readonly<SimState>, effects: readonly Effect[], pending: Map<TableKind, Pending>): void {
    const reader = new EntryReader(s);
    const seen = new Set<string>();
    for (const e of effects) {
      if (e.kind !== 'write') continue;
      const id = `${e.iommu}:${e.entry}`;
      if (seen.has(id)) continue;
      seen.add(id);
      const hit = reader.read(e.iommu, e.entry);
      if (!hit) continue;
      const prev = this.sigs.get(hit.kind)!;
      const p = pending.get(hit.kind)!;
      if (hit.row === null) {
        if (prev.delete(hit.key)) p.removed.push(hit.key);
        continue;
      }
      const sig = signature(hit.row);
      if (prev.get(hit.key) === sig) continue;
      prev.set(hit.key, sig);
      p.changed.push(hit.row);
    }
    for (const [kind, p] of pending) sortByKey(kind, p.changed);
  }
}

/** Changed rows in the order of the table's key columns (the client sorts them so too). */
function sortByKey(kind: TableKind, rows: Row[]): void {
  if (rows.length < 2) return;
  const keyCols = TABLES[kind].key;
  rows.sort((a, b) => {
    for (let c = 0; c < keyCols; c++) if (a.num[c] !== b.num[c]) return a.num[c]! - b.num[c]!;
    return 0;
  });
}
