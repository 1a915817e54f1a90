/**
 * Queued invalidation (B4): each function appends one 256-bit descriptor to the IQ, records it as a
 * `desc` effect (when effects are recorded) and lets the hardware consume it at once (Linux's
 * qi_submit_sync spins on the wait descriptor, so the queue is always drained before the CPU goes on).
 * Consumption applies the descriptor to the configuration caches (caches.ts, S3 "Descriptor effects").
 *
 * Granularities are the descriptor's G field: CC 1 global / 2 domain / 3 device; IOTLB 1 global /
 * 2 DSI / 3 PSI; P_IOTLB 2 PASID-selective / 3 page-selective; PC 0 domain / 1 PASID / 3 global.
 */
import type { Ctx, IommuState } from '../../kernel/state.ts';
import {
  invalidateContextAll,
  invalidateContextDevice,
  invalidatePasidAll,
  invalidatePasidDomain,
  invalidatePasidSelective,
} from './caches.ts';
import { iotlbKey, QI_LENGTH } from './types.ts';
import type { VtdDevInfo, VtdHw } from './types.ts';

function advance(hw: VtdHw): void {
  hw.regs.iqt = (hw.regs.iqt + 1) % QI_LENGTH;
  hw.regs.iqSubmitted++;
}

/** Context-cache invalidate (type 1). Device-selective (g=3) names the source-id; DID is ignored in scalable mode. */
export function qiContextCache(
  c: Ctx,
  iommu: IommuState,
  hw: VtdHw,
  g: 1 | 2 | 3,
  did: number,
  dev: VtdDevInfo | null
): void {
  advance(hw);
  if (g === 3 && dev !== null) invalidateContextDevice(hw, dev.sid);
  else invalidateContextAll(hw);
  c.fx?.push({ kind: 'desc', iommu: iommu.id, name: 'CC', args: { g, did, sid: dev === null ? null : dev.bdf } });
}

/**
 * IOTLB invalidate (type 2), e.g. DSI (g=2) for a second-stage or PASID-0 drain. Only a global one
 * (g=1) drops the first-stage and pass-through entries this model caches: domain- and page-selective
 * ones reach second-stage mappings only (S3 strict mode; first-stage ones need P_IOTLB).
 */
export function qiIotlb(c: Ctx, iommu: IommuState, hw: VtdHw, g: 1 | 2 | 3, did: number): void {
  if (g === 1) hw.iotlb.clear();
  advance(hw);
  c.fx?.push({ kind: 'desc', iommu: iommu.id, name: 'IOTLB', args: { g, did } });
}

/** PASID-based IOTLB invalidate (type 6); g=2 = all addresses of (did, pasid), g=3 a range of them. */
export function qiPiotlb(c: Ctx, iommu: IommuState, hw: VtdHw, g: 2 | 3, did: number, pasid: number): void {
  hw.iotlb.delete(iotlbKey(did, pasid));
  advance(hw);
  c.fx?.push({ kind: 'desc', iommu: iommu.id, name: 'P_IOTLB', args: { g, did, pasid } });
}

/** PASID-cache invalidate (type 7). */
export function qiPasidCache(c: Ctx, iommu: IommuState, hw: VtdHw, g: 0 | 1 | 3, did: number, pasid: number): void {
  advance(hw);
  if (g === 1) invalidatePasidSelective(hw, did, pasid);
  else if (g === 0) invalidatePasidDomain(hw, did);
  else invalidatePasidAll(hw);
  c.fx?.push({ kind: 'desc', iommu: iommu.id, name: 'PC', args: { g, did, pasid } });
}

/** Device-TLB invalidate without PASID (type 3), whole range: every ATC entry of the endpoint. */
export function qiDevtlb(c: Ctx, iommu: IommuState, hw: VtdHw, dev: VtdDevInfo): void {
  advance(hw);
  c.fx?.push({ kind: 'desc', iommu: iommu.id, name: 'DEVTLB', args: { sid: dev.bdf } });
}

/** PASID-based device-TLB invalidate (type 8), whole range (S=1, ADDR=0x7FFF_FFFF_FFFF_F000). */
export function qiPasidDevtlb(c: Ctx, iommu: IommuState, hw: VtdHw, dev: VtdDevInfo, pasid: number): void {
  advance(hw);
  c.fx?.push({ kind: 'desc', iommu: iommu.id, name: 'PASID_DEVTLB', args: { sid: dev.bdf, pasid } });
}

/**
 * Invalidation wait (type 5). qi_submit_sync appends one with SW=1 (status write) to every batch,
 * PD=1 with QI_OPT_WAIT_DRAIN; the PRQ drain's leading wait has FN=1 (fence) and no status write.
 */
export function qiWait(c: Ctx, iommu: IommuState, hw: VtdHw, sw: boolean, fn: boolean, pd: boolean): void {
  advance(hw);
  c.fx?.push({ kind: 'desc', iommu: iommu.id, name: 'WAIT', args: { sw, fn, pd } });
}

/** The wait qi_submit_sync appends after each submitted batch. */
export function qiSync(c: Ctx, iommu: IommuState, hw: VtdHw): void {
  qiWait(c, iommu, hw, true, false, false);
}
