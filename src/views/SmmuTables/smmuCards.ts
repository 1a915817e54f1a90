/**
 * SMMUv3 diagram cards: STE (column 0) → L1CD (column 1, 2-level CD tables only) → CD (column 2)
 * for the masters of one SMMU. Only allocated leaves exist as rows, so only they are drawn;
 * each STE or leaf shows at most `maxCds` CDs (changed, cleared, focused and selected-process
 * CDs first), the rest summarised in a "more" card that points at the table mode.
 */
import type { ColumnTable, Ghost } from '../../client/columnTable.ts';
import type { CardField, EntryCard } from '../shared/cards.ts';
import type { KindSpec } from '../shared/entryRows.tsx';
import { fieldText, ptrProc, ptrText } from '../shared/entryText.ts';
import { fieldChanged, rowChange } from '../shared/hwInput.ts';
import type { HwInput } from '../shared/hwInput.ts';
import { pushEntryGroups } from '../shared/entryGroups.ts';
import type { EntryRowAccess } from '../shared/entryGroups.ts';

export const SMMU_COLUMNS = ['Stream table (STE)', 'CD table level 1 (L1CD)', 'Context descriptors (CD)'] as const;

/** The table mode's tabs and columns. */
export const SMMU_KINDS: readonly KindSpec[] = [
  {
    kind: 'ste',
    label: 'STE',
    cols: [
      { col: 'sid', label: 'SID' },
      { col: 'V', label: 'V' },
      { col: 'Config', label: 'Config' },
      { col: 'S1Fmt', label: 'S1Fmt' },
      { col: 'S1CDMax', label: 'S1CDMax' },
      { col: 'S1DSS', label: 'S1DSS' },
      { col: 'S1ContextPtr', label: 'S1ContextPtr' },
      { col: 'EATS', label: 'EATS' },
    ],
  },
  {
    kind: 'l1cd',
    label: 'L1CD',
    cols: [
      { col: 'l1', label: 'Index' },
      { col: 'V', label: 'V' },
      { col: 'L2Ptr', label: 'L2Ptr' },
    ],
  },
  {
    kind: 'cd',
    label: 'CD',
    cols: [
      { col: 'ssid', label: 'SSID' },
      { col: 'V', label: 'V' },
      { col: 'ASID', label: 'ASID' },
      { col: 'TTB0', label: 'TTB0 →', ptr: true },
      { col: 'EPD0', label: 'EPD0' },
    ],
  },
];

const STE_FIELDS = ['V', 'Config', 'S1Fmt', 'S1CDMax', 'S1DSS', 'S1ContextPtr', 'EATS'] as const;

interface CdRow {
  key: string;
  sid: number;
  ssid: number;
  V: number;
  ASID: number;
  EPD0: number;
  TTB0: string | null;
  ghost: boolean;
}

const CD_ROWS: EntryRowAccess<CdRow> = { kind: 'cd', index: (r) => r.ssid, ptr: (r) => r.TTB0 };

function cdRows(t: ColumnTable<'cd'>, ghosts: readonly Ghost[], unit: number, sid: number): CdRow[] {
  const out: CdRow[] = [];
  const [from, to] = t.range([unit, sid]);
  for (let i = from; i < to; i++) {
    const s = t.slotAt(i);
    out.push({
      key: t.key(s),
      sid,
      ssid: t.n(s, 'ssid'),
      V: t.n(s, 'V'),
      ASID: t.n(s, 'ASID'),
      EPD0: t.n(s, 'EPD0'),
      TTB0: t.s(s, 'TTB0'),
      ghost: false,
    });
  }
  for (const g of ghosts) {
    // Ghost columns follow TABLES.cd: num [unit, sid, ssid, V, ASID, EPD0, …], str [iommu, dev, TTB0].
    if (g.num[0] !== unit || g.num[1] !== sid) continue;
    out.push({
      key: g.key,
      sid,
      ssid: g.num[2]!,
      V: g.num[3]!,
      ASID: g.num[4]!,
      EPD0: g.num[5]!,
      TTB0: g.str[2] ?? null,
      ghost: true,
    });
  }
  return out.sort((a, b) => a.ssid - b.ssid);
}

