/**
 * The domain names the inspector offers for a device's attach and detach steps. An action becomes
 * a scenario step, so a name must be one a step can carry (spec §2): the id of a domain a
 * `domain_alloc` step made, or "default" (the device's group's DMA-API domain) where the step may
 * take it. The kernel's own names for its static and default domains (`blocked:smmuv3`,
 * `identity:vtd`, `default:grp:nic0`) are not ids, and a step naming one makes the scenario invalid.
 *
 * Only domains of the device's own IOMMU driver are offered: another driver's domain is refused
 * with EINVAL (R35, R25), a lesson the list need not hand out by default.
 */
import type { DomainInfo } from '../../protocol/index.ts';

/** The step name of a device's group's DMA-API domain (the engine resolves it per device). */
export const DEFAULT_NAME = 'default';

/** Ids a scenario may use (spec §1): what a `domain_alloc` step can have named. */
const STEP_ID = /^[A-Za-z0-9_.-]{1,32}$/;

/** The part of the client's model the choices read (tests pass a plain object). */
export interface DomainChoiceModel {
  readonly topology: { readonly iommus: readonly { readonly id: string; readonly type: string }[] } | null;
  readonly domains: readonly DomainInfo[];
  domain(id: string): DomainInfo | undefined;
  device(id: string): { readonly iommu: string; readonly ridDomain: string; readonly groupId: string } | undefined;
}

function driverOf(m: DomainChoiceModel, iommu: string): string | undefined {
  return m.topology?.iommus.find((i) => i.id === iommu)?.type;
}

/** Live domain_alloc domains of `dev`'s driver, in allocation order. */
function allocatedFor(m: DomainChoiceModel, dev: string): string[] {
  const d = m.device(dev);
  const driver = d ? driverOf(m, d.iommu) : undefined;
  if (driver === undefined) return [];
  // Static and default domains have no step name (and static ones no IOMMU instance); SVA domains
  // belong to bind, not to the attach API.
  return m.domains
    .filter((x) => x.type !== 'sva' && x.defaultOf === null && STEP_ID.test(x.id) && driverOf(m, x.iommu) === driver)
    .map((x) => x.id);
}

/**
 * What `attach_dev` can name for `dev`: its driver's domain_alloc domains. Not "default": the spec
 * gives that name to the PASID attach API (idxd's use), and a RID on its default domain is where
 * iommu_attach_device starts from, not where it goes.
 */
export function ridAttachChoices(m: DomainChoiceModel, dev: string): string[] {
  return allocatedFor(m, dev);
}

/** What `attach_pasid`, `replace_pasid` and `attach_pasid_any` can name: "default", then the domain_alloc domains. */
export function pasidAttachChoices(m: DomainChoiceModel, dev: string): string[] {
  return m.device(dev) ? [DEFAULT_NAME, ...allocatedFor(m, dev)] : [];
}

/**
 * The name a `detach_dev` step gives `dev`'s RID domain: "default" for its group's default domain,
 * the domain's id for one a step allocated, null for the kernel's static blocking or identity
 * domain (a DMA owner's RID), which no step can name.
 */
export function ridDetachName(m: DomainChoiceModel, dev: string): string | null {
  const d = m.device(dev);
  if (!d) return null;
  if (m.domain(d.ridDomain)?.defaultOf === d.groupId) return DEFAULT_NAME;
  return STEP_ID.test(d.ridDomain) ? d.ridDomain : null;
}

/** Why `attach_dev` has nothing to offer, in the user's terms. */
export function noDomainHint(m: DomainChoiceModel, dev: string): string {
  const iommu = m.device(dev)?.iommu;
  return `allocate a domain${iommu ? ` on ${iommu}` : ''} first (domain_alloc)`;
}
