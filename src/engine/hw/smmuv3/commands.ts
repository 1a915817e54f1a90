/**
 * The command queue (A7, S2 "Command effects"): each function queues one command, consumes it at once
 * (the model's SMMU is infinitely fast, so cons follows prod) and, when effects are recorded, appends
 * a `cmd` effect. Only these functions drop what the configuration caches and the TLB hold.
 */
import type { Ctx } from '../../kernel/state.ts';
import { ATC_INV_SIZE_ALL, CD_SPLIT } from './entries.ts';
import type { SmmuHw, SmmuEvent } from './types.ts';

/** Events kept in SmmuHw.evtq.ring (older ones are still counted in prod). */
export const EVTQ_RING = 64;

/** The parts of an IommuState the SMMUv3 code needs. */
export interface SmmuUnit {
  id: string;
  hw: SmmuHw;
}

function queued(u: SmmuUnit): void {
  u.hw.cmdq.prod++;
  u.hw.cmdq.cons++;
}

/** CMD_CFGI_STE(sid, leaf): drop the cached STE and every CD / L1CD cached through that SID. */
export function cfgiSte(c: Ctx, u: SmmuUnit, sid: number, leaf: boolean): void {
  const cache = u.hw.cache;
  cache.ste.delete(sid);
  cache.cd.delete(sid);
  cache.l1cd.delete(sid);
  queued(u);
  if (c.fx) c.fx.push({ kind: 'cmd', iommu: u.id, name: 'CFGI_STE', args: { sid, leaf } });
}

/** CMD_CFGI_CD(sid, ssid, leaf): drop CD[sid:ssid]; leaf=0 also drops the L1CD covering ssid. */
export function cfgiCd(c: Ctx, u: SmmuUnit, sid: number, ssid: number, leaf: boolean): void {
  const cache = u.hw.cache;
  cache.cd.get(sid)?.delete(ssid);
  if (!leaf) cache.l1cd.get(sid)?.delete(ssid >>> CD_SPLIT);
  queued(u);
  if (c.fx) c.fx.push({ kind: 'cmd', iommu: u.id, name: 'CFGI_CD', args: { sid, ssid, leaf } });
}

/** A SYNC has no arguments: every SYNC effect shares this one (frozen) object instead of making its own. */
const NO_ARGS = Object.freeze({});

/** CMD_SYNC: completes everything queued before it. */
export function cmdSync(c: Ctx, u: SmmuUnit): void {
  queued(u);
  u.hw.cmdq.syncs++;
  if (c.fx) c.fx.push({ kind: 'cmd', iommu: u.id, name: 'SYNC', args: NO_ARGS });
}

/** CMD_PREFETCH_CFG(sid): a hint, queued by arm_smmu_write_ste without a SYNC. */
export function prefetchCfg(c: Ctx, u: SmmuUnit, sid: number): void {
  queued(u);
  if (c.fx) c.fx.push({ kind: 'cmd', iommu: u.id, name: 'PREFETCH_CFG', args: { sid } });
}

/** arm_smmu_tlb_inv_asid: CMD_TLBI_NH_ASID(vmid 0, asid) + SYNC (no E2H, so not TLBI_EL2_ASID). */
export function tlbiAsid(c: Ctx, u: SmmuUnit, asid: number): void {
  u.hw.tlb.delete(asid);
  queued(u);
  if (c.fx) c.fx.push({ kind: 'cmd', iommu: u.id, name: 'TLBI_NH_ASID', args: { vmid: 0, asid } });
  cmdSync(c, u);
}

/**
 * CMD_ATC_INV(sid, SSV = ssid ≠ 0, ssid, size ALL): an ATS Invalidate Request to the endpoint. The
 * device-side ATC is not modelled (the `dma` step has no ATS translation requests).
 */
export function atcInv(c: Ctx, u: SmmuUnit, sid: number, ssid: number): void {
  queued(u);
  if (c.fx) {
    c.fx.push({
      kind: 'cmd',
      iommu: u.id,
      name: 'ATC_INV',
      args: { sid, ssv: ssid !== 0, ssid, size: ATC_INV_SIZE_ALL },
    });
  }
}

/** Records an event in the event queue and, when effects are recorded, as an `event` effect. */
export function recordEvent(c: Ctx, u: SmmuUnit, name: string, sid: number, ssid: number | undefined, addr: number) {
  const evtq = u.hw.evtq;
  const rec: SmmuEvent = { name, sid, ssv: ssid !== undefined, ssid: ssid ?? null, addr };
  evtq.ring[evtq.prod % EVTQ_RING] = rec;
  evtq.prod++;
  if (c.fx) {
    c.fx.push({ kind: 'event', iommu: u.id, name, args: { sid, ssv: rec.ssv, ssid: rec.ssid, addr } });
  }
}
