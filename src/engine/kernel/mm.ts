/**
 * mm lifetime and the mm's PASID: mm_get_enqcmd_pasid, __mmdrop → mm_pasid_drop, process exit
 * (mmu-notifier release), fork. R13, R14, R21, R22.
 */
import { idaFree } from '../alloc/ida.ts';
import { IOMMU_PASID_INVALID } from './state.ts';
import type { Ctx, ProcState } from './state.ts';
import { domainOf, iommusOfType } from './lookup.ts';
import { touchGlobals, touchProc } from './touched.ts';

/**
 * mm_get_enqcmd_pasid(): the mm's PASID, or IOMMU_PASID_INVALID. Under `driver-managed` a PASID is only
 * visible once a normal bind ran (the 2026-05-13 conclusion: bind_pasid must not arm ENQCMD).
 */
export function enqcmdPasid(p: ProcState): number {
  const mm = p.iommuMm;
  if (!p.mmLive || !mm || !mm.enqcmdVisible) return IOMMU_PASID_INVALID;
  return mm.pasid;
}

/** True while the mm still exists: its process is alive or an SVA domain pins it (mm_count > 0, R14). */
function mmPinned(p: ProcState): boolean {
  return p.alive || (p.iommuMm?.svaDomains.length ?? 0) > 0;
}

/**
 * __mmdrop → mm_pasid_drop: the PASID returns to the global IDA only here (R13, R14), and only if it
 * came from the global IDA (the RFC's pasid_global). It happens in the step that drops the last
 * reference. In the kernel, the SVA domain's free also drops the mmu notifier (mmu_notifier_put), and
 * the notifier's own mm reference goes in mmu_notifier_free_rcu, an SRCU callback ("Actual free is
 * defered to the SRCU callback", arm_smmu_sva_domain_free): a real kernel can hand the PASID out again
 * only later than this step, never earlier.
 */
export function maybeDropMm(c: Ctx, p: ProcState): void {
  if (!p.mmLive || mmPinned(p)) return;
  const mm = p.iommuMm;
  if (mm?.pasidGlobal && mm.pasid !== IOMMU_PASID_INVALID) {
    idaFree(c.s.globalIda, mm.pasid);
    touchGlobals(c, mm.pasid);
  }
  p.iommuMm = null;
  p.mmLive = false;
  touchProc(c, p.id);
}

/**
 * Process exit: mm_users → 0. The mmu-notifier release quiesces every hardware entry of the mm's SVA
 * domains (drivers keep the entries, faulting); bindings stay until their drivers unbind (R14).
 */
export function exitProcess(c: Ctx, p: ProcState): void {
  p.alive = false;
  touchProc(c, p.id);
  for (const domId of p.iommuMm?.svaDomains ?? []) {
    const dom = domainOf(c, domId);
    c.drv[dom.driver].mmRelease(c, iommusOfType(c, dom.driver), dom);
  }
  maybeDropMm(c, p);
}

/** fork(): the child gets a fresh mm with no PASID and one thread (R22); LAM is part of the copied mm. */
export function forkProcess(c: Ctx, parent: ProcState, childId: string): void {
  c.s.procs.set(childId, {
    id: childId,
    index: c.s.procs.size,
    alive: true,
    mmLive: true,
    lam: parent.lam,
    iommuMm: null,
    threads: [{ msr: null, activated: false }],
  });
  touchProc(c, childId);
}
