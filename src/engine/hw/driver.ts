/**
 * The contract between the simulated IOMMU core (src/engine/kernel) and a simulated IOMMU driver +
 * hardware model (src/engine/hw/smmuv3, src/engine/hw/vtd). The core decides *whether* an operation
 * happens, in the kernel's check order; the driver decides *how* the hardware is programmed and emits
 * the writes, commands and descriptors as `Effect`s into `c.fx` (when non-null), in Linux's order
 * (shared/research/hw-structures.md §A10, §B5, "Simulator model" S4).
 *
 * Errors returned by driver ops are the driver's own refusals (e.g. SMMUv3 domain from another
 * instance → EINVAL). The core never calls a driver for PASID 0 through PASID paths, never for
 * PASIDs ≥ the device's max, never for devices with max_pasids 0 (R26, §4.11).
 */
import type { Ctx, DeviceState, Domain, DomainType, IommuState } from '../kernel/state.ts';
import type { IommuSpec } from '../scenario/types.ts';
import type { Errno } from '../trace/types.ts';

export type DmaOutcome =
  | { ok: true; via: string }
  /** fault: SMMUv3 event name, VT-d "VTD_0xNN", or "ABORT" for a silent abort (no record). */
  | { ok: false; fault: string; via?: string };

export interface IommuDriver {
  /** iommu_device.max_pasids for this instance (R3). */
  maxPasids(spec: IommuSpec): number;
  /**
   * Whether domains of this type implement set_dev_pasid (domain->ops->set_dev_pasid). The core answers
   * EOPNOTSUPP without calling the driver when false (R25 step 2). SMMUv3: identity has none.
   */
  supportsPasidDomain(type: DomainType): boolean;
  /** Fresh hardware state for one instance (tables empty, queues empty). */
  createHw(spec: IommuSpec): IommuState['hw'];
  /**
   * Device probe, before step 0 (effects not recorded: c.fx is null). Inserts the stream /
   * context entry. The core then calls attachDev with the group's default domain.
   */
  probeDevice(c: Ctx, iommu: IommuState, dev: DeviceState): void;
  /**
   * domain_alloc_sva(dev, mm) (R18): driver-side allocation for a new SVA domain (SMMUv3: private
   * ASID; VT-d: nothing, DID 1). Return an errno to refuse (e.g. EOPNOTSUPP when the master cannot do SVA).
   */
  domainAllocSva(c: Ctx, iommu: IommuState, dev: DeviceState, dom: Domain): Errno | null;
  /**
   * A paging domain allocated by the scenario (iommufd's HWPT alloc → ops->domain_alloc_paging_flags).
   * SMMUv3 finalises it on its instance now (arm_smmu_domain_finalise_s1: the ASID is taken here, not
   * at first attach); VT-d takes its DIDs per unit at attach (domain_attach_iommu), so nothing here.
   */
  domainAllocPaging(c: Ctx, iommu: IommuState, dom: Domain): Errno | null;
  /** iommu_domain_free for an SVA or paging domain (SMMUv3: TLBI_NH_ASID + SYNC, free the ASID). */
  domainFree(c: Ctx, iommu: IommuState, dom: Domain): void;
  /** RID attach: ops->attach_dev (paging, identity or blocked domain). */
  attachDev(c: Ctx, iommu: IommuState, dev: DeviceState, dom: Domain): Errno | null;
  /** set_dev_pasid(dom, dev, pasid, old): old null = fresh attach, else replace; on error keep old. */
  setDevPasid(
    c: Ctx,
    iommu: IommuState,
    dev: DeviceState,
    pasid: number,
    dom: Domain,
    old: Domain | null
  ): Errno | null;
  /** The blocked domain's set_dev_pasid: remove the PASID (never fails). */
  blockDevPasid(c: Ctx, iommu: IommuState, dev: DeviceState, pasid: number, old: Domain): void;
  /**
   * mmu_notifier release for an SVA domain's mm: quiesce every (device, PASID) of `dom` on `iommus`,
   * every instance of this driver (a VT-d SVA domain spans units; an SMMUv3 one lives on one).
   */
  mmRelease(c: Ctx, iommus: readonly IommuState[], dom: Domain): void;
  /**
   * The PASIDs (≥ 1) for which `dev`'s tables currently hold a valid entry (SMMUv3: CD V=1 at SSID;
   * VT-d: PASID-table entry P=1), each with the domain id it points at ("mm:P1"-style for SVA is fine).
   * Read-only; used by invariant checks and views. An SMMUv3 CD quiesced by mm release (EPD0) still
   * counts: the PASID is attached until the driver unbinds. VT-d zeroes the entry at mm release (since
   * 75ed00055c05), so such a PASID has no entry there until the unbind detaches it.
   */
  pasidEntries(iommu: IommuState, dev: DeviceState): Map<number, string>;
  /** A DMA from `dev` (pasid undefined = no PASID / SSV=0) walked through the hardware tables (A11 / B7). */
  dma(c: Ctx, iommu: IommuState, dev: DeviceState, pasid: number | undefined, addr: number): DmaOutcome;
}
