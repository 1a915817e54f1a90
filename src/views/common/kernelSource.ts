/**
 * Which kernel function a step names (spec §2), as links into the Linux v7.0 source on Elixir, so a
 * reader can check the engine's answer against the code it models. Functions the thread only
 * proposed (the RFC's attach_pasid_any, the reviewers' bind_device_pasid) have no mainline source:
 * they are named and marked instead of linked. A `dma` step is the hardware walking its tables, with
 * no kernel call on the way.
 */
import { platformEnqcmdLike, takesPerDeviceSpace } from '../../engine/index.ts';
import type { Arch, IommuType, Policy, Scenario, Step } from '../../engine/index.ts';

/** The kernel tag the engine follows (research: v7.0 plus the 7.0.y fixes it cites). */
export const KERNEL_TAG = 'v7.0';

/** Elixir's identifier search: finds the definition whatever file or line it moves to. */
export function elixirUrl(ident: string): string {
  return `https://elixir.bootlin.com/linux/${KERNEL_TAG}/A/ident/${ident}`;
}

export interface KernelRef {
  /** A C identifier. */
  name: string;
  /** Elixir link, or null for a function that is not in mainline. */
  url: string | null;
  /** Why there is no link, or what differs from mainline under this policy. */
  note?: string;
}

export interface KernelCall {
  refs: KernelRef[];
  /** One line of context when the step is not a plain call (hardware, a policy's patch). */
  remark?: string;
}

const mainline = (name: string): KernelRef => ({ name, url: elixirUrl(name) });
const proposed = (name: string, note: string): KernelRef => ({ name, url: null, note });

/** The IOMMU types a step's device sits behind (one), or every type in the scenario (an `exit`). */
function iommuTypes(scenario: Scenario | null, dev: string | null): IommuType[] {
  if (!scenario) return [];
  const ids = dev === null ? scenario.iommus.map((u) => u.id) : [scenario.devices.find((d) => d.id === dev)?.iommu];
  const types = new Set<IommuType>();
  for (const id of ids) {
    const t = scenario.iommus.find((u) => u.id === id)?.type;
    if (t) types.add(t);
  }
  return [...types].sort();
}

/** The mmu-notifier release each IOMMU driver registers for an SVA mm (R14). */
const RELEASE: Record<IommuType, string> = { smmuv3: 'arm_smmu_mm_release', vtd: 'intel_mm_release' };

const WALK: Record<IommuType, string> = {
  smmuv3: 'STE → CD',
  vtd: 'root → context → PASID directory → PASID table',
};

/** Whether the platform has an ENQCMD-like instruction, as the engine decides it. */
function enqcmdLike(scenario: Scenario | null): boolean {
  return platformEnqcmdLike(scenario ?? {});
}

/** The RFC's bind: which PASID an mm gets, and how it is attached (thread: the patch's iommu_sva_bind_device). */
const RFC_BIND =
  "an mm without a PASID takes the lowest free one of the device's group (attach_pasid_any) and keeps it as its PASID; an mm with one attaches that (attach_device_pasid).";

/**
 * iommu_sva_bind_device as each policy has it: the RFC patch's path only where that policy takes a
 * per-device space, as the engine decides it (takesPerDeviceSpace).
 */
function bindCall(policy: Policy, scenario: Scenario | null, dev: string): KernelCall {
  const bind = mainline('iommu_sva_bind_device');
  const type = iommuTypes(scenario, dev)[0];
  if (type !== undefined && takesPerDeviceSpace(policy, enqcmdLike(scenario), type)) {
    const patched = [
      bind,
      mainline('iommu_attach_device_pasid'),
      proposed('iommu_attach_device_pasid_any', 'RFC, not in mainline'),
    ];
    const why = policy === 'arch-gated' ? "The RFC's path (no ENQCMD-like instruction)" : 'As the RFC patch changes it';
    return { refs: patched, remark: `${why}: ${RFC_BIND}` };
  }
  if (policy === 'per-device-cap') {
    return {
      refs: [bind],
      remark:
        'The RFC sets IOMMU_CAP_PER_DEV_PASID_SPACE only in arm_smmu_capable(): a fresh mm bound through VT-d gets a global PASID.',
    };
  }
  if (policy === 'arch-gated') {
    return { refs: [bind], remark: 'The arch has an ENQCMD-like instruction: the global IDA, as in mainline.' };
  }
  return { refs: [bind] };
}

