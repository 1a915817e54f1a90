/**
 * Configuration caches (S3): the context cache (by source-id) and the PASID cache (by source-id and
 * PASID, tagged with the entry's DID). Filled by DMA walks, emptied ONLY by the CC and PC descriptors
 * the driver queues (queue.ts), so a missing invalidation shows up as stale behaviour.
 *
 * Not-present entries are cached only when CAP.CM = 1 (VT-d spec 6.1, caching mode). Such an entry
 * carries DID 0; Linux flushes a not-present → present change with a PASID-selective PC using the
 * NEW entry's DID (pasid_flush_caches in drivers/iommu/intel/pasid.c), so a PASID-selective PC drops
 * the cached not-present entries of its PASID whatever the DID (hardware may invalidate more than
 * asked; this is the modelling choice that makes Linux's CM sequence correct, as S5 expects).
 *
 * The IOTLB is kept in VtdHw.iotlb (queue.ts drops from it). The device-TLB is not modelled: the
 * `dma` step issues no ATS translation requests, so DEVTLB / PASID_DEVTLB descriptors are consumed
 * without effect on state.
 */
import { VTD_PASID_MAX } from './types.ts';
import type { CachedPasid, SmContext, VtdHw } from './types.ts';

function tagKey(did: number, pasid: number): number {
  return did * VTD_PASID_MAX + pasid;
}

/** Cache a context entry read by a walk (not-present ones only with CM). */
export function fillContext(hw: VtdHw, sid: number, ctx: SmContext): void {
  if (ctx.p || hw.caps.cm) hw.contextCache.set(sid, ctx);
}

/** Cache a PASID entry read by a walk (not-present ones only with CM). */
export function fillPasid(hw: VtdHw, sid: number, pasid: number, entry: CachedPasid): void {
  const present = entry.dirP && entry.te !== null && entry.te.p;
  if (!present && !hw.caps.cm) return;
  let perSid = hw.pasidCache.get(sid);
  if (perSid === undefined) {
    perSid = new Map();
    hw.pasidCache.set(sid, perSid);
  }
  perSid.set(pasid, entry);
  const key = tagKey(entry.did, pasid);
  const sids = hw.pasidCacheTags.get(key);
  if (sids === undefined) hw.pasidCacheTags.set(key, [sid]);
  else if (sids[sids.length - 1] !== sid) sids.push(sid);
}

/** CC, device-selective: drop the context entry and (for safety, S3) every PASID entry of that sid. */
export function invalidateContextDevice(hw: VtdHw, sid: number): void {
  hw.contextCache.delete(sid);
  hw.pasidCache.delete(sid);
}

/** CC, global or domain-selective (scalable-mode context entries carry no DID: treat as global). */
export function invalidateContextAll(hw: VtdHw): void {
  hw.contextCache.clear();
  hw.pasidCache.clear();
  hw.pasidCacheTags.clear();
}

function dropTag(hw: VtdHw, did: number, pasid: number): void {
  const key = tagKey(did, pasid);
  const sids = hw.pasidCacheTags.get(key);
  if (sids === undefined) return;
  hw.pasidCacheTags.delete(key);
  for (const sid of sids) {
    const perSid = hw.pasidCache.get(sid);
    const e = perSid?.get(pasid);
    if (perSid !== undefined && e !== undefined && e.did === did) {
      perSid.delete(pasid);
      if (perSid.size === 0) hw.pasidCache.delete(sid);
    }
  }
}

/** PC granularity 1 (PASID-selective-within-domain): entries tagged (did, pasid), plus not-present ones of that PASID. */
export function invalidatePasidSelective(hw: VtdHw, did: number, pasid: number): void {
  dropTag(hw, did, pasid);
  if (did !== 0) dropTag(hw, 0, pasid);
}

/** PC granularity 0 (domain-selective): every entry tagged `did`. Linux does not issue it on these paths. */
export function invalidatePasidDomain(hw: VtdHw, did: number): void {
  for (const [sid, perSid] of hw.pasidCache) {
    for (const [pasid, e] of perSid) if (e.did === did) perSid.delete(pasid);
    if (perSid.size === 0) hw.pasidCache.delete(sid);
  }
}

/** PC granularity 3 (global). */
export function invalidatePasidAll(hw: VtdHw): void {
  hw.pasidCache.clear();
  hw.pasidCacheTags.clear();
}
