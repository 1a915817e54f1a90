/**
 * A DMA request walked through the VT-d scalable-mode structures (B7, S3 "translate"), in the
 * hardware's order and through the configuration caches (caches.ts):
 *   root (bus) → context (devfn) → [PASIDE, PDTS checks] → PASID directory → PASID entry → PGTT.
 * Recorded faults become `fault` effects and FRCD records (faults.ts); FPD=1 on the path blocks the
 * request without a record (outcome "ABORT").
 *
 * The IOTLB is looked up by (DID, PASID) before the walk (S3 step 3) and filled by a request that
 * translated; only P_IOTLB or a global IOTLB invalidation empties it (types.ts VtdHw.iotlb).
 *
 * Not modelled: ATS translation requests (the `dma` step issues untranslated requests only, so DTE,
 * 0x44 and the device-TLB never come into play), page requests (PRI) and execute requests
 * (ERE/0x5C). A request is a user request unless `priv` is set; the scenario's `dma` step has no
 * privilege flag, so only tests reach the SRE check (0x5D).
 */
import type { Ctx, DeviceState, IommuState } from '../../kernel/state.ts';
import type { DmaOutcome } from '../driver.ts';
import { deviceSid } from './bdf.ts';
import { BdfNames, indexTail, tableRefText } from '../entryNames.ts';
import { fillContext, fillPasid } from './caches.ts';
import { FR, faultName, recordFault, suppressFault } from './faults.ts';
import { iotlbKey, PASID_PDE_SHIFT, PGTT_FL_ONLY, PGTT_PT } from './types.ts';
import type { CachedPasid, SmContext, VtdHw } from './types.ts';

/** One untranslated request: `pasid` undefined = request without PASID (uses RID_PASID). */
export interface VtdRequest {
  pasid: number | undefined;
  addr: number;
  /** Supervisor (PMR=1) request. */
  priv: boolean;
}

const CTX_NOT_PRESENT: SmContext = {
  p: false,
  fpd: false,
  dte: false,
  pasidE: false,
  pre: false,
  pdts: 0,
  ridPasid: 0,
};
const STALE = ' (stale cache)';

/** "CTX[bdf]" by source-id (see entryNames.ts). */
const ctxNames = new BdfNames((bdf) => `CTX[${bdf}]`);

interface Walk {
  c: Ctx;
  iommu: IommuState;
  hw: VtdHw;
  bdf: string;
  req: VtdRequest;
}

/** 2 ** n by shift when it fits: `**` with a variable exponent is a call into Math.pow. */
function pow2(n: number): number {
  return n < 31 ? 1 << n : 2 ** n;
}

function fail(w: Walk, reason: number, suppressed: boolean, via: string): DmaOutcome {
  if (suppressed) {
    suppressFault(w.hw);
    return { ok: false, fault: 'ABORT', via: `${via}; FPD=1 suppresses the ${faultName(reason)} record` };
  }
  recordFault(w.c, w.iommu, w.hw, reason, w.bdf, w.req.pasid, w.req.addr);
  return { ok: false, fault: faultName(reason), via };
}

/** Reads (sid, pasid) from memory into a PASID-cache entry. */
function readPasid(hw: VtdHw, sid: number, pasid: number): CachedPasid {
  const table = hw.pasidTables.get(sid);
  const dir = table?.dir.get(pasid >> PASID_PDE_SHIFT);
  if (table === undefined || dir === undefined || !dir.p)
    return { dirP: false, dirFpd: dir?.fpd ?? false, te: null, did: 0 };
  const te = table.te.get(pasid) ?? null;
  return { dirP: true, dirFpd: dir.fpd, te, did: te !== null && te.p ? te.did : 0 };
}

