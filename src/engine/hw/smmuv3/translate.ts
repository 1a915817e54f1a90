/**
 * An incoming transaction walked through the SMMU exactly as A11 / S2 "translate(req)" order it:
 * stream table → STE (through the STE cache) → SSID selection → L1CD → CD (through their caches) →
 * TTB0. SMMUEN=1, no stall model (no master sets dma-can-stall), no ATS translation requests.
 * Configuration errors (C_*) always record an event; F_STREAM_DISABLED is recorded too; translation
 * faults follow the CD's R bit (S=0, A=1 in every CD Linux builds: the transaction aborts).
 * Page tables are abstract (spec §2): an mm translates while its process is alive, a paging domain
 * always translates. The TLB is looked up by the CD's ASID before the walk (S2 step 6) and filled by
 * a walk that translated; only TLBI_NH_ASID empties it (types.ts).
 */
import type { Ctx, DeviceState } from '../../kernel/state.ts';
import type { DmaOutcome } from '../driver.ts';
import { recordEvent, type SmmuUnit } from './commands.ts';
import { indexTail, steName, tableRefText } from '../entryNames.ts';
import {
  ABORT_STE,
  CD_SPLIT,
  CFG_ABORT,
  CFG_BYPASS,
  CFG_S1_TRANS,
  INVALID_L1CD,
  S1DSS_BYPASS,
  S1DSS_SSID0,
  S1FMT_64K_L2,
  ZERO_CD,
} from './entries.ts';
import type { Cd, L1cd, Ste } from './types.ts';

/** 2 ** n by shift when it fits: `**` with a variable exponent is a call into Math.pow. */
function pow2(n: number): number {
  return n < 31 ? 1 << n : 2 ** n;
}

function fault(c: Ctx, u: SmmuUnit, name: string, sid: number, ssid: number | undefined, addr: number, via: string) {
  recordEvent(c, u, name, sid, ssid, addr);
  return { ok: false as const, fault: name, via };
}

function fetchSte(u: SmmuUnit, sid: number): Ste {
  const cache = u.hw.cache.ste;
  let ste = cache.get(sid);
  if (ste === undefined) {
    ste = u.hw.strtab.stes.get(sid) ?? ABORT_STE;
    cache.set(sid, ste);
  }
  return ste;
}

function fetchL1cd(u: SmmuUnit, sid: number, tableName: string, l1: number): L1cd {
  const cache = u.hw.cache.l1cd;
  let perSid = cache.get(sid);
  let desc = perSid?.get(l1);
  if (desc === undefined) {
    desc = u.hw.cdTables.get(tableName)?.l1.get(l1) ?? INVALID_L1CD;
    if (!perSid) cache.set(sid, (perSid = new Map<number, L1cd>()));
    perSid.set(l1, desc);
  }
  return desc;
}

function fetchCd(u: SmmuUnit, sid: number, tableName: string, ssid: number): Cd {
  const cache = u.hw.cache.cd;
  let perSid = cache.get(sid);
  let cd = perSid?.get(ssid);
  if (cd === undefined) {
    cd = u.hw.cdTables.get(tableName)?.cds.get(ssid) ?? ZERO_CD;
    if (!perSid) cache.set(sid, (perSid = new Map<number, Cd>()));
    perSid.set(ssid, cd);
  }
  return cd;
}

/**
 * The walk. `pasid` undefined = SSV=0. Returns the fault name the trace shows: an event name when the
 * SMMU records one, "ABORT" when it aborts silently (Config 0, or a translation fault with CD.R = 0).
 */
