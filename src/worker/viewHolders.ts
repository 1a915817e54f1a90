/**
 * The global PASID space of the view sections (ViewSections.holders: a holder code per allocated
 * PASID, see readHolders), diffed against what was last sent. Part of ViewDiffer (viewModel.ts),
 * one per epoch like it.
 *
 * Given the engine's record of what the steps since the last call touched, it re-derives only the
 * PASIDs a touched process named before or names now and those the global IDA allocated or freed
 * (Touched.pasids); without one it reads them all (every process and every allocated PASID). Both
 * paths give the same delta: changed PASIDs ascending, then removed ones ascending.
 * May import: engine, protocol, this folder.
 */
import { idaHas, idaToArray } from '../engine/alloc/ida.ts';
import type { SimState, Touched } from '../engine/index.ts';
import { HOLDER } from '../protocol/views.ts';
import type { HolderDelta } from '../protocol/views.ts';

type ProcState = SimState['procs'] extends Map<string, infer P> ? P : never;

/** The global PASID `p` names, or -1: a live mm's PASID from the global IDA. */
function namedPasid(p: ProcState): number {
  const mm = p.iommuMm;
  return p.mmLive && mm && mm.pasidGlobal ? mm.pasid : -1;
}

export class HolderTable {
  /** The code last sent per allocated PASID (PASID 0 always reserved). */
  private codes = new Map<number, number>();
  /** Process id → the global PASID it named at the last call (absent: none). */
  private named = new Map<string, number>();
  /** PASID → process rows (ProcState.index) naming it: two or more make it shared. */
  private namers = new Map<number, number[]>();

  /** The delta since the last call, or null when nothing changed. `t`: the steps' record, or null to read all. */
  diff(s: Readonly<SimState>, t: Touched | null, reset: boolean): HolderDelta | null {
    return t && !reset ? this.touched(s, t) : this.full(s, reset);
  }

  /**
   * The holder code of every allocated global PASID, PASID 0 as reserved (readHolders), after
   * re-reading which process names which PASID.
   */
  read(s: Readonly<SimState>): Map<number, number> {
    this.named.clear();
    this.namers.clear();
    for (const p of s.procs.values()) {
      const pasid = namedPasid(p);
      if (pasid >= 0) this.name(p, pasid);
    }
    const out = new Map<number, number>([[0, HOLDER.reserved]]);
    for (const pasid of idaToArray(s.globalIda)) if (pasid !== 0) out.set(pasid, this.codeOf(s, pasid));
    return out;
  }

  /** Takes every holder as sent without building a delta: the start of one step's diff (stepMarks.ts). */
  prime(s: Readonly<SimState>): void {
    this.codes = this.read(s);
  }

  private full(s: Readonly<SimState>, reset: boolean): HolderDelta | null {
    const next = this.read(s);
    const pasid: number[] = [];
    const code: number[] = [];
    for (const [p, c] of next) {
      if (reset || this.codes.get(p) !== c) {
        pasid.push(p);
        code.push(c);
      }
    }
    if (!reset) {
      // Ascending, as readHolders' Map was; the touched path leaves `codes` in another order.
      const gone: number[] = [];
      for (const p of this.codes.keys()) if (!next.has(p)) gone.push(p);
      gone.sort((a, b) => a - b);
      for (const p of gone) {
        pasid.push(p);
        code.push(HOLDER.free);
      }
    }
    this.codes = next;
    if (!reset && pasid.length === 0) return null;
    return { reset, pasid: Uint32Array.from(pasid), code: Uint32Array.from(code) };
  }

  private touched(s: Readonly<SimState>, t: Touched): HolderDelta | null {
    const maybe: number[] = [];
    for (const id of t.procs) {
      const p = s.procs.get(id);
      if (!p) continue;
      const now = namedPasid(p);
      const was = this.named.get(id) ?? -1;
      if (now === was) continue;
      if (was >= 0) {
        this.unname(p, was);
        maybe.push(was);
      }
      if (now >= 0) {
        this.name(p, now);
        maybe.push(now);
      }
    }
    for (const p of t.pasids) maybe.push(p);
    if (maybe.length === 0) return null;
    maybe.sort((a, b) => a - b);
    const pasid: number[] = [];
    const code: number[] = [];
    const gone: number[] = [];
    for (let k = 0; k < maybe.length; k++) {
      const p = maybe[k]!;
      // PASID 0 is listed as reserved whatever the IDA says.
      if (p === 0 || p === maybe[k - 1]) continue;
      const c = this.codeOf(s, p);
      const sent = this.codes.get(p);
      if (c === HOLDER.free) {
        if (sent === undefined) continue;
        this.codes.delete(p);
        gone.push(p);
      } else if (sent !== c) {
        this.codes.set(p, c);
        pasid.push(p);
        code.push(c);
      }
    }
    for (const p of gone) {
      pasid.push(p);
      code.push(HOLDER.free);
    }
    if (pasid.length === 0) return null;
    return { reset: false, pasid: Uint32Array.from(pasid), code: Uint32Array.from(code) };
  }

  /**
   * The holder code of PASID `p` ≥ 1 (HOLDER.free when not allocated): the one process or kernel
   * user naming it, shared when several do, orphan when none does. Processes are numbered in
   * SimState order, which is the order frames list them.
   */
  private codeOf(s: Readonly<SimState>, p: number): number {
    if (!idaHas(s.globalIda, p)) return HOLDER.free;
    const procs = this.namers.get(p);
    const n = (procs?.length ?? 0) + (s.kernelPasids.has(p) ? 1 : 0);
    if (n > 1) return HOLDER.shared;
    if (procs?.length) return HOLDER.procBase + procs[0]!;
    return n === 1 ? HOLDER.kernel : HOLDER.orphan;
  }

  private name(p: ProcState, pasid: number): void {
    this.named.set(p.id, pasid);
    const procs = this.namers.get(pasid);
    if (procs) procs.push(p.index);
    else this.namers.set(pasid, [p.index]);
  }

  private unname(p: ProcState, pasid: number): void {
    this.named.delete(p.id);
    const procs = this.namers.get(pasid);
    const at = procs ? procs.indexOf(p.index) : -1;
    if (at >= 0) procs!.splice(at, 1);
    if (procs && procs.length === 0) this.namers.delete(pasid);
  }
}
