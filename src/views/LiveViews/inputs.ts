/**
 * Builds each live view's props from the mirrored state: the client's SimModel (topology,
 * processes, groups, domains, step log) plus the view sections (ViewState) and what the last
 * publication changed (ViewChanges). Pure; the containers call these once per frame.
 */
import type { SimModel } from '../../client/model.ts';
import { emptyViewChanges } from '../../client/viewState.ts';
import type { ViewChanges, ViewState } from '../../client/viewState.ts';
import { currentEffects } from './currentEffects.ts';
import type { FrameCache } from './frameCache.ts';
import { HOLDER } from '../../protocol/views.ts';
import type { NumCol, TableKind } from '../../protocol/views.ts';
import type { ColumnTable } from '../../client/columnTable.ts';
import type { Strip } from '../PasidSpace/DeviceStrips.tsx';
import { holderColor } from '../PasidSpace/holders.ts';
import type { HolderNames } from '../PasidSpace/holders.ts';
import { buildQueues } from '../Queues/queueModel.ts';
import type { QueueSection } from '../Queues/queueModel.ts';
import { writtenFields } from '../shared/entryText.ts';
import type { HwInput } from '../shared/hwInput.ts';

export interface Selection {
  device: string | null;
  proc: string | null;
}

let lastNames: { procIds: readonly string[]; table: unknown; version: number; names: HolderNames } | null = null;

/**
 * Names for holder codes. The same object comes back while the process list and the kernel
 * PASID table are unchanged, so the grid's memos keyed on it hold across ordinary steps.
 */
export function holderNames(procIds: readonly string[], views: ViewState): HolderNames {
  const t = views.tables.kpasid;
  const last = lastNames;
  if (last !== null && last.procIds === procIds && last.table === t && last.version === t.version) return last.names;
  const names = buildHolderNames(procIds, views);
  lastNames = { procIds, table: t, version: t.version, names };
  return names;
}

function buildHolderNames(procIds: readonly string[], views: ViewState): HolderNames {
  const kernel = new Map<number, string>();
  const t = views.tables.kpasid;
  for (let i = 0; i < t.size; i++) {
    const s = t.slotAt(i);
    kernel.set(t.n(s, 'pasid'), t.s(s, 'dev') ?? '?');
  }
  return { procs: procIds, kernel };
}

/** Groups with a strip of their own; the rest are counted. */
export const MAX_STRIPS = 10;
/** Marks drawn per strip. */
export const MAX_MARKS = 48;

const groupOfHandle = (key: string): string => key.slice(2, key.lastIndexOf(']['));

/** No row upserted or removed: what the hardware views highlight after anything but one step forward. */
const { upserted: NO_UPSERTS, ghosts: NO_GHOSTS } = emptyViewChanges();

/**
 * Strips for the groups worth showing: the selected device's, those the step changed, those
 * holding the selected process, then any with PASIDs attached (all groups when few).
 */