export function translate(c: Ctx, u: SmmuUnit, dev: DeviceState, pasid: number | undefined, addr: number): DmaOutcome {
  const sid = dev.sid;
  const st = u.hw.strtab;
  const ssv = pasid !== undefined;
  const ssid = pasid ?? 0;
  // 1. Stream table range / L1STD.
  if (sid < 0 || sid >= pow2(st.log2size)) {
    return fault(c, u, 'C_BAD_STREAMID', sid, pasid, addr, `SID ${sid} ≥ 2^${st.log2size}`);
  }
  if (st.fmt === '2lvl' && !st.l1.has(Math.floor(sid / pow2(st.split)))) {
    return fault(c, u, 'C_BAD_STREAMID', sid, pasid, addr, `L1STD[${Math.floor(sid / pow2(st.split))}] Span 0`);
  }
  // 2. STE.
  const ste = fetchSte(u, sid);
  const s = steName(sid);
  if (!ste.V) return fault(c, u, 'C_BAD_STE', sid, pasid, addr, `${s} V=0`);
  if (ste.Config === CFG_ABORT) return { ok: false, fault: 'ABORT', via: `${s} abort (Config 0)` };
  if (ste.Config === CFG_BYPASS) {
    if (ssv) return fault(c, u, 'C_BAD_SUBSTREAMID', sid, pasid, addr, `${s} bypass + SSID ${ssid}`);
    return { ok: true, via: `${s} bypass` };
  }
  if (ste.Config !== CFG_S1_TRANS) return fault(c, u, 'C_BAD_STE', sid, pasid, addr, `${s} Config ${ste.Config}`);
  // 3. Which CD.
  let index = 0;
  if (ssv) {
    if (ste.S1CDMax === 0) return fault(c, u, 'C_BAD_SUBSTREAMID', sid, pasid, addr, `${s} S1CDMax 0 + SSID ${ssid}`);
    if (ssid >= pow2(ste.S1CDMax)) {
      return fault(c, u, 'C_BAD_SUBSTREAMID', sid, pasid, addr, `${s} SSID ${ssid} ≥ 2^${ste.S1CDMax}`);
    }
    if (ssid === 0 && ste.S1DSS === S1DSS_SSID0) {
      return fault(c, u, 'F_STREAM_DISABLED', sid, pasid, addr, `${s} SSID 0 with S1DSS=SSID0`);
    }
    index = ssid;
  } else if (ste.S1CDMax !== 0) {
    if (ste.S1DSS === S1DSS_BYPASS) return { ok: true, via: `${s} S1DSS bypass` };
    if (ste.S1DSS !== S1DSS_SSID0) return fault(c, u, 'F_STREAM_DISABLED', sid, pasid, addr, `${s} S1DSS terminate`);
  }
  // 4. L1CD (2-level; S1Fmt is ignored when S1CDMax = 0) then CD.
  const table = ste.S1ContextPtr ?? '';
  if (ste.S1Fmt === S1FMT_64K_L2 && ste.S1CDMax !== 0) {
    const l1 = index >>> CD_SPLIT;
    if (!fetchL1cd(u, sid, table, l1).V) {
      return fault(c, u, 'C_BAD_SUBSTREAMID', sid, pasid, addr, `${s}→L1CD[${sid}][${l1}] V=0`);
    }
  }
  const cd = fetchCd(u, sid, table, index);
  const path = s + '→CD[' + indexTail(index);
  if (!cd.V) return fault(c, u, 'C_BAD_CD', sid, pasid, addr, `${path} V=0`);
  // 5. The TLB by (VMID 0, ASID), then the stage-1 walk from TTB0 (abstract page tables).
  const ttb0 = cd.EPD0 ? null : cd.TTB0;
  const cached = u.hw.tlb.get(cd.ASID);
  if (cached !== undefined) {
    const via = `${path} asid ${cd.ASID} → ${tableRefText(cached)}`;
    // What the CD points at now agrees with the entry, as it does whenever the driver TLBI'd on time.
    if (cached === ttb0) return { ok: true, via };
    return {
      ok: true,
      via: `${via} (stale TLB entry: the CD points at ${ttb0 === null ? 'nothing, EPD0' : tableRefText(ttb0)})`,
    };
  }
  if (ttb0 === null) {
    const why = cd.EPD0 ? 'EPD0 (mm released)' : 'TTB0 0';
    return translationFault(c, u, cd, sid, pasid, addr, `${path} asid ${cd.ASID} ${why}`);
  }
  if (ttb0.startsWith('mm:') && !c.s.procs.get(ttb0.slice(3))?.alive) {
    return translationFault(c, u, cd, sid, pasid, addr, `${path} asid ${cd.ASID} → ${tableRefText(ttb0)} (exited)`);
  }
  u.hw.tlb.set(cd.ASID, ttb0);
  return { ok: true, via: `${path} asid ${cd.ASID} → ${tableRefText(ttb0)}` };
}

/** F_TRANSLATION subject to the CD's R bit (A5 fault behaviour): R=1 records, R=0 aborts silently. */
function translationFault(
  c: Ctx,
  u: SmmuUnit,
  cd: Cd,
  sid: number,
  pasid: number | undefined,
  addr: number,
  via: string
) {
  if (cd.R) return fault(c, u, 'F_TRANSLATION', sid, pasid, addr, `${via}: F_TRANSLATION`);
  return { ok: false as const, fault: 'ABORT', via: `${via}: F_TRANSLATION not recorded (R=0)` };
}
