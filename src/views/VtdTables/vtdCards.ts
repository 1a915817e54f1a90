/**
 * VT-d diagram cards for one unit: root entry (column 0) → scalable-mode context entry
 * (column 1) → PASID directory entry (column 2) → PASID table entries (column 3). Each
 * directory entry shows at most `maxEntries` PASID entries (changed, cleared, focused and
 * selected-process ones first); the rest are summarised.
 */
import type { ColumnTable, Ghost } from '../../client/columnTable.ts';
import type { CardField, EntryCard } from '../shared/cards.ts';
import type { KindSpec } from '../shared/entryRows.tsx';
import { fieldText, ptrProc, ptrText } from '../shared/entryText.ts';
import { fieldChanged, rowChange } from '../shared/hwInput.ts';
import type { HwInput } from '../shared/hwInput.ts';
import { pushEntryGroups } from '../shared/entryGroups.ts';
import type { EntryRowAccess } from '../shared/entryGroups.ts';

export const VTD_COLUMNS = ['Root table', 'Context entry', 'PASID directory', 'PASID table entries'] as const;

/** The table mode's tabs and columns. */
export const VTD_KINDS: readonly KindSpec[] = [
  {
    kind: 'root',
    label: 'Root',
    cols: [
      { col: 'bus', label: 'Bus' },
      { col: 'LP', label: 'LP' },
      { col: 'UP', label: 'UP' },
    ],
  },
  {
    kind: 'ctx',
    label: 'Context',
    cols: [
      { col: 'bdf', label: 'BDF' },
      { col: 'P', label: 'P' },
      { col: 'PASIDE', label: 'PASIDE' },
      { col: 'PDTS', label: 'PDTS' },
      { col: 'RID_PASID', label: 'RID_PASID' },
      { col: 'DTE', label: 'DTE' },
      { col: 'PRE', label: 'PRE' },
    ],
  },
  {
    kind: 'pdir',
    label: 'PASID dir',
    cols: [
      { col: 'dir', label: 'Index' },
      { col: 'P', label: 'P' },
      { col: 'FPD', label: 'FPD' },
    ],
  },
  {
    kind: 'pte',
    label: 'PASID table',
    cols: [
      { col: 'pasid', label: 'PASID' },
      { col: 'P', label: 'P' },
      { col: 'FPD', label: 'FPD' },
      { col: 'PGTT', label: 'PGTT' },
      { col: 'DID', label: 'DID' },
      { col: 'FLPTR', label: 'FLPTR →', ptr: true },
    ],
  },
];

const CTX_FIELDS = ['P', 'FPD', 'DTE', 'PASIDE', 'PRE', 'PDTS', 'RID_PASID'] as const;

interface PteRow {
  key: string;
  pasid: number;
  P: number;
  FPD: number;
  PGTT: number;
  DID: number;
  SRE: number;
  FLPTR: string | null;
  ghost: boolean;
}

const PTE_ROWS: EntryRowAccess<PteRow> = { kind: 'pte', index: (r) => r.pasid, ptr: (r) => r.FLPTR };

function pteRows(t: ColumnTable<'pte'>, ghosts: readonly Ghost[], unit: number, sid: number): PteRow[] {
  const out: PteRow[] = [];
  const [from, to] = t.range([unit, sid]);
  for (let i = from; i < to; i++) {
    const s = t.slotAt(i);
    out.push({
      key: t.key(s),
      pasid: t.n(s, 'pasid'),
      P: t.n(s, 'P'),
      FPD: t.n(s, 'FPD'),
      PGTT: t.n(s, 'PGTT'),
      DID: t.n(s, 'DID'),
      SRE: t.n(s, 'SRE'),
      FLPTR: t.s(s, 'FLPTR'),
      ghost: false,
    });
  }
  for (const g of ghosts) {
    // TABLES.pte: num [unit, sid, pasid, P, FPD, PGTT, DID, SRE], str [iommu, dev, bdf, FLPTR].
    if (g.num[0] !== unit || g.num[1] !== sid) continue;
    const [, , pasid, P, FPD, PGTT, DID, SRE] = g.num;
    out.push({
      key: g.key,
      pasid: pasid!,
      P: P!,
      FPD: FPD!,
      PGTT: PGTT!,
      DID: DID!,
      SRE: SRE!,
      FLPTR: g.str[3] ?? null,
      ghost: true,
    });
  }
  return out.sort((a, b) => a.pasid - b.pasid);
}

