/**
 * What devices and CPUs do with PASIDs once the kernel set them up: a DMA walked through the IOMMU's
 * tables, and ENQCMD's lazy IA32_PASID (ACCDATA_EL1 on arm64) load (R58–R61) followed by the device's PASID-tagged DMA.
 */
import type { Ctx, DeviceState, ProcState } from './state.ts';
import { IOMMU_PASID_INVALID, PASID_SPACE } from './state.ts';
import { driverOf, iommuOf } from './lookup.ts';
import { enqcmdPasid } from './mm.ts';
import { fail } from './outcome.ts';
import { touchProc } from './touched.ts';
import type { Outcome } from './outcome.ts';
import type { Arch } from '../scenario/types.ts';

/**
 * The per-thread register an ENQCMD-like store takes its PASID from (R58): IA32_PASID on x86,
 * ACCDATA_EL1 for arm64's ST64BV0 (research §5.5).
 */
export function pasidRegister(arch: Arch): 'IA32_PASID' | 'ACCDATA_EL1' {
  return arch === 'x86' ? 'IA32_PASID' : 'ACCDATA_EL1';
}

/** A DMA issued by `dev`; a PASID TLP prefix only exists on devices with the capability (20 bits). */
export function dma(c: Ctx, dev: DeviceState, pasid: number | undefined, addr: number): Outcome {
  if (pasid !== undefined) {
    if (dev.devPasids === 0)
      return fail('EINVAL', `${dev.id} has no PASID capability: it cannot tag a DMA with a PASID`);
    if (pasid >= dev.devPasids || pasid >= PASID_SPACE) {
      return fail('EINVAL', `PASID ${pasid} does not fit ${dev.id}'s ${Math.log2(dev.devPasids)}-bit PASID field`);
    }
  }
  const iommu = iommuOf(c, dev);
  const out = driverOf(c, iommu).dma(c, iommu, dev, pasid, addr);
  if (out.ok) return { ok: true, via: out.via };
  return out.via === undefined
    ? { ok: false, fault: out.fault, message: `the IOMMU stopped the DMA: ${out.fault}` }
    : { ok: false, fault: out.fault, via: out.via, message: `the IOMMU stopped the DMA: ${out.fault}` };
}

/**
 * ENQCMD from one thread to `dev`'s shared work queue portal. An invalid MSR takes #GP; the fixup loads
 * the mm's PASID once per thread if mm_get_enqcmd_pasid() is valid (R58, R59); the MSR then stays, even
 * across unbind (R60). The device runs the descriptor's DMA with that PASID (R61).
 */
export function enqcmd(c: Ctx, p: ProcState, dev: DeviceState, thread: number): Outcome {
  if (!c.s.enqcmdLike) {
    return fail('EOPNOTSUPP', `${c.s.arch} has no ENQCMD-like instruction here (enqcmdLike false)`);
  }
  const t = p.threads[thread];
  // The validator refuses such a step; an unvalidated one (engine tests, fuzzers) gets an answer, not a throw.
  if (!t) return fail('EINVAL', `${p.id} has no thread ${thread}`);
  if (t.msr === null) {
    const pasid = enqcmdPasid(p);
    if (pasid === IOMMU_PASID_INVALID || t.activated) {
      return {
        ok: false,
        fault: '#GP',
        message:
          c.s.arch === 'x86'
            ? `${p.id} thread ${thread}: IA32_PASID invalid and mm_get_enqcmd_pasid() is IOMMU_PASID_INVALID → SIGSEGV`
            : // Spec §1.2's hypothetical FEAT_LS64_ACCDATA platform runs x86's lazy fixup; say so, as
              // no mainline arm64 kernel ties ACCDATA_EL1 to an mm's PASID (research §5.5).
              `${p.id} thread ${thread}: ACCDATA_EL1 holds no PASID and mm_get_enqcmd_pasid() is IOMMU_PASID_INVALID → SIGSEGV (arm64 modelled on x86's lazy fixup; mainline arm64 loads no mm PASID into ACCDATA_EL1)`,
      };
    }
    t.msr = pasid;
    t.activated = true;
    touchProc(c, p.id);
    c.fx?.push({ kind: 'msr', proc: p.id, thread, pasid });
  }
  // The #GP and its fixup come from the MSR, whatever the store's destination (try_fixup_enqcmd_gp
  // looks at the mm and the thread only): the MSR is loaded even for a device without a portal.
  if (!dev.enqcmd) return fail('EOPNOTSUPP', `${dev.id} has no shared work queue portal (enqcmd false)`);
  const pasid = t.msr;
  const out = dma(c, dev, pasid, 0);
  if (out.ok) return { ok: true, pasid, ...(out.via === undefined ? {} : { via: out.via }) };
  return { ...out, pasid, message: `descriptor carried PASID ${pasid}; ${out.message}` };
}
