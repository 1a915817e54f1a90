/**
 * The Intel VT-d scalable-mode driver + hardware model behind the IommuDriver contract.
 * Linux sources followed (mainline, as summarised in shared/research/hw-structures.md Part B):
 * drivers/iommu/intel/{iommu.c, pasid.c, svm.c, prq.c, dmar.c, iommu.h}.
 */
import type { Ctx, DeviceState, Domain, IommuState } from '../../kernel/state.ts';
import type { Errno } from '../../trace/types.ts';
import type { IommuDriver } from '../driver.ts';
import { attachPasid, attachRid, blockPasid, svaSupported } from './attach.ts';
import { deviceSid } from './bdf.ts';
import { createVtdHw, vtdMaxPasids } from './caps.ts';
import { tearDownEntry } from './pasid-ops.ts';
import { qiContextCache, qiIotlb, qiSync } from './queue.ts';
import { ensureRootEntry, flptrName, writeContext } from './tables.ts';
import { translate } from './translate.ts';
import { PASID_PDE_SHIFT, VTD_PASID_MAX } from './types.ts';
import type { VtdDevInfo, VtdHw } from './types.ts';

function vtdHw(iommu: IommuState): VtdHw {
  if (iommu.type !== 'vtd') throw new Error(`vtd driver called for ${iommu.type} instance ${iommu.id}`);
  return iommu.hw;
}

/**
 * intel_pasid_max_id: init_dmars() lowers it to the smallest `2 << PSS` of all PASID-capable units,
 * so every device's PASID table is sized for the system-wide minimum.
 */
function intelPasidMaxId(c: Ctx): number {
  let max = VTD_PASID_MAX;
  for (const u of c.s.iommus.values()) if (u.type === 'vtd' && u.maxPasids > 0 && u.maxPasids < max) max = u.maxPasids;
  return max;
}

/**
 * intel_pasid_alloc_table sizing (B1 "Index math and Linux sizing"): directory bytes = max_pasid / 8,
 * rounded up to a power-of-two number of 4 KB pages (at least one page, even without PASID), so the
 * table covers 1 << (order + 15) PASIDs and PDTS = log2(covered / 64) - 7.
 */
export function pasidTableSize(maxPasid: number): { maxPasid: number; pdts: number } {
  const bytes = maxPasid >>> 3;
  let order = 0;
  while (4096 * 2 ** order < bytes) order++;
  const covered = 2 ** (order + 15);
  return { maxPasid: covered, pdts: Math.max(0, Math.log2(covered >>> PASID_PDE_SHIFT) - 7) };
}

/**
 * intel_iommu_probe_device + probe_finalize + intel_pasid_setup_sm_context. Capabilities: ATS needs a
 * PCI device (ECAP.DT assumed); PASID needs scalable mode + ECAP.PASID (pasidBits > 0) + the PCI PASID
 * capability; PRI needs ATS (ECAP.PRS assumed). probe_finalize enables PASID, ATS and then PRI
 * (iommu_enable_pci_pri requires ATS enabled). A platform (non-PCI) device gets no PASID/ATS/PRI.
 */
function probeDevice(c: Ctx, iommu: IommuState, dev: DeviceState): void {
  const hw = vtdHw(iommu);
  const { sid, bdf } = deviceSid(dev.bdf, dev.index);
  const pci = dev.bus === 'pci';
  const pasidSupported = pci && hw.caps.pasidBits > 0 && dev.devPasids > 0;
  const atsSupported = pci && dev.ats;
  const priSupported = atsSupported && dev.pri;
  const info: VtdDevInfo = {
    sid,
    bdf,
    pasidSupported,
    atsSupported,
    priSupported,
    pasidEnabled: pasidSupported,
    atsEnabled: atsSupported,
    priEnabled: priSupported,
    iopfRefcount: 0,
    ridAttached: false,
    ridDomain: null,
    pasids: new Map(),
  };
  hw.devs.set(dev.id, info);
  const size = pasidTableSize(pasidSupported ? Math.min(dev.devPasids, intelPasidMaxId(c)) : 0);
  if (!hw.pasidTables.has(sid)) hw.pasidTables.set(sid, { maxPasid: size.maxPasid, dir: new Map(), te: new Map() });

  // device_pasid_table_setup: a present context entry is left alone.
  ensureRootEntry(c, iommu, hw, sid);
  if (hw.ctx.get(sid)?.p === true) return;
  writeContext(c, iommu, hw, info, {
    p: true,
    fpd: false,
    dte: atsSupported,
    pasidE: pasidSupported,
    pre: priSupported,
    pdts: size.pdts,
    ridPasid: 0,
  });
  // Not-present → present: only a caching-mode unit needs CC (device, DID 0) + IOTLB DSI (DID 0).
  if (hw.caps.cm) {
    qiContextCache(c, iommu, hw, 3, 0, info);
    qiSync(c, iommu, hw);
    qiIotlb(c, iommu, hw, 2, 0);
    qiSync(c, iommu, hw);
  }
}

