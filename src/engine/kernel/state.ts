/**
 * The simulated kernel's state: plain data only (objects, arrays, Maps, Sets, typed arrays),
 * so `structuredClone` checkpoints it for the timeline and nothing here carries behaviour.
 * Field names follow the kernel's (group->pasid_array, owner_cnt, iommu_mm->pasid, …).
 */
import type { Ida } from '../alloc/ida.ts';
import type { IommuDriver } from '../hw/driver.ts';
import type { Links } from './lookup.ts';
import type { AsidSpace, SmmuHw } from '../hw/smmuv3/types.ts';
import type { VtdHw } from '../hw/vtd/types.ts';
import type { Arch, IommuType, Policy } from '../scenario/types.ts';
import type { Effect } from '../trace/types.ts';

/** IOMMU_NO_PASID: PASID 0 is the RID address space (R1). */
export const IOMMU_NO_PASID = 0;
/** IOMMU_FIRST_GLOBAL_PASID (R7). */
export const IOMMU_FIRST_GLOBAL_PASID = 1;
/** PCIe PASID width: 2^20 values (R1). */
export const PASID_SPACE = 1 << 20;
/** IOMMU_PASID_INVALID, (-1U) (R1). */
export const IOMMU_PASID_INVALID = 0xffffffff;

export type IommuState =
  | { id: string; type: 'smmuv3'; index: number; maxPasids: number; hw: SmmuHw }
  | { id: string; type: 'vtd'; index: number; maxPasids: number; hw: VtdHw };

export interface DeviceState {
  id: string;
  index: number;
  iommu: string;
  group: string;
  bus: 'pci' | 'platform';
  /** Device-side value before the IOMMU cap: 1 << width, or 0 without PASID support (R2). */
  devPasids: number;
  /** dev->iommu->max_pasids = min(device, IOMMU) (R2–R4). */
  maxPasids: number;
  enqcmd: boolean;
  ats: boolean;
  pri: boolean;
  /** SMMUv3 StreamID. */
  sid: number;
  /** VT-d source-id as "bb:dd.f". */
  bdf: string;
}

/**
 * One group->pasid_array entry: a handle-tagged entry (an SVA bind's, or the caller's own handle that
 * iommufd passes to replace) or a bare domain (attach_pasid without a handle).
 */
export interface PasidEntry {
  domain: string;
  /** Id in SimState.handles (SVA), or null: a bare domain, or a non-SVA handle when `userHandle`. */
  handle: number | null;
  /**
   * A non-SVA attach handle is stored (iommu_replace_device_pasid requires one, R31): for an SVA
   * bind, iommu_attach_handle_get then finds a type mismatch, -EBUSY, not a bare domain's -ENOENT (R16, R34).
   */
  userHandle: boolean;
}

export interface GroupState {
  id: string;
  /** Position in SimState.groups (boot order). */
  index: number;
  /** Member device ids in probe order (the order __iommu_set_group_pasid programs them). */
  devices: string[];
  /** group->domain: the current RID domain id. */
  domain: string;
  /** group->default_domain id. */
  defaultDomain: string;
  /** group->owner (null = kernel DMA API) and owner_cnt (R38–R42). */
  owner: string | null;
  ownerCnt: number;
  /** group->pasid_array, index = PASID (≥ 1 here; index 0 is unused without iommufd). */
  pasidArray: Map<number, PasidEntry>;
  /** Devices inside pci_dev_reset_iommu_prepare/done (v7.0.y gdev->blocked); recovery_cnt = size (R43–R44). */
  resetting: Set<string>;
}

export type DomainType = 'paging' | 'identity' | 'blocked' | 'sva';

export interface Domain {
  id: string;
  type: DomainType;
  /** The iommu_ops that own it (domain->owner). */
  driver: IommuType;
  /** IOMMU instance the scenario allocated it on (domain_alloc's `iommu`), or the device's IOMMU for SVA/default. */
  iommu: string;
  /** Allocated with IOMMU_HWPT_ALLOC_PASID (R45). */
  pasidCompat: boolean;
  /** SVA domains: the mm (process id) it shares; holds an mm_count reference (R14). */
  mm: string | null;
  /** SVA domains: number of devices attached through SVA (domain->users, R17/R20). */
  users: number;
  /** Default domains: the group whose DMA-API domain this is. */
  defaultOf: string | null;
  /** False once iommu_domain_free ran (SVA domains only). */
  live: boolean;
}

/** struct iommu_sva: one per (group, PASID) SVA attachment; `users` counts repeated binds (R15, R20). */
export interface SvaHandle {
  id: number;
  dev: string;
  group: string;
  domain: string;
  pasid: number;
  users: number;
  mm: string;
  /** Made by bind_pasid (driver-managed): the PASID returns to the driver's allocator at the last unbind. */
  driverPasid: boolean;
}

