/**
 * The hitless / breaking entry writer (A3), a field-level port of arm_smmu_write_entry(): compare
 * the fields the hardware uses in the current and target entries, then
 *  - no used field changes → plain write;
 *  - used fields change in exactly one qword (hitless) → write currently-ignored fields, sync,
 *    write the critical qword, sync, clear leftovers, sync (a step that changes nothing is skipped);
 *  - more than one qword (breaking) → qword 0 with V=0, sync; qwords 1..7, sync; qword 0, sync.
 * Each "sync" is CFGI_STE(sid, leaf)+SYNC for an STE, CFGI_CD(sid, ssid, leaf) per SID + SYNC for a CD.
 * Each changed store is one `write` effect whose fields are the shown fields of the qwords it changed.
 * v7.0's STE get_update_safe (MEV, EATS_TRANS; 2781f2a930ab) is not modelled: it cannot change the
 * classification of the STEs this model builds (no S2 or nested STEs; EATS changes only with qword 1).
 */
import type { Ctx } from '../../kernel/state.ts';
import { cfgiCd, cfgiSte, cmdSync, prefetchCfg, type SmmuUnit } from './commands.ts';
import { ABORT_STE, CD_LAYOUT, STE_LAYOUT, ZERO_CD, type EntryLayout } from './entries.ts';
import type { Cd, CdTable, SmmuMaster, Ste } from './types.ts';
import { cdPrefix, indexTail, steName } from '../entryNames.ts';

type Entry = Record<string, string | number | null>;

interface Sink<E> {
  /**
   * Stores `next` in memory and emits the write effect for the qwords in `qwMask`; `breaking`: the
   * store is part of a breaking update (the effect says so, for the views' "went through V=0").
   */
  store(next: E, qwMask: number, breaking: boolean): void;
  sync(): void;
}

/*
 * The writer works on bitmasks over `layout.names`: `neq` = fields where current and target differ,
 * `used(e)` = fields the hardware reads in e. Every store arm_smmu_write_entry makes is then one mask
 * of fields copied from a source entry, so no intermediate "unused_update" entry is built.
 */

/** The qwords (bitmask) holding the fields in `fieldMask`. */
function qwordsOf<E extends Entry>(layout: EntryLayout<E>, fieldMask: number): number {
  return layout.qwordsOfFields[fieldMask]!;
}

/** The fields (bitmask) living in the qwords of `qwMask`. */
function fieldsIn<E extends Entry>(layout: EntryLayout<E>, qwMask: number): number {
  return layout.fieldsOfQwords[qwMask]!;
}

/** entry_set(): copies the fields in `mask` from `src`; stores + syncs only if something changes. */
function entrySet<E extends Entry>(
  layout: EntryLayout<E>,
  cur: E,
  src: E,
  mask: number,
  sink: Sink<E>,
  breaking = false
): E {
  if (mask === 0) return cur;
  // Entries are immutable values: when this store completes the copy (the last store of a write, as
  // a rule), `src` itself is the new entry and no copy is made.
  const next = (layout.differs(cur, src) & ~mask) === 0 ? src : layout.merge(cur, src, mask);
  sink.store(next, qwordsOf(layout, mask), breaking);
  sink.sync();
  return next;
}

/** arm_smmu_write_entry(): returns the final entry (=== target in value). */
export function writeEntry<E extends Entry>(layout: EntryLayout<E>, cur: E, target: E, sink: Sink<E>): E {
  const neq = layout.differs(cur, target);
  if (neq === 0) return cur;
  const curUsed = layout.used(cur);
  // Qwords where a field used now AND by the target changes value (unused_update vs target).
  const diff = qwordsOf(layout, neq & curUsed & layout.used(target));
  if (diff === 0) return entrySet(layout, cur, target, neq, sink); // nothing in use changes: plain write
  if ((diff & (diff - 1)) === 0) {
    // Hitless: fields ignored now (outside the critical qword), then the critical qword, then the rest.
    const critical = fieldsIn(layout, diff);
    const ignored = neq & ~(curUsed | critical);
    let e = entrySet(layout, cur, target, ignored, sink);
    e = entrySet(layout, e, target, neq & critical, sink);
    return entrySet(layout, e, target, neq & ~(ignored | critical), sink);
  }
  // Breaking: qword 0 to the zero entry's (V=0), qwords 1..7, then qword 0 (now all zero-valued).
  const q0 = fieldsIn(layout, 1);
  let e = entrySet(layout, cur, layout.zero, q0 & layout.differs(cur, layout.zero), sink, true);
  e = entrySet(layout, e, target, neq & ~q0, sink, true);
  return entrySet(layout, e, target, q0 & layout.differs(layout.zero, target), sink, true);
}

