/**
 * Domain IDs (B3): a per-unit IDA over [IDA_START_DID, ndoms - 1], one DID per (paging domain, unit),
 * refcounted by the attachments of that domain on that unit (domain_attach_iommu /
 * domain_detach_iommu in drivers/iommu/intel/iommu.c). DID 0 is reserved (caching mode's
 * not-present tag), DID 1 is FLPT_DEFAULT_DID (identity and every SVA PASID entry), so SVA and
 * identity domains never take a DID (domain_attach_iommu returns early for SVA; the identity domain
 * is a static domain without iommu_array).
 */
import type { Domain } from '../../kernel/state.ts';
import type { Errno } from '../../trace/types.ts';
import { FLPT_DEFAULT_DID, IDA_START_DID } from './types.ts';
import type { VtdHw } from './types.ts';

/** Lowest free DID ≥ IDA_START_DID, marked used; -1 when the unit is out of DIDs. */
export function didAlloc(hw: VtdHw): number {
  const bits = hw.didBitmap;
  const start = Math.max(hw.didHint, IDA_START_DID);
  for (let w = start >>> 5; w < bits.length; w++) {
    const word = bits[w] ?? 0xffffffff;
    if (word === 0xffffffff) continue;
    for (let b = w === start >>> 5 ? start & 31 : 0; b < 32; b++) {
      if ((word & (1 << b)) === 0) {
        const id = (w << 5) | b;
        if (id >= hw.caps.ndoms) return -1;
        bits[w] = word | (1 << b);
        hw.didHint = id + 1;
        return id;
      }
    }
  }
  return -1;
}

/** Returns a DID to the unit's IDA. */
export function didFree(hw: VtdHw, did: number): void {
  const w = did >>> 5;
  const word = hw.didBitmap[w];
  if (word === undefined) return;
  hw.didBitmap[w] = word & ~(1 << (did & 31));
  if (did < hw.didHint) hw.didHint = did;
}

/** Whether `did` is allocated on this unit (for tests and views). */
export function didInUse(hw: VtdHw, did: number): boolean {
  const word = hw.didBitmap[did >>> 5] ?? 0;
  return (word & (1 << (did & 31))) !== 0;
}

/** domain_attach_iommu: allocate or refcount the domain's DID on this unit. ENOSPC when exhausted. */
export function domainAttachIommu(hw: VtdHw, dom: Domain): Errno | null {
  if (dom.type !== 'paging') return null;
  const ref = hw.dids.get(dom.id);
  if (ref !== undefined) {
    ref.refcnt++;
    return null;
  }
  const did = didAlloc(hw);
  if (did < 0) return 'ENOSPC';
  hw.dids.set(dom.id, { did, refcnt: 1 });
  return null;
}

/** domain_detach_iommu: drop one reference; the last one frees the DID (no-op for domains without a DID). */
export function domainDetachIommu(hw: VtdHw, domId: string): void {
  const ref = hw.dids.get(domId);
  if (ref === undefined) return;
  if (--ref.refcnt === 0) {
    didFree(hw, ref.did);
    hw.dids.delete(domId);
  }
}

/**
 * iommu_domain_did(): FLPT_DEFAULT_DID for SVA and identity domains, else the domain's DID on this
 * unit (0 — "no DID" — if it holds none, which Linux never lets happen for an attached domain).
 */
export function domainDid(hw: VtdHw, dom: Domain): number {
  if (dom.type === 'sva' || dom.type === 'identity') return FLPT_DEFAULT_DID;
  return hw.dids.get(dom.id)?.did ?? 0;
}