/** Walks a request from `dev` (B7). */
export function translate(c: Ctx, iommu: IommuState, hw: VtdHw, dev: DeviceState, req: VtdRequest): DmaOutcome {
  const info = hw.devs.get(dev.id);
  const { sid, bdf } = info ?? deviceSid(dev.bdf, dev.index);
  const w: Walk = { c, iommu, hw, bdf, req };
  let stale = false;

  // B7 steps 1–2: context entry through the context cache; the root entry is read only on a miss.
  let ctx = hw.contextCache.get(sid);
  const memCtx = hw.ctx.get(sid);
  if (ctx === undefined) {
    const bus = sid >> 8;
    const upper = (sid & 0xff) >= 0x80;
    const root = hw.root.get(bus);
    if (!(upper ? root?.up : root?.lp))
      return fail(w, FR.ROOT_NOT_PRESENT, false, `ROOT[${bus}] ${upper ? 'UP' : 'LP'}=0`);
    ctx = memCtx ?? CTX_NOT_PRESENT;
    fillContext(hw, sid, ctx);
  } else if (memCtx === undefined ? ctx.p : ctx !== memCtx) {
    stale = true;
  }
  const ctxName = ctxNames.get(sid, bdf);
  if (!ctx.p) return fail(w, FR.CTX_NOT_PRESENT, ctx.fpd, `${ctxName} P=0${stale ? STALE : ''}`);
  if (req.pasid !== undefined && !ctx.pasidE)
    return fail(w, FR.PASIDE_CLEAR, ctx.fpd, `${ctxName} PASIDE=0, request with PASID ${req.pasid}`);
  const pasid = req.pasid ?? ctx.ridPasid;
  const dirEntries = pow2(ctx.pdts + 7);
  if (pasid >> PASID_PDE_SHIFT >= dirEntries) {
    return fail(
      w,
      FR.PASID_TOO_LARGE,
      ctx.fpd,
      `${ctxName} PDTS=${ctx.pdts} covers PASIDs < ${dirEntries << PASID_PDE_SHIFT}, got ${pasid}`
    );
  }

  // B7 steps 4–5: directory + PASID entry through the PASID cache.
  let cp = hw.pasidCache.get(sid)?.get(pasid);
  if (cp === undefined) {
    cp = readPasid(hw, sid, pasid);
    fillPasid(hw, sid, pasid, cp);
  } else if (!stale) {
    const table = hw.pasidTables.get(sid);
    const dirP = table?.dir.get(pasid >> PASID_PDE_SHIFT)?.p === true;
    stale = cp.dirP !== dirP || cp.te !== (dirP ? (table?.te.get(pasid) ?? null) : null);
  }
  const tag = stale ? STALE : '';
  if (!cp.dirP) {
    return fail(
      w,
      FR.PASID_DIR_NOT_PRESENT,
      ctx.fpd || cp.dirFpd,
      `${ctxName}→PASIDDIR[${pasid >> PASID_PDE_SHIFT}] P=0${tag}`
    );
  }
  const te = cp.te;
  const teName = ctxName + '→PASIDTE[' + indexTail(pasid);
  if (te === null || !te.p) {
    const fpd = te !== null && te.fpd;
    return fail(w, FR.PASID_TE_NOT_PRESENT, ctx.fpd || cp.dirFpd || fpd, `${teName} P=0${fpd ? ' FPD=1' : ''}${tag}`);
  }
  const suppress = ctx.fpd || cp.dirFpd || te.fpd;
  if (te.pgtt < PGTT_FL_ONLY || te.pgtt > PGTT_PT)
    return fail(w, FR.PASID_TE_INVALID, suppress, `${teName} PGTT=${te.pgtt} invalid${tag}`);
  if (req.priv && !te.sre) return fail(w, FR.SRE_CLEAR, suppress, `${teName} SRE=0, supervisor request${tag}`);

  // S3 step 3: the IOTLB by (DID, PASID), then B7 step 6: PGTT=4 bypasses; otherwise walk the
  // abstract table FLPTR (or SLPTR) names.
  const target = te.pgtt === PGTT_PT ? 'pt' : te.mm !== null ? `mm:${te.mm}` : te.dom !== null ? `dom:${te.dom}` : null;
  const key = iotlbKey(te.did, pasid);
  const cached = hw.iotlb.get(key);
  if (cached !== undefined) {
    const via = `${teName} did ${te.did} ${targetText(cached.target)}${tag}`;
    // What the entry points at now agrees with the IOTLB, as it does whenever the driver flushed on time.
    if (cached.target === target) return { ok: true, via };
    const now = target === null ? 'nothing' : target === 'pt' ? 'pass-through' : tableRefText(target);
    return { ok: true, via: `${via} (stale IOTLB entry: the PASID entry points at ${now})` };
  }
  if (te.mm !== null) {
    const proc = c.s.procs.get(te.mm);
    if (proc === undefined || !proc.alive) {
      const via = `${teName} did ${te.did} → mm ${te.mm}`;
      return fail(w, FR.FS_NOT_PRESENT, suppress, `${via} (exited): first-stage entry not present${tag}`);
    }
  }
  if (target === null)
    return fail(w, FR.FS_NOT_PRESENT, suppress, `${teName} did ${te.did} FLPTR=0: first-stage entry not present${tag}`);
  hw.iotlb.set(key, { pgtt: te.pgtt, target });
  return { ok: true, via: `${teName} did ${te.did} ${targetText(target)}${tag}` };
}

/** How a translation's target reads in the walk's path: "pass-through", "→ mm P1", "→ dom d1". */
function targetText(target: string): string {
  return target === 'pt' ? 'pass-through' : `→ ${tableRefText(target)}`;
}
