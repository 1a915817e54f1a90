/**
 * The hitless / breaking entry writer (A3), a field-level port of arm_smmu_write_entry(): compare
 * the fields the hardware uses in the current and target entries, then
 *  - no used field changes → plain write;
 *  - used fields change in exactly one qword (hitless) → write currently-ignored fields, sync,
 *    write the critical qword, sync, clear leftovers, sync (a step that changes nothing is skipped);
 *  - more than one qword (breaking) → qword 0 with V=0, sync; qwords 1..7, sync; qword 0, sync.
 * Each "sync" is CFGI_STE(sid, leaf)+SYNC for an STE, CFGI_CD(sid, ssid, leaf) per SID + SYNC for a CD.
 * Each changed store is one `write` effect whose fields are the shown fields of the qwords it changed.
 */
import type { Ctx } from '../../kernel/state.ts';
import type { FieldValue } from '../../trace/types.ts';
import { cfgiCd, cfgiSte, cmdSync, prefetchCfg, type SmmuUnit } from './commands.ts';
import { ABORT_STE, CD_LAYOUT, STE_LAYOUT, ZERO_CD, type EntryLayout } from './entries.ts';
import type { Cd, CdTable, SmmuMaster, Ste } from './types.ts';

type Entry = Record<string, string | number | null>;

interface Sink<E> {
  /** Stores `next` in memory and emits the write effect for the qwords in `qwMask`. */
  store(next: E, qwMask: number): void;
  sync(): void;
}

/** entry_set(): copies the fields of qwords [from, to] from `src`; stores + syncs only if something changed. */
function entrySet<E extends Entry>(layout: EntryLayout<E>, cur: E, src: E, from: number, to: number, sink: Sink<E>): E {
  let next: E | null = null;
  let mask = 0;
  const { names, qw } = layout;
  for (let i = 0; i < names.length; i++) {
    const q = qw[i]!;
    if (q < from || q > to) continue;
    const n = names[i]!;
    if (cur[n] !== src[n]) {
      next ??= { ...cur };
      next[n] = src[n];
      mask |= 1 << q;
    }
  }
  if (next === null) return cur;
  sink.store(next, mask);
  sink.sync();
  return next;
}

function popcount(x: number): number {
  let n = 0;
  for (; x !== 0; x &= x - 1) n++;
  return n;
}

/** arm_smmu_write_entry(): returns the final entry (=== target in value). */
export function writeEntry<E extends Entry>(layout: EntryLayout<E>, cur: E, target: E, sink: Sink<E>): E {
  const { names, qw } = layout;
  const curUsed = layout.used(cur);
  const tgtUsed = layout.used(target);
  // unused_update: the current value of every field the hardware uses now, the target value elsewhere.
  const unused = { ...target };
  let diff = 0;
  for (let i = 0; i < names.length; i++) {
    const n = names[i]!;
    if (curUsed & (1 << i)) unused[n] = cur[n];
    if (tgtUsed & (1 << i) && unused[n] !== target[n]) diff |= 1 << qw[i]!;
  }
  let e = cur;
  if (popcount(diff) === 1) {
    const critical = 31 - Math.clz32(diff);
    for (let i = 0; i < names.length; i++) if (qw[i] === critical) unused[names[i]!] = cur[names[i]!];
    e = entrySet(layout, e, unused, 0, 7, sink);
    e = entrySet(layout, e, target, critical, critical, sink);
    e = entrySet(layout, e, target, 0, 7, sink);
  } else if (diff !== 0) {
    for (let i = 0; i < names.length; i++) if (qw[i] === 0) unused[names[i]!] = layout.zero[names[i]!];
    e = entrySet(layout, e, unused, 0, 0, sink);
    e = entrySet(layout, e, target, 1, 7, sink);
    e = entrySet(layout, e, target, 0, 0, sink);
  } else {
    e = entrySet(layout, e, target, 0, 7, sink);
  }
  return e;
}

function shownFields<E extends Entry>(layout: EntryLayout<E>, e: E, qwMask: number): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  for (let i = 0; i < layout.names.length; i++) {
    if (layout.shown[i] && qwMask & (1 << layout.qw[i]!)) out[layout.names[i]!] = e[layout.names[i]!]!;
  }
  return out;
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
    writeEntry(STE_LAYOUT, cur, target, {
      store(next, qwMask) {
        stes.set(sid, next);
        if (c.fx)
          c.fx.push({
            kind: 'write',
            iommu: u.id,
            entry: `STE[${sid}]`,
            fields: shownFields(STE_LAYOUT, next, qwMask),
          });
      },
      sync() {
        cfgiSte(c, u, sid, true);
        cmdSync(c, u);
      },
    });
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
  return `CD[${master.sids[0]}][${ssid}]`;
}

/**
 * arm_smmu_write_cd_entry: keeps used_ssids (SSID ≠ 0 going invalid↔valid), then writes hitlessly.
 * An all-zero result is deleted from the sparse table.
 */
export function writeCd(c: Ctx, u: SmmuUnit, master: SmmuMaster, table: CdTable, ssid: number, target: Cd): void {
  const cur = table.cds.get(ssid) ?? ZERO_CD;
  if (ssid !== 0 && cur.V !== target.V) master.usedSsids += cur.V ? -1 : 1;
  const cds = table.cds;
  writeEntry(CD_LAYOUT, cur, target, {
    store(next, qwMask) {
      if (isZeroCd(next)) cds.delete(ssid);
      else cds.set(ssid, next);
      if (c.fx)
        c.fx.push({
          kind: 'write',
          iommu: u.id,
          entry: cdEntryName(master, ssid),
          fields: shownFields(CD_LAYOUT, next, qwMask),
        });
    },
    sync() {
      syncCd(c, u, master, ssid, true);
    },
  });
}

function isZeroCd(cd: Cd): boolean {
  for (const n of CD_LAYOUT.names) if (cd[n] !== ZERO_CD[n]) return false;
  return true;
}
