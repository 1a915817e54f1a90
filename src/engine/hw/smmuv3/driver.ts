/**
 * The Arm SMMUv3 driver + hardware model behind the IommuDriver contract (src/engine/hw/driver.ts).
 * The core decides whether an operation happens; these functions program the simulated SMMU the way
 * current Linux does (drivers/iommu/arm/arm-smmu-v3/, shared/research/hw-structures.md Part A) and
 * emit every table store and queued command as an Effect when c.fx is non-null.
 *
 * Not modelled (on purpose): the endpoint ATC (the `dma` step issues no ATS translation requests, so
 * ATC_INV is shown and counted but has nothing to drop); TLB entries by address (the TLB is kept by
 * ASID: page tables are abstract); stage 2 / nested domains; E2H (STRW = NS-EL1, TLBI_NH_*); the stall model and PRI (Linux's SMMUv3 driver does not service PRI at all: it logs
 * "unexpected PRI request" and answers Deny, A8, so `dev.pri` changes nothing here); GBPA / SMMUEN=0.
 */
import type { Ctx, DeviceState, Domain, DomainType, IommuState } from '../../kernel/state.ts';
import type { IommuSpec } from '../../scenario/types.ts';
import type { DmaOutcome, IommuDriver } from '../driver.ts';
import type { SmmuUnit } from './commands.ts';
import { attachDev, pagingDomain } from './attach.ts';
import { blockPasid, domainAllocSva, domainFree, mmRelease, setPasid } from './pasid.ts';
import { cdTableOf, createSmmuHw, insertMaster } from './tables.ts';
import { translate } from './translate.ts';
import type { SmmuMaster } from './types.ts';
import { ABORT_STE } from './entries.ts';

function unit(iommu: IommuState): SmmuUnit {
  if (iommu.type !== 'smmuv3') throw new Error(`smmuv3 driver called for ${iommu.type} IOMMU ${iommu.id}`);
  return iommu;
}

/** The master for a device, created on the fly if the core skipped probe (keeps ops total). */
function masterOf(c: Ctx, u: SmmuUnit, dev: DeviceState): SmmuMaster {
  return u.hw.masters.get(dev.id) ?? insertMaster(c, u, dev);
}

/** The SMMUv3 IommuDriver. */
export const smmuv3Driver: IommuDriver = {
  /** arm_smmu_device_hw_probe: iommu.max_pasids = 1 << IDR1.SSIDSIZE (not capped without CD2L). */
  maxPasids(spec: IommuSpec): number {
    return 2 ** (spec.ssidBits ?? 20);
  },

  /** Paging and SVA domains have set_dev_pasid, and so does the blocked domain; identity does not. */
  supportsPasidDomain(type: DomainType): boolean {
    return type !== 'identity';
  },

  createHw(spec: IommuSpec) {
    return createSmmuHw(spec);
  },

  /**
   * arm_smmu_probe_device: insert the SID (a fresh stream-table slot holds the abort STE, V=1
   * Config=0) and compute ssid_bits. No command: the SMMU was reset with CFGI_ALL at boot.
   */
  probeDevice(c: Ctx, iommu: IommuState, dev: DeviceState): void {
    const u = unit(iommu);
    const master = insertMaster(c, u, dev);
    if (master.inStrtab) {
      for (const sid of master.sids) if (!u.hw.strtab.stes.has(sid)) u.hw.strtab.stes.set(sid, ABORT_STE);
    }
  },

  domainAllocSva(c: Ctx, iommu: IommuState, dev: DeviceState, dom: Domain) {
    const u = unit(iommu);
    return domainAllocSva(c, u, u.hw.masters.get(dev.id), dom);
  },

  /** arm_smmu_domain_alloc_paging_flags → arm_smmu_domain_finalise_s1: the ASID from the global space (A6). */
  domainAllocPaging(c: Ctx, iommu: IommuState, dom: Domain) {
    const rec = pagingDomain(c, unit(iommu), dom);
    return typeof rec === 'string' ? rec : null;
  },

  domainFree(c: Ctx, iommu: IommuState, dom: Domain): void {
    domainFree(c, unit(iommu), dom);
  },

  attachDev(c: Ctx, iommu: IommuState, dev: DeviceState, dom: Domain) {
    const u = unit(iommu);
    return attachDev(c, u, masterOf(c, u, dev), dom);
  },

  setDevPasid(c: Ctx, iommu: IommuState, dev: DeviceState, pasid: number, dom: Domain, old: Domain | null) {
    const u = unit(iommu);
    return setPasid(c, u, masterOf(c, u, dev), pasid, dom, old);
  },

  blockDevPasid(c: Ctx, iommu: IommuState, dev: DeviceState, pasid: number, old: Domain): void {
    const u = unit(iommu);
    blockPasid(c, u, masterOf(c, u, dev), pasid, old);
  },

  /** Each instance made its own SVA domain record and notifier: only the one holding `dom` acts. */
  mmRelease(c: Ctx, iommus: readonly IommuState[], dom: Domain): void {
    for (const iommu of iommus) mmRelease(c, unit(iommu), dom);
  },

  /**
   * Valid CDs at SSID ≥ 1 in the master's CD table (the EPD0 "dead mm" CD is still V=1), each with the
   * domain the driver attached there (its master_domain), else the CD's TTB0.
   */
  pasidEntries(iommu: IommuState, dev: DeviceState): Map<number, string> {
    const u = unit(iommu);
    const out = new Map<number, string>();
    const master = u.hw.masters.get(dev.id);
    const table = master ? cdTableOf(u.hw, master) : null;
    if (!master || !table) return out;
    for (const [ssid, cd] of table.cds) {
      if (ssid !== 0 && cd.V) out.set(ssid, master.pasids.get(ssid) ?? cd.TTB0 ?? `asid:${cd.ASID}`);
    }
    return out;
  },

  dma(c: Ctx, iommu: IommuState, dev: DeviceState, pasid: number | undefined, addr: number): DmaOutcome {
    return translate(c, unit(iommu), dev, pasid, addr);
  },
};
