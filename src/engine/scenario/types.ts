/**
 * Scenario format v1 (shared/spec/scenario-format.md §1–§2): the one thing users share,
 * replay, test and present. Names here are the public contract; do not rename.
 */

export const SCENARIO_FORMAT = 'pasid-sandbox/1';

/** Which kernel the scenario runs on (spec §1.1). */
export type Policy = 'global' | 'per-device-cap' | 'arch-gated' | 'driver-managed';
export const POLICIES: readonly Policy[] = ['global', 'per-device-cap', 'arch-gated', 'driver-managed'];

export type Arch = 'x86' | 'arm64';
export type IommuType = 'smmuv3' | 'vtd';

export interface IommuSpec {
  id: string;
  type: IommuType;
  /** smmuv3: IDR1.SSIDSIZE, 0–20 (default 20). */
  ssidBits?: number;
  /** vtd: PASID width from ECAP.PSS (+1), 0–20 (default 20). */
  pasidBits?: number;
  /** smmuv3 CD table format; `auto` is Linux's rule. */
  cdTable?: 'auto' | 'linear' | '2lvl';
  /** vtd: CM=1, a virtual IOMMU that caches non-present entries. */
  cachingMode?: boolean;
}

export interface DeviceSpec {
  id: string;
  iommu: string;
  bus?: 'pci' | 'platform';
  /** PCI Max PASID Width or platform `pasid-num-bits`; absent/null = no PASID support. */
  pasidBits?: number | null;
  /** Devices naming the same group share one iommu_group. */
  group?: string;
  enqcmd?: boolean;
  ats?: boolean;
  pri?: boolean;
  /** smmuv3 StreamID. */
  sid?: number;
  /** vtd "bb:dd.f". */
  bdf?: string;
  defaultDomain?: 'dma' | 'identity';
}

export interface ProcessSpec {
  id: string;
  threads?: number;
  lam?: boolean;
}

interface StepBase {
  note?: string;
}

export type Step = StepBase &
  (
    | { op: 'bind'; dev: string; proc: string }
    | { op: 'unbind'; dev: string; proc: string }
    | { op: 'bind_pasid'; dev: string; proc: string; pasid?: number }
    | { op: 'alloc_global_pasid'; dev: string }
    | { op: 'free_global_pasid'; pasid: number }
    | { op: 'domain_alloc'; id: string; iommu: string; type: 'paging' | 'identity' | 'blocked'; pasid?: boolean }
    | { op: 'attach_dev'; dev: string; domain: string }
    | { op: 'detach_dev'; dev: string; domain: string }
    | { op: 'attach_pasid'; dev: string; domain: string; pasid: number }
    | { op: 'attach_pasid_any'; dev: string; domain: string }
    | { op: 'replace_pasid'; dev: string; domain: string; pasid: number }
    | { op: 'detach_pasid'; dev: string; pasid: number }
    | { op: 'claim_dma_owner'; dev: string; owner?: string }
    | { op: 'release_dma_owner'; dev: string }
    | { op: 'reset_prepare'; dev: string }
    | { op: 'reset_done'; dev: string }
    | { op: 'exit'; proc: string }
    | { op: 'fork'; proc: string; child: string }
    | { op: 'enqcmd'; proc: string; dev: string; thread?: number }
    | { op: 'dma'; dev: string; pasid?: number; addr?: number }
  );

export type StepOp = Step['op'];

export const STEP_OPS: readonly StepOp[] = [
  'bind',
  'unbind',
  'bind_pasid',
  'alloc_global_pasid',
  'free_global_pasid',
  'domain_alloc',
  'attach_dev',
  'detach_dev',
  'attach_pasid',
  'attach_pasid_any',
  'replace_pasid',
  'detach_pasid',
  'claim_dma_owner',
  'release_dma_owner',
  'reset_prepare',
  'reset_done',
  'exit',
  'fork',
  'enqcmd',
  'dma',
];

export interface Scenario {
  format: typeof SCENARIO_FORMAT;
  title?: string;
  notes?: string;
  policy?: Policy;
  arch?: Arch;
  enqcmdLike?: boolean;
  iommus: IommuSpec[];
  devices: DeviceSpec[];
  processes: ProcessSpec[];
  steps: Step[];
}

/** Spec §1 limits: each is a validation error, never a hang. */
export const LIMITS = {
  iommus: 64,
  devices: 4096,
  processes: 65536,
  steps: 100000,
  threads: 8,
} as const;