/** Stores into the stream table: a class, not a closure pair, as one is made per STE write. */
class SteSink implements Sink<Ste> {
  readonly c: Ctx;
  readonly u: SmmuUnit;
  readonly sid: number;
  constructor(c: Ctx, u: SmmuUnit, sid: number) {
    this.c = c;
    this.u = u;
    this.sid = sid;
  }
  store(next: Ste, qwMask: number, breaking: boolean): void {
    this.u.hw.strtab.stes.set(this.sid, next);
    const fx = this.c.fx;
    if (fx) {
      const entry = steName(this.sid);
      const fields = STE_LAYOUT.fields(next, qwMask);
      fx.push(
        breaking
          ? { kind: 'write', iommu: this.u.id, entry, fields, update: 'breaking' }
          : { kind: 'write', iommu: this.u.id, entry, fields }
      );
    }
  }
  sync(): void {
    cfgiSte(this.c, this.u, this.sid, true);
    cmdSync(this.c, this.u);
  }
}

/** Stores into a CD table; an all-zero result is deleted from the sparse table. */
class CdSink implements Sink<Cd> {
  readonly c: Ctx;
  readonly u: SmmuUnit;
  readonly master: SmmuMaster;
  readonly cds: Map<number, Cd>;
  readonly ssid: number;
  /** cdEntryName, built on the first store. */
  private name: string | null = null;
  constructor(c: Ctx, u: SmmuUnit, master: SmmuMaster, cds: Map<number, Cd>, ssid: number) {
    this.c = c;
    this.u = u;
    this.master = master;
    this.cds = cds;
    this.ssid = ssid;
  }
  store(next: Cd, qwMask: number, breaking: boolean): void {
    if (CD_LAYOUT.differs(next, ZERO_CD) === 0) this.cds.delete(this.ssid);
    else this.cds.set(this.ssid, next);
    const fx = this.c.fx;
    if (fx) {
      this.name ??= cdEntryName(this.master, this.ssid);
      const entry = this.name;
      const fields = CD_LAYOUT.fields(next, qwMask);
      fx.push(
        breaking
          ? { kind: 'write', iommu: this.u.id, entry, fields, update: 'breaking' }
          : { kind: 'write', iommu: this.u.id, entry, fields }
      );
    }
  }
  sync(): void {
    syncCd(this.c, this.u, this.master, this.ssid, true);
  }
}

/**
 * arm_smmu_install_ste_for_dev → arm_smmu_write_ste for each SID of the master, then
 * CMD_PREFETCH_CFG(sid) (no SKIP_PREFETCH quirk). Also updates in_ste / ste_ats_enabled.
 */
export function installSte(c: Ctx, u: SmmuUnit, master: SmmuMaster, target: Ste): void {
  const { hw } = u;
  master.inSte = target.Config === 5;
  master.steAtsEnabled = target.EATS === 1;
  if (!master.inStrtab) return;
  const stes = hw.strtab.stes;
  for (const sid of master.sids) {
    const cur = stes.get(sid) ?? ABORT_STE;
    writeEntry(STE_LAYOUT, cur, target, new SteSink(c, u, sid));
    prefetchCfg(c, u, sid);
  }
}

/** arm_smmu_sync_cd(master, ssid, leaf): CFGI_CD for every SID of the master, then one SYNC. */
export function syncCd(c: Ctx, u: SmmuUnit, master: SmmuMaster, ssid: number, leaf: boolean): void {
  for (const sid of master.sids) cfgiCd(c, u, sid, ssid, leaf);
  cmdSync(c, u);
}

/** Name of CD[ssid] of a master: "CD[firstSid][ssid]". */
export function cdEntryName(master: SmmuMaster, ssid: number): string {
  const sid = master.sids[0];
  if (sid === undefined) return `CD[undefined][${ssid}]`;
  return cdPrefix(sid) + indexTail(ssid);
}

/**
 * arm_smmu_write_cd_entry: keeps used_ssids (SSID ≠ 0 going invalid↔valid), then writes hitlessly.
 * An all-zero result is deleted from the sparse table.
 */
export function writeCd(c: Ctx, u: SmmuUnit, master: SmmuMaster, table: CdTable, ssid: number, target: Cd): void {
  const cur = table.cds.get(ssid) ?? ZERO_CD;
  if (ssid !== 0 && cur.V !== target.V) master.usedSsids += cur.V ? -1 : 1;
  writeEntry(CD_LAYOUT, cur, target, new CdSink(c, u, master, table.cds, ssid));
}
