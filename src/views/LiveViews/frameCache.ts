/**
 * Per-frame data the live views derive from the whole model (every process, every group), kept
 * up to date from each frame's change set instead of rebuilt: with ten thousand processes a
 * rebuild per step would cost more than the step. A frame that does not directly follow the
 * last one seen (a skipped publication, a new epoch) rebuilds everything.
 */
import type { Frame } from '../../client/index.ts';
import type { ProcIn } from '../Bindings/bindingsModel.ts';

export class FrameCache {
  private version = -1;
  /** Process rows as the bindings view reads them, index = process row. */
  procs: ProcIn[] = [];
  /** Process ids by row. */
  procIds: string[] = [];
  /** Rows of processes with an mm PASID, a valid MSR or an outstanding bind (the bindings view's candidates). */
  active = new Set<number>();
  /** Rows of groups with at least one PASID attached. */
  busyGroups = new Set<number>();

  /** Brings the cache to `frame`; cheap when `frame` follows the last one seen. */
  sync(frame: Frame): void {
    if (frame.version === this.version) return;
    const { model, changes } = frame;
    const full = changes.full || frame.version !== this.version + 1 || model.procCount < this.procIds.length;
    this.version = frame.version;
    if (full) {
      this.procs = [];
      this.procIds = model.procIds();
      this.active.clear();
      this.busyGroups.clear();
      for (let i = 0; i < model.procCount; i++) this.readProc(frame, i);
      const groups = model.topology?.groups.length ?? 0;
      for (let g = 0; g < groups; g++) this.readGroup(frame, g);
      return;
    }
    if (model.procCount !== this.procIds.length) this.procIds = model.procIds();
    for (const i of changes.procs) this.readProc(frame, i);
    for (const g of changes.groups) this.readGroup(frame, g);
    // A bind or unbind changes the device's bonds without touching the process row.
    if (changes.bondDevices.size > 0) {
      for (const devIndex of changes.bondDevices) {
        const id = model.topology?.devices[devIndex]?.id;
        if (id === undefined) continue;
        for (const [proc] of model.bondsOf(id)) {
          const i = model.procIndexOf(proc);
          if (i >= 0) this.active.add(i);
        }
      }
    }
  }

  private readProc(frame: Frame, i: number): void {
    const p = frame.model.procAt(i);
    if (!p) return;
    const row: ProcIn = { id: p.id, alive: p.alive, mmLive: p.mmLive, pasid: p.pasid, mmPasid: p.mmPasid, msr: p.msr };
    this.procs[i] = row;
    if (row.mmPasid !== null || row.msr.some((m) => m !== null)) this.active.add(i);
  }

  private readGroup(frame: Frame, g: number): void {
    if ((frame.model.groupAt(g)?.pasids.length ?? 0) > 0) this.busyGroups.add(g);
    else this.busyGroups.delete(g);
  }
}