export function deviceStrips(
  model: SimModel,
  cache: FrameCache,
  changes: ViewChanges,
  sel: Selection
): { strips: Strip[]; hidden: number } {
  const topo = model.topology;
  if (!topo) return { strips: [], hidden: 0 };
  // The current step's handles, however the cursor got here (ViewChanges.step).
  const step = changes.step;
  const changed = new Set<string>();
  for (const key of step?.handles ?? []) changed.add(groupOfHandle(key));
  for (const key of step?.removedHandles ?? []) changed.add(groupOfHandle(key));
  const marked = (key: string): boolean => step?.handles.has(key) ?? false;
  // The model's own index, not a Map of every domain per step (thousands of SVA domains).
  const domainMm = (id: string): string | null => model.domain(id)?.mm ?? null;
  const few = topo.groups.length <= MAX_STRIPS;
  const rank = (gi: number): number => {
    const g = topo.groups[gi] ?? '';
    const devs = topo.groupDevices[gi] ?? [];
    if (sel.device !== null && devs.some((d) => topo.devices[d]?.id === sel.device)) return 0;
    if (changed.has(g)) return 1;
    if (!cache.busyGroups.has(gi)) return few ? 3 : 4;
    if (sel.proc === null) return 3;
    const pasids = model.groupAt(gi)?.pasids ?? [];
    return pasids.some((e) => e.sva && domainMm(e.domain) === sel.proc) ? 2 : 3;
  };
  const candidates = new Set<number>(cache.busyGroups);
  if (few) topo.groups.forEach((_, gi) => candidates.add(gi));
  else if (changed.size > 0) topo.groups.forEach((g, gi) => changed.has(g) && candidates.add(gi));
  if (sel.device !== null) {
    const d = model.device(sel.device);
    if (d) candidates.add(d.group);
  }
  const order = [...candidates]
    .map((gi) => ({ gi, r: rank(gi) }))
    .filter((x) => x.r < 4)
    .sort((x, y) => x.r - y.r || x.gi - y.gi)
    .slice(0, MAX_STRIPS)
    .sort((x, y) => x.gi - y.gi);
  const procIndex = new Map<string, number>();
  const strips = order.map(({ gi }): Strip => {
    const g = topo.groups[gi] ?? '';
    const group = model.groupAt(gi);
    const devs = (topo.groupDevices[gi] ?? []).map((d) => topo.devices[d]).filter((d) => d !== undefined);
    const max = Math.max(0, ...devs.map((d) => d.maxPasids));
    const all = group?.pasids ?? [];
    // A strip shows at most MAX_MARKS marks: the changed ones, then the lowest PASIDs.
    const picked =
      all.length <= MAX_MARKS
        ? all
        : [...all.filter((e) => marked(`H[${g}][${e.pasid}]`)), ...all.slice(0, MAX_MARKS)]
            .filter((e, i, list) => list.findIndex((x) => x.pasid === e.pasid) === i)
            .slice(0, MAX_MARKS)
            .sort((a, b) => a.pasid - b.pasid);
    const entries = picked.map((e) => {
      const proc = e.sva ? domainMm(e.domain) : null;
      let pi = proc === null ? undefined : procIndex.get(proc);
      if (proc !== null && pi === undefined) {
        pi = model.procIndexOf(proc);
        procIndex.set(proc, pi);
      }
      return {
        pasid: e.pasid,
        name: proc ?? `kernel (${e.domain})`,
        color: holderColor(pi === undefined || pi < 0 ? HOLDER.kernel : HOLDER.procBase + pi),
        proc,
        changed: marked(`H[${g}][${e.pasid}]`),
      };
    });
    const names = devs.map((d) => d.id).join(', ');
    return {
      id: g,
      label: names.length > 22 ? `${names.slice(0, 21)}…` : names,
      max,
      selected: sel.device !== null && devs.some((d) => d.id === sel.device),
      entries,
      more: all.length - picked.length,
    };
  });
  return { strips, hidden: topo.groups.length - strips.length };
}

export function hwInput(
  model: SimModel,
  views: ViewState,
  changes: ViewChanges,
  sel: Selection,
  focusKey: string | null
): HwInput {
  // Highlights are one step's: after a jump or a step back only the current step's effects are.
  return {
    tables: views.tables,
    upserted: changes.single ? changes.upserted : NO_UPSERTS,
    ghosts: changes.single ? changes.ghosts : NO_GHOSTS,
    written: writtenFields(currentEffects(model)),
    focusKey,
    selectedDevice: sel.device,
    selectedProc: sel.proc,
  };
}

/** Keys of at most four rows of `unit` in `table` whose column `col` holds `value`. */
function keysWhere<K extends TableKind>(table: ColumnTable<K>, unit: number, col: NumCol<K>, value: number): string[] {
  const [from, to] = table.range([unit]);
  const out: string[] = [];
  for (let i = from; i < to && out.length < 4; i++) {
    const s = table.slotAt(i);
    if (table.n(s, col) === value) out.push(table.key(s));
  }
  return out;
}

export function queueSections(model: SimModel, views: ViewState): QueueSection[] {
  const { pte, cd } = views.tables;
  const unitOf = new Map((model.topology?.iommus ?? []).map((m, i) => [m.id, i]));
  return buildQueues(
    currentEffects(model),
    {
      pasidEntries: (iommu, pasid) => keysWhere(pte, unitOf.get(iommu) ?? -1, 'pasid', pasid),
      cdsWithAsid: (iommu, asid) => keysWhere(cd, unitOf.get(iommu) ?? -1, 'ASID', asid),
    },
    model.topology?.arch ?? 'arm64'
  );
}

/** "Step 3 of 12: bind nic0 P2 → PASID 2" style label. */
export function stepLabel(model: SimModel): string {
  const i = model.cursor - 1;
  const r = model.log[i];
  const s = model.logSteps[i];
  if (!r || !s) return 'Before the first step';
  const args = Object.entries(s)
    .filter(([k]) => k !== 'op' && k !== 'note')
    .map(([, v]) => String(v))
    .join(' ');
  const out = r.ok ? (r.pasid !== undefined ? `PASID ${r.pasid}` : 'ok') : (r.errno ?? r.fault ?? 'failed');
  return `Step ${i + 1} of ${model.length}: ${s.op} ${args} → ${out}`;
}