/** What happens to the mm's PASID at exit, by policy (R14; the RFC's mm_pasid_drop; bind_pasid's driver allocator). */
function exitRemark(policy: Policy): string {
  const quiesce =
    "Each IOMMU driver's mmu-notifier release quiesces the mm's SVA entries; mm_pasid_drop() frees a global PASID at __mmdrop";
  if (policy === 'per-device-cap' || policy === 'arch-gated') return `${quiesce} (the RFC: global ones only).`;
  if (policy === 'driver-managed') return `${quiesce} (bind_pasid ones go back to the driver at unbind).`;
  return `${quiesce}.`;
}

/** Steps that are one mainline call and nothing more (spec §2). */
const ONE_CALL = {
  unbind: 'iommu_sva_unbind_device',
  alloc_global_pasid: 'iommu_alloc_global_pasid',
  free_global_pasid: 'iommu_free_global_pasid',
  attach_dev: 'iommu_attach_device',
  detach_dev: 'iommu_detach_device',
  attach_pasid: 'iommu_attach_device_pasid',
  replace_pasid: 'iommu_replace_device_pasid',
  detach_pasid: 'iommu_detach_device_pasid',
  claim_dma_owner: 'iommu_device_claim_dma_owner',
  release_dma_owner: 'iommu_device_release_dma_owner',
  reset_prepare: 'pci_dev_reset_iommu_prepare',
  reset_done: 'pci_dev_reset_iommu_done',
} as const satisfies Partial<Record<Step['op'], string>>;

/** What the kernel runs for `step` under `policy`. */
export function kernelCall(step: Step, policy: Policy, scenario: Scenario | null): KernelCall {
  const arch: Arch = scenario?.arch ?? 'arm64';
  switch (step.op) {
    case 'bind':
      return bindCall(policy, scenario, step.dev);
    case 'bind_pasid':
      return { refs: [proposed('iommu_sva_bind_device_pasid', 'proposed in the thread, not in mainline')] };
    case 'domain_alloc':
      if (step.type === 'paging') {
        return {
          refs: [mainline('iommu_paging_domain_alloc_flags')],
          ...(step.pasid ? { remark: 'With IOMMU_HWPT_ALLOC_PASID.' } : {}),
        };
      }
      return { refs: [], remark: `The driver's static ${step.type} domain: nothing is allocated.` };
    case 'attach_pasid_any':
      return { refs: [proposed('iommu_attach_device_pasid_any', 'RFC, not in mainline')] };
    case 'unbind':
    case 'alloc_global_pasid':
    case 'free_global_pasid':
    case 'attach_dev':
    case 'detach_dev':
    case 'attach_pasid':
    case 'replace_pasid':
    case 'detach_pasid':
    case 'claim_dma_owner':
    case 'release_dma_owner':
    case 'reset_prepare':
    case 'reset_done':
      return { refs: [mainline(ONE_CALL[step.op])] };
    case 'exit':
      return {
        refs: [
          mainline('exit_mm'),
          ...iommuTypes(scenario, null).map((t) => mainline(RELEASE[t])),
          mainline('mm_pasid_drop'),
        ],
        remark: exitRemark(policy),
      };
    case 'fork':
      return arch === 'x86'
        ? {
            refs: [mainline('mm_pasid_init'), mainline('fpu_clone')],
            remark: 'A fresh mm with no PASID; fpu_clone() resets the child thread IA32_PASID.',
          }
        : { refs: [mainline('mm_pasid_init')], remark: 'The child gets a fresh mm with no PASID.' };
    case 'enqcmd':
      if (!enqcmdLike(scenario)) {
        return { refs: [], remark: 'No ENQCMD-like instruction on this platform: the step is refused.' };
      }
      return arch === 'x86'
        ? {
            refs: [mainline('try_fixup_enqcmd_gp')],
            remark: 'The #GP handler loads the mm PASID into IA32_PASID once per thread.',
          }
        : {
            refs: [],
            remark: 'arm64 (ST64BV0 + ACCDATA_EL1) has no such fixup in mainline: modelled on x86 try_fixup_enqcmd_gp.',
          };
    case 'dma': {
      const [type] = iommuTypes(scenario, step.dev);
      const walk = type === undefined ? 'its tables' : WALK[type];
      return { refs: [], remark: `No kernel call: the IOMMU walks ${walk} for the device.` };
    }
  }
}