function cdCard(input: HwInput, r: CdRow, parent: string): EntryCard {
  const f = (name: string, value: string, proc?: string | null): CardField => ({
    name,
    value,
    changed: fieldChanged(input, r.key, name),
    ...(proc !== undefined ? { proc } : {}),
  });
  return {
    id: r.key,
    column: 2,
    parent,
    title: `CD[${r.ssid}]`,
    subtitle: r.ssid === 0 ? 'RID (no PASID)' : `SSID ${r.ssid}`,
    fields: [
      f('V', String(r.V)),
      f('ASID', String(r.ASID)),
      f('TTB0', r.EPD0 ? `${ptrText(r.TTB0)} (ignored)` : ptrText(r.TTB0), ptrProc(r.TTB0)),
      f('EPD0', r.EPD0 ? '1 · no walk' : '0'),
    ],
    state: r.ghost ? 'ghost' : rowChange(input, 'cd', r.key),
    focused: input.focusKey === r.key || (input.selectedProc !== null && ptrProc(r.TTB0) === input.selectedProc),
  };
}

/**
 * Cards for the masters of `iommu` (all of them, or only `devices`). Given the IOMMU's `unit`,
 * only its rows of the stream table are read (the table holds every SMMU's masters, a thousand
 * on the bench topology).
 */
export function smmuCards(
  input: HwInput,
  iommu: string,
  devices: ReadonlySet<string> | null,
  { maxCds = 6, unit: only }: { maxCds?: number; unit?: number } = {}
): EntryCard[] {
  const cards: EntryCard[] = [];
  const { ste, l1cd, cd } = input.tables;
  const [from, to] = only === undefined ? [0, ste.size] : ste.range([only]);
  for (let i = from; i < to; i++) {
    const s = ste.slotAt(i);
    const dev = ste.s(s, 'dev') ?? '';
    if (ste.s(s, 'iommu') !== iommu || (devices !== null && !devices.has(dev))) continue;
    const key = ste.key(s);
    const sid = ste.n(s, 'sid');
    const unit = ste.n(s, 'unit');
    const fields = STE_FIELDS.map((name): CardField => ({
      name,
      value: name === 'S1ContextPtr' ? (ste.s(s, name) ?? '—') : fieldText(name, ste.n(s, name)),
      changed: fieldChanged(input, key, name),
    }));
    cards.push({
      id: key,
      column: 0,
      parent: null,
      title: `STE[${sid}]`,
      subtitle: dev,
      fields,
      state: rowChange(input, 'ste', key),
      focused: input.focusKey === key || input.selectedDevice === dev,
    });
    const leaves = new Map<number, string>();
    const [l1From, l1To] = l1cd.range([unit, sid]);
    for (let j = l1From; j < l1To; j++) {
      const l = l1cd.slotAt(j);
      const lkey = l1cd.key(l);
      const idx = l1cd.n(l, 'l1');
      leaves.set(idx, lkey);
      cards.push({
        id: lkey,
        column: 1,
        parent: key,
        title: `L1CD[${idx}]`,
        subtitle: `SSIDs ${idx * 1024}–${idx * 1024 + 1023}`,
        fields: [
          { name: 'V', value: String(l1cd.n(l, 'V')), changed: fieldChanged(input, lkey, 'V') },
          { name: 'L2Ptr', value: l1cd.s(l, 'L2Ptr') ?? '—', changed: fieldChanged(input, lkey, 'L2Ptr') },
        ],
        state: rowChange(input, 'l1cd', lkey),
        focused: input.focusKey === lkey,
      });
    }
    const rows = cdRows(cd, input.ghosts.cd, unit, sid);
    const groups = new Map<string, CdRow[]>();
    for (const r of rows) {
      const parent = leaves.get(r.ssid >> 10) ?? key;
      // Appended in place: copying the list per row was quadratic in a device's entries.
      const list = groups.get(parent);
      if (list) list.push(r);
      else groups.set(parent, [r]);
    }
    pushEntryGroups(cards, input, CD_ROWS, groups, {
      max: maxCds,
      column: 2,
      noun: 'CDs',
      card: (r, parent) => cdCard(input, r, parent),
    });
  }
  return cards;
}