function pteCard(input: HwInput, r: PteRow, parent: string): EntryCard {
  const f = (name: string, value: string, proc?: string | null): CardField => ({
    name,
    value,
    changed: fieldChanged(input, r.key, name),
    ...(proc !== undefined ? { proc } : {}),
  });
  return {
    id: r.key,
    column: 3,
    parent,
    title: `PASID ${r.pasid}`,
    subtitle: r.pasid === 0 ? 'RID_PASID' : `dir ${r.pasid >> 6} · entry ${r.pasid & 63}`,
    fields: [
      f('P', String(r.P)),
      f('FPD', String(r.FPD)),
      f('PGTT', fieldText('PGTT', r.PGTT)),
      f('DID', r.DID === 1 ? '1 · FLPT_DEFAULT' : String(r.DID)),
      f('FLPTR', ptrText(r.FLPTR), ptrProc(r.FLPTR)),
      f('SRE', String(r.SRE)),
    ],
    state: r.ghost ? 'ghost' : rowChange(input, 'pte', r.key),
    focused: input.focusKey === r.key || (input.selectedProc !== null && ptrProc(r.FLPTR) === input.selectedProc),
  };
}

/**
 * Cards for the devices of VT-d unit `iommu` (all of them, or only `devices`). Given the unit's
 * index, only its rows of the context table are read (the table holds every unit's devices).
 */
export function vtdCards(
  input: HwInput,
  iommu: string,
  devices: ReadonlySet<string> | null,
  { maxEntries = 6, unit: only }: { maxEntries?: number; unit?: number } = {}
): EntryCard[] {
  const cards: EntryCard[] = [];
  const { root, ctx, pdir, pte } = input.tables;
  const roots = new Map<number, string>();
  const bit = (v: number): string => String(v);
  const [from, to] = only === undefined ? [0, ctx.size] : ctx.range([only]);
  for (let i = from; i < to; i++) {
    const s = ctx.slotAt(i);
    const dev = ctx.s(s, 'dev') ?? '';
    if (ctx.s(s, 'iommu') !== iommu || (devices !== null && !devices.has(dev))) continue;
    const unit = ctx.n(s, 'unit');
    const sid = ctx.n(s, 'sid');
    const bus = sid >> 8;
    if (!roots.has(bus)) {
      const r = root.find(`${iommu}:ROOT[${bus}]`);
      const rkey = `${iommu}:ROOT[${bus}]`;
      roots.set(bus, rkey);
      cards.push({
        id: rkey,
        column: 0,
        parent: null,
        title: `ROOT[${bus}]`,
        subtitle: `bus ${bus.toString(16).padStart(2, '0')}`,
        fields: [
          { name: 'LP', value: r < 0 ? '0' : bit(root.n(r, 'LP')), changed: fieldChanged(input, rkey, 'LP') },
          { name: 'UP', value: r < 0 ? '0' : bit(root.n(r, 'UP')), changed: fieldChanged(input, rkey, 'UP') },
        ],
        state: rowChange(input, 'root', rkey),
      });
    }
    const key = ctx.key(s);
    cards.push({
      id: key,
      column: 1,
      parent: roots.get(bus)!,
      title: `CTX[${ctx.s(s, 'bdf') ?? sid}]`,
      subtitle: dev,
      fields: CTX_FIELDS.map((name) => ({
        name,
        value: fieldText(name, ctx.n(s, name)),
        changed: fieldChanged(input, key, name),
      })),
      state: rowChange(input, 'ctx', key),
      focused: input.focusKey === key || input.selectedDevice === dev,
    });
    const dirs = new Map<number, string>();
    const [dFrom, dTo] = pdir.range([unit, sid]);
    for (let j = dFrom; j < dTo; j++) {
      const d = pdir.slotAt(j);
      const dkey = pdir.key(d);
      const idx = pdir.n(d, 'dir');
      dirs.set(idx, dkey);
      cards.push({
        id: dkey,
        column: 2,
        parent: key,
        title: `DIR[${idx}]`,
        subtitle: `PASIDs ${idx * 64}–${idx * 64 + 63}`,
        fields: [
          { name: 'P', value: bit(pdir.n(d, 'P')), changed: fieldChanged(input, dkey, 'P') },
          { name: 'FPD', value: bit(pdir.n(d, 'FPD')), changed: fieldChanged(input, dkey, 'FPD') },
        ],
        state: rowChange(input, 'pdir', dkey),
        focused: input.focusKey === dkey,
      });
    }
    const groups = new Map<string, PteRow[]>();
    for (const r of pteRows(pte, input.ghosts.pte, unit, sid)) {
      const parent = dirs.get(r.pasid >> 6) ?? key;
      // Appended in place: copying the list per row was quadratic in a device's entries.
      const list = groups.get(parent);
      if (list) list.push(r);
      else groups.set(parent, [r]);
    }
    pushEntryGroups(cards, input, PTE_ROWS, groups, {
      max: maxEntries,
      column: 3,
      noun: 'entries',
      card: (r, parent) => pteCard(input, r, parent),
    });
  }
  return cards;
}