/** mm->iommu_mm (struct iommu_mm_data). */
export interface IommuMmData {
  pasid: number;
  /** RFC patch: false when the PASID came from a per-device space (mm_pasid_drop frees only global ones). */
  pasidGlobal: boolean;
  /** SVA domain ids, in list order (iommu_mm->sva_domains). */
  svaDomains: string[];
  /** driver-managed: whether a normal bind ever ran, i.e. mm_get_enqcmd_pasid() may return the PASID. */
  enqcmdVisible: boolean;
}

export interface ThreadState {
  /** IA32_PASID (or ACCDATA_EL1) value when valid, else null (R58). */
  msr: number | null;
  /** current->pasid_activated (R59). */
  activated: boolean;
}

export interface ProcState {
  id: string;
  /** Position in SimState.procs (insertion order; processes are never removed): bond keys use it. */
  index: number;
  /** mm_users > 0: the process has not exited. */
  alive: boolean;
  /** The mm still exists (mm_count > 0): alive, or pinned by SVA domains after exit (R14). */
  mmLive: boolean;
  lam: boolean;
  iommuMm: IommuMmData | null;
  threads: ThreadState[];
}

export interface SimState {
  policy: Policy;
  arch: Arch;
  /** The platform has an ENQCMD-like instruction (x86 ENQCMD, arm64 ST64BV0 + ACCDATA_EL1). */
  enqcmdLike: boolean;
  iommus: Map<string, IommuState>;
  devices: Map<string, DeviceState>;
  groups: Map<string, GroupState>;
  domains: Map<string, Domain>;
  procs: Map<string, ProcState>;
  /** iommu_global_pasid_ida (R6). */
  globalIda: Ida;
  /** PASIDs taken by iommu_alloc_global_pasid for kernel use (idxd-style), with the device that asked. */
  kernelPasids: Map<number, string>;
  /** driver-managed: each device driver's own PASID allocator, created on first use. */
  driverIdas: Map<string, Ida>;
  handles: Map<number, SvaHandle>;
  nextHandle: number;
  /** Outstanding binds per (device, process): handle ids, most recent last. Key: bondKey(dev, proc) (lookup.ts). */
  bonds: Map<number, number[]>;
  nextSvaDomain: number;
  /**
   * System-wide order of VT-d SVA (device, PASID) links (VtdHw.svaDevPasids): one SVA domain spans
   * every VT-d unit, and its mm release walks all its links newest first, whatever their unit.
   */
  nextDevPasid: number;
  /** arm_smmu_asid_xa: the ASIDs of every SMMUv3 instance (A6); null until an SMMU allocates one. */
  smmuAsids: AsidSpace | null;
}

/**
 * What every engine function receives: the state, the effect sink (null when effects are not
 * recorded) and the driver for each IOMMU type (injected so core tests can use a fake driver).
 */
export interface Ctx {
  s: SimState;
  fx: Effect[] | null;
  drv: Readonly<Record<IommuType, IommuDriver>>;
  /** Derived topology links (lookup.ts), filled on first use; not state, never cloned. */
  links?: Links;
  /** When set, every mutation of what the UI shows is recorded here (touched.ts); not state, never cloned. */
  touched?: Touched | null;
}

/**
 * What steps changed since a consumer last looked (the worker's frame differ): ids of the
 * processes, groups, SVA bonds (SimState.bonds keys) and domains written, and whether the global
 * IDA was. A superset is harmless (the consumer compares values); a missing id is a stale frame.
 */
export interface Touched {
  /** Process ids: alive, mmLive, lam, iommuMm (and its fields), threads' MSR; fork adds the child. */
  procs: Set<string>;
  /** Group ids: domain, owner, ownerCnt, pasidArray, resetting. */
  groups: Set<string>;
  /** SimState.bonds keys whose handle stack was pushed, popped, made or deleted. */
  bonds: Set<number>;
  /** Domain ids added to, deleted from or freed in SimState.domains. */
  domains: Set<string>;
  /** The global IDA (or kernelPasids) changed. */
  globals: boolean;
  /** The PASIDs allocated or freed in the global IDA (kernelPasids included) when `globals` was set. */
  pasids: Set<number>;
  /** SimState.handles ids made, deleted, or whose `users` changed. */
  handles: Set<number>;
  /**
   * SVA domain ids whose `users` changed: every handle of the domain shows the count, not only the
   * one whose bind or unbind changed it. (A domain made or freed is in `domains` as well.)
   */
  domainUsers: Set<string>;
}
