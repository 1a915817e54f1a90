/**
 * What each policy's kernel has and does (spec §1.1), as pure functions the engine and the views
 * share: which steps name a function only some kernels have, whether a bind takes a per-device
 * PASID space, and whether the platform has an ENQCMD-like instruction.
 */
import type { IommuType, Policy, Scenario, StepOp } from '../scenario/types.ts';

/**
 * Steps that name a function only some policies' kernels have: the RFC's
 * iommu_attach_device_pasid_any (per-device-cap, arch-gated) and the proposed
 * iommu_sva_bind_device_pasid (driver-managed). Elsewhere the step is refused with EOPNOTSUPP, and a
 * comparison of policies shows it as "not in this kernel" rather than as a different result.
 */
export function kernelHas(op: StepOp, policy: Policy): boolean {
  if (op === 'bind_pasid') return policy === 'driver-managed';
  if (op === 'attach_pasid_any') return policy === 'per-device-cap' || policy === 'arch-gated';
  return true;
}

/** The platform has an ENQCMD-like instruction (x86 ENQCMD; arm64 only when the scenario says so, spec §1.2). */
export function platformEnqcmdLike(scenario: Pick<Scenario, 'arch' | 'enqcmdLike'>): boolean {
  return scenario.enqcmdLike ?? (scenario.arch ?? 'arm64') === 'x86';
}

/** Whether a fresh mm bound to a device behind `iommuType` takes its PASID from the device's own space. */
export function takesPerDeviceSpace(policy: Policy, enqcmdLike: boolean, iommuType: IommuType): boolean {
  // The RFC patch asks the IOMMU driver (IOMMU_CAP_PER_DEV_PASID_SPACE: SMMUv3 yes, VT-d no).
  if (policy === 'per-device-cap') return iommuType === 'smmuv3';
  // The reviewer's counter-proposal: decide by the arch, not the IOMMU (2026-04-24 reply).
  if (policy === 'arch-gated') return !enqcmdLike;
  return false;
}
