/**
 * Steps that name a function only some policies' kernels have (spec §1.1): the RFC's
 * iommu_attach_device_pasid_any (per-device-cap, arch-gated) and the proposed
 * iommu_sva_bind_device_pasid (driver-managed). Elsewhere the step is refused with EOPNOTSUPP, and a
 * comparison of policies shows it as "not in this kernel" rather than as a different result.
 */
import type { Policy, StepOp } from '../scenario/types.ts';

export function kernelHas(op: StepOp, policy: Policy): boolean {
  if (op === 'bind_pasid') return policy === 'driver-managed';
  if (op === 'attach_pasid_any') return policy === 'per-device-cap' || policy === 'arch-gated';
  return true;
}
