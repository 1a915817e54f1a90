/**
 * The bindings view's full input, built from the mirrored state: every SVA handle, every
 * candidate process (the frame cache's), kernel-domain PASIDs, devices. The table mode lists
 * these; buildBindings(bindingsInput(...)) is the full rebuild the diagram's BindingsFeed must
 * match. (Moved here from LiveViews/inputs.ts so the Node tests can use it: inputs.ts reaches
 * DOM-typed views.)
 */
import type { SimModel } from '../../client/model.ts';
import { currentEffects } from '../LiveViews/currentEffects.ts';
import type { ViewChanges, ViewState } from '../../client/viewState.ts';
import type { FrameCache } from '../LiveViews/frameCache.ts';
import type { BareIn, BindingsInput, HandleIn } from './bindingsModel.ts';

type HandleTable = ViewState['tables']['handle'];

/** The selected device and process (LiveViews' Selection). */
export interface BindingsSelection {
  device: string | null;
  proc: string | null;
}

/** The SVA handle in row `slot` of the handle table. */
export function handleIn(t: HandleTable, slot: number): HandleIn {
  return {
    dev: t.s(slot, 'dev') ?? '',
    proc: t.s(slot, 'proc') ?? '',
    pasid: t.n(slot, 'pasid'),
    domain: t.s(slot, 'domain') ?? '',
    users: t.n(slot, 'users'),
    domainUsers: t.n(slot, 'domainUsers'),
    tag: t.n(slot, 'tag'),
    group: t.s(slot, 'group') ?? '',
  };
}

/** The kernel-domain (non-SVA) PASIDs attached to group `gi`. */
export function bareOf(model: SimModel, gi: number): BareIn[] {
  const g = model.topology?.groups[gi] ?? '';
  const out: BareIn[] = [];
  for (const e of model.groupAt(gi)?.pasids ?? []) if (!e.sva) out.push({ group: g, pasid: e.pasid, domain: e.domain });
  return out;
}

export function bindingsInput(
  model: SimModel,
  cache: FrameCache,
  views: ViewState,
  changes: ViewChanges,
  sel: BindingsSelection
): BindingsInput {
  const topo = model.topology;
  const handles: HandleIn[] = [];
  const t = views.tables.handle;
  const changed = new Set<string>();
  for (let i = 0; i < t.size; i++) {
    const s = t.slotAt(i);
    const h = handleIn(t, s);
    handles.push(h);
    if (changes.step?.handles.has(t.key(s))) changed.add(`${h.dev}|${h.pasid}`);
  }
  const bare = (topo?.groups ?? []).flatMap((_, gi) => bareOf(model, gi));
  // Only processes that can appear in the graph: the table mode lists every process from the cache too.
  const rows = new Set(cache.active);
  if (sel.proc !== null) rows.add(model.procIndexOf(sel.proc));
  const procs = [...rows]
    .sort((a, b) => a - b)
    .map((i) => cache.procs[i])
    .filter((p) => p !== undefined);
  for (const e of currentEffects(model)) if (e.kind === 'msr') changed.add(`proc:${e.proc}`);
  return {
    procs,
    devices: (topo?.devices ?? []).map((d) => ({
      id: d.id,
      groupId: topo?.groups[d.group] ?? '',
      maxPasids: d.maxPasids,
      iommu: d.iommu,
    })),
    handles,
    bare,
    iommuType: new Map((topo?.iommus ?? []).map((m) => [m.id, m.type])),
    selectedProc: sel.proc,
    selectedDevice: sel.device,
    changed,
  };
}
