/**
 * Feeds the bindings diagram from the frames: keeps a ProcIndex, the device lookup and the
 * kernel (attach_pasid) entries up to date from each frame's change set, and assembles the model
 * from the few processes drawn. What `buildBindings(bindingsInput(...))` computes from every
 * process and handle per step, at the cost of what the step changed (bindingsFeed.test.ts
 * compares the two on every frame of recorded scenarios).
 *
 * A frame that does not directly follow the last one seen (the view was off screen, a new
 * epoch, a reset table, a rebuilt frame cache) reloads everything.
 */
import type { Frame } from '../../client/index.ts';
import type { FrameCache } from '../LiveViews/frameCache.ts';
import { assembleBindings, deviceLookup } from './assemble.ts';
import type { DeviceLookup } from './assemble.ts';
import type { BareIn, BindingsModel } from './bindingsModel.ts';
import { currentEffects } from '../LiveViews/currentEffects.ts';
import { bareOf, handleIn } from './bindingsInput.ts';
import type { BindingsSelection as Selection } from './bindingsInput.ts';
import { ProcIndex } from './procIndex.ts';
import type { HandleRow, ProcSource } from './procIndex.ts';

type HandleTable = Frame['views']['tables']['handle'];

function readHandle(t: HandleTable, slot: number): HandleRow {
  return { key: t.key(slot), devIndex: t.n(slot, 'devIndex'), h: handleIn(t, slot) };
}

export class BindingsFeed {
  private readonly index = new ProcIndex();
  private version = -1;
  private cacheProcs: unknown = null;
  private topology: unknown = null;
  private devices: DeviceLookup = deviceLookup([]);
  private iommuType = new Map<string, 'smmuv3' | 'vtd'>();
  private bareByGroup: BareIn[][] = [];
  private bare: BareIn[] = [];
  private selectedProc: string | null = null;
  private last: { version: number; sel: Selection; model: BindingsModel } | null = null;

  /** The diagram's model for `frame` and selection `sel`; the same object for the same pair. */
  model(frame: Frame, cache: FrameCache, sel: Selection): BindingsModel {
    const last = this.last;
    if (last && last.version === frame.version && last.sel.proc === sel.proc && last.sel.device === sel.device) {
      return last.model;
    }
    const { model, views, viewChanges } = frame;
    const t = views.tables.handle;
    const selRow = sel.proc === null ? -1 : model.procIndexOf(sel.proc);
    const src: ProcSource = {
      proc: (row) => cache.procs[row],
      candidate: (row) => cache.active.has(row) || (row >= 0 && row === selRow),
      rowOf: (id) => model.procIndexOf(id),
      selectedProc: sel.proc,
    };
    if (frame.version !== this.version) {
      const follows =
        frame.version === this.version + 1 &&
        !frame.changes.full &&
        !viewChanges.reset &&
        cache.procs === this.cacheProcs &&
        model.topology === this.topology;
      if (follows) this.apply(frame);
      else this.reload(frame, cache, src);
      this.version = frame.version;
      this.cacheProcs = cache.procs;
    }
    if (sel.proc !== this.selectedProc) {
      if (this.selectedProc !== null) this.index.touch(model.procIndexOf(this.selectedProc));
      if (sel.proc !== null) this.index.touch(model.procIndexOf(sel.proc));
      this.selectedProc = sel.proc;
    }
    this.index.settle(src);

    // What this step changed, however the cursor got here (ViewChanges.step): handles (`dev|pasid`)
    // and processes whose thread MSR it loaded.
    const changed = new Set<string>();
    const changedProcs = new Set<string>();
    for (const key of viewChanges.step?.handles ?? []) {
      const h = t.find(key) >= 0 ? this.index.handle(key) : undefined;
      if (!h) continue;
      changed.add(`${h.dev}|${h.pasid}`);
      changedProcs.add(h.proc);
    }
    for (const e of currentEffects(model)) {
      if (e.kind !== 'msr') continue;
      changed.add(`proc:${e.proc}`);
      changedProcs.add(e.proc);
    }
    const { shown, relevant } = this.index.pick(src, changedProcs);
    const result = assembleBindings({
      shown,
      hiddenProcs: relevant - shown.length,
      handles: this.index.handlesOf(shown),
      bare: this.bare,
      devices: this.devices,
      iommuType: this.iommuType,
      selectedProc: sel.proc,
      selectedDevice: sel.device,
      changed,
    });
    this.last = { version: frame.version, sel, model: result };
    return result;
  }

  /** Applies the change set of the frame right after the last one seen. */
  private apply(frame: Frame): void {
    const { model, changes, views, viewChanges } = frame;
    const t = views.tables.handle;
    for (const g of viewChanges.ghosts.handle) if (t.find(g.key) < 0) this.index.dropHandle(g.key);
    for (const key of viewChanges.upserted.handle) {
      const slot = t.find(key);
      if (slot >= 0) this.index.putHandle(readHandle(t, slot));
      else this.index.dropHandle(key);
    }
    for (const row of changes.procs) this.index.touch(row);
    // The frame cache makes every process bonded to these devices a candidate.
    for (const devIndex of changes.bondDevices) {
      const id = model.topology?.devices[devIndex]?.id;
      if (id !== undefined) for (const [proc] of model.bondsOf(id)) this.index.touch(model.procIndexOf(proc));
    }
    let bareChanged = false;
    for (const gi of changes.groups) {
      const next = bareOf(model, gi);
      const prev = this.bareByGroup[gi] ?? [];
      if (next.length === 0 && prev.length === 0) continue;
      this.bareByGroup[gi] = next;
      bareChanged = true;
    }
    if (bareChanged) this.bare = this.bareByGroup.flat();
  }

  /** Reloads everything from the frame (first frame, gaps, new epochs). */
  private reload(frame: Frame, cache: FrameCache, src: ProcSource): void {
    const { model, views } = frame;
    const topo = model.topology;
    if (topo !== this.topology) {
      this.topology = topo;
      this.devices = deviceLookup(
        (topo?.devices ?? []).map((d) => ({
          id: d.id,
          groupId: topo?.groups[d.group] ?? '',
          maxPasids: d.maxPasids,
          iommu: d.iommu,
        }))
      );
      this.iommuType = new Map((topo?.iommus ?? []).map((m) => [m.id, m.type]));
    }
    const t = views.tables.handle;
    this.index.clear();
    for (let i = 0; i < t.size; i++) this.index.putHandle(readHandle(t, t.slotAt(i)));
    this.bareByGroup = (topo?.groups ?? []).map((_, gi) => bareOf(model, gi));
    this.bare = this.bareByGroup.flat();
    const rows = new Set(cache.active);
    if (src.selectedProc !== null) rows.add(model.procIndexOf(src.selectedProc));
    this.index.rebuild(rows, src);
    this.selectedProc = src.selectedProc;
  }
}