function devInfo(hw: VtdHw, dev: DeviceState): VtdDevInfo | undefined {
  return hw.devs.get(dev.id);
}

/**
 * Intel IOMMU driver (scalable mode). SVA domains are not tied to a unit: domain_attach_iommu skips
 * them and intel_svm_set_dev_pasid never compares units (drivers/iommu/intel/svm.c), so one SVA
 * domain per mm is attached across every VT-d unit, all its PASID entries using DID 1.
 */
export const vtdDriver: IommuDriver = {
  maxPasids: vtdMaxPasids,

  /** Blocked, identity, paging and SVA domains all implement set_dev_pasid on VT-d. */
  supportsPasidDomain: () => true,

  createHw: createVtdHw,

  probeDevice,

  /** intel_iommu_domain_alloc_paging_flags: the DID comes per unit at the first attach (domain_attach_iommu). */
  domainAllocPaging(): Errno | null {
    return null;
  },

  /** intel_svm_domain_alloc: intel_iommu_sva_supported(dev), nothing else touches the hardware. */
  domainAllocSva(_c: Ctx, iommu: IommuState, dev: DeviceState, _dom: Domain): Errno | null {
    const hw = vtdHw(iommu);
    const info = devInfo(hw, dev);
    return info === undefined ? 'ENODEV' : svaSupported(hw, info);
  },

  /**
   * intel_svm_domain_free → mmu_notifier_put, intel_iommu_domain_free → page-table pages only:
   * no descriptor, DIDs were returned at the last detach. Drops leftover bookkeeping.
   */
  domainFree(_c: Ctx, iommu: IommuState, dom: Domain): void {
    vtdHw(iommu).svaDevPasids.delete(dom.id);
  },

  attachDev(c: Ctx, iommu: IommuState, dev: DeviceState, dom: Domain): Errno | null {
    const hw = vtdHw(iommu);
    const info = devInfo(hw, dev);
    return info === undefined ? 'ENODEV' : attachRid(c, iommu, hw, info, dom);
  },

  setDevPasid(
    c: Ctx,
    iommu: IommuState,
    dev: DeviceState,
    pasid: number,
    dom: Domain,
    old: Domain | null
  ): Errno | null {
    const hw = vtdHw(iommu);
    const info = devInfo(hw, dev);
    return info === undefined ? 'ENODEV' : attachPasid(c, iommu, hw, info, dev, pasid, dom, old);
  },

  blockDevPasid(c: Ctx, iommu: IommuState, dev: DeviceState, pasid: number, old: Domain): void {
    const hw = vtdHw(iommu);
    const info = devInfo(hw, dev);
    if (info !== undefined) blockPasid(c, iommu, hw, info, dev, pasid, old);
  },

  /**
   * intel_mm_release: intel_pasid_tear_down_entry(fault_ignore = true) for each dev_pasid of the
   * domain, newest first (list_add puts new links at the head): P cleared, the invalidations of a
   * teardown, the entry zeroed (no FPD since 75ed00055c05, see tearDownEntry), no PRQ drain (B5.6). One SVA domain serves every unit and keeps one list, so
   * the links of all units are merged by the order they were made in, not walked unit by unit.
   */
  mmRelease(c: Ctx, iommus: readonly IommuState[], dom: Domain): void {
    const links: { iommu: IommuState; hw: VtdHw; dev: string; pasid: number; seq: number }[] = [];
    for (const iommu of iommus) {
      const hw = vtdHw(iommu);
      for (const l of hw.svaDevPasids.get(dom.id) ?? []) links.push({ iommu, hw, ...l });
    }
    links.sort((a, b) => b.seq - a.seq);
    for (const { iommu, hw, dev, pasid } of links) {
      const info = hw.devs.get(dev);
      if (info !== undefined) tearDownEntry(c, iommu, hw, info, pasid, true);
    }
  },

  /**
   * PASIDs ≥ 1 whose PASID-table entry is present, or P=0 with FPD=1 (what an mm release left before
   * 75ed00055c05, awaiting its detach), each with the domain set there (else the entry's FLPTR). An mm
   * release now zeroes the entry: its PASID stays attached in the core but has no entry here.
   */
  pasidEntries(iommu: IommuState, dev: DeviceState): Map<number, string> {
    const hw = vtdHw(iommu);
    const out = new Map<number, string>();
    const info = hw.devs.get(dev.id);
    const table = info === undefined ? undefined : hw.pasidTables.get(info.sid);
    if (info === undefined || table === undefined) return out;
    for (const [pasid, te] of table.te) {
      if (pasid !== 0 && (te.p || te.fpd)) out.set(pasid, info.pasids.get(pasid) ?? flptrName(te) ?? `did:${te.did}`);
    }
    return out;
  },

  /** An untranslated user request (B7); see translate.ts. */
  dma(c: Ctx, iommu: IommuState, dev: DeviceState, pasid: number | undefined, addr: number) {
    return translate(c, iommu, vtdHw(iommu), dev, { pasid, addr, priv: false });
  },
};
