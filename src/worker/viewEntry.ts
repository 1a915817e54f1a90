/**
 * Re-reads single view rows by the entry names the engine's `write` effects use, so a delta
 * frame costs what the step wrote, not the size of the tables. See ViewDiffer.
 * May import: engine, protocol, this folder.
 */
import type { SimState } from '../engine/index.ts';
import type { TableKind } from '../protocol/views.ts';
import { cdRow, ctxRow, l1cdRow, pdirRow, pteRow, rootRow, steRow, vtdDevs } from './viewRows.ts';
import type { Row, VtdDev } from './viewRows.ts';

const ENTRY = /^(STE|L1CD|CD|ROOT|CTX|PASIDDIR|PASIDTE)\[([^\]]+)\](?:\[(\d+)\])?$/;

const KIND: Record<string, TableKind> = {
  STE: 'ste',
  L1CD: 'l1cd',
  CD: 'cd',
  ROOT: 'root',
  CTX: 'ctx',
  PASIDDIR: 'pdir',
  PASIDTE: 'pte',
};

export interface EntryRow {
  kind: TableKind;
  key: string;
  /** null: the entry is gone (cleared, or outside what the tables list). */
  row: Row | null;
}

/** Per-diff lookups (unit numbers, VT-d source-ids by BDF), built on first use. */
export class EntryReader {
  private readonly s: Readonly<SimState>;
  private units: Map<string, number> | null = null;
  private readonly bdfs = new Map<string, Map<string, { sid: number; d: VtdDev }>>();

  constructor(s: Readonly<SimState>) {
    this.s = s;
  }

  private unit(iommu: string): number {
    this.units ??= new Map([...this.s.iommus.keys()].map((id, i) => [id, i]));
    return this.units.get(iommu) ?? -1;
  }

  private bdf(iommu: string, bdf: string): { sid: number; d: VtdDev } | undefined {
    let map = this.bdfs.get(iommu);
    if (!map) {
      map = new Map();
      const m = this.s.iommus.get(iommu);
      if (m?.type === 'vtd') for (const [sid, d] of vtdDevs(m.hw)) map.set(d.bdf, { sid, d });
      this.bdfs.set(iommu, map);
    }
    return map.get(bdf);
  }

  /** The current row for `entry` ("CD[0][3]") of `iommu`, or null when the name is not a listed table. */
  read(iommu: string, entry: string): EntryRow | null {
    const m = ENTRY.exec(entry);
    const u = this.s.iommus.get(iommu);
    if (!m || !u) return null;
    const kind = KIND[m[1]!]!;
    const key = `${iommu}:${entry}`;
    const unit = this.unit(iommu);
    const a = m[2]!;
    const b = m[3] === undefined ? -1 : Number(m[3]);
    let row: Row | null = null;
    if (u.type === 'smmuv3') {
      const sid = Number(a);
      const hw = u.hw;
      if (kind === 'ste') {
        const master = [...hw.masters.values()].find((x) => x.sids[0] === sid && x.inStrtab);
        row = master ? steRow(iommu, unit, hw, master) : null;
      } else if (kind === 'l1cd' || kind === 'cd') {
        const t = hw.cdTables.get(`L1CD[${sid}]`) ?? hw.cdTables.get(`CD[${sid}]`);
        if (t) row = kind === 'l1cd' ? l1cdRow(iommu, unit, sid, t, b) : cdRow(iommu, unit, sid, t, b);
      } else {
        return null;
      }
    } else {
      const hw = u.hw;
      if (kind === 'root') {
        row = rootRow(iommu, unit, hw, Number(a));
      } else {
        const hit = this.bdf(iommu, a);
        if (!hit) return { kind, key, row: null };
        const t = hw.pasidTables.get(hit.sid);
        if (kind === 'ctx') row = ctxRow(iommu, unit, hw, hit.sid, hit.d);
        else if (kind === 'pdir') row = t ? pdirRow(iommu, unit, hit.sid, t, hit.d, b) : null;
        else if (kind === 'pte') row = t ? pteRow(iommu, unit, hit.sid, t, hit.d, b) : null;
        else return null;
      }
    }
    return { kind, key, row };
  }
}
