/**
 * Fault reporting (B6): scalable-mode fault reasons and the primary fault recording registers.
 * The hardware writes a record at FSTS.FRI when that FRCD's F bit is clear (else it would set PFO and
 * drop the fault), sets PPF and advances FRI. Linux's fault-event handler (dmar_fault in
 * drivers/iommu/intel/dmar.c) then logs each pending record, clears its F bit and clears PPF/PFO;
 * the model runs that handler at once, so the registers keep the last records (F=0) for the views.
 */
import type { Ctx, IommuState } from '../../kernel/state.ts';
import type { VtdHw } from './types.ts';

/** Fault reasons the walk can produce (dma_remap_sm_fault_reasons[] / QEMU VTDFaultReason). */
export const FR = {
  ROOT_NOT_PRESENT: 0x39,
  CTX_NOT_PRESENT: 0x41,
  PASIDE_CLEAR: 0x45,
  PASID_TOO_LARGE: 0x46,
  PASID_DIR_NOT_PRESENT: 0x51,
  PASID_TE_NOT_PRESENT: 0x59,
  PASID_TE_INVALID: 0x5b,
  SRE_CLEAR: 0x5d,
  FS_NOT_PRESENT: 0x71,
} as const;

const NAMES = new Map<number, string>();

/** "VTD_0x59": lowercase x, two uppercase hex digits (spec §3). */
export function faultName(reason: number): string {
  let name = NAMES.get(reason);
  if (name === undefined) {
    name = `VTD_0x${reason.toString(16).toUpperCase().padStart(2, '0')}`;
    NAMES.set(reason, name);
  }
  return name;
}

/**
 * Writes a fault record at FRI, emits the `fault` effect, then services it as dmar_fault() does.
 * Because the handler runs after every fault, FRCD[FRI] is always free and PFO never stays set.
 */
export function recordFault(
  c: Ctx,
  iommu: IommuState,
  hw: VtdHw,
  reason: number,
  bdf: string,
  pasid: number | undefined,
  addr: number
): void {
  const regs = hw.regs;
  const slot = regs.fri;
  regs.frcd[slot] = { f: true, fr: reason, sid: bdf, pp: pasid !== undefined, pv: pasid ?? 0, fi: addr };
  regs.fri = (slot + 1) % hw.caps.nfr;
  regs.ppf = true;
  regs.faultsRecorded++;
  c.fx?.push({
    kind: 'fault',
    iommu: iommu.id,
    name: faultName(reason),
    args: { sid: bdf, pasid: pasid ?? null, addr, frcd: slot },
  });
  // dmar_fault(): log the record, clear its F bit, then write PPF|PFO to FSTS to clear them.
  regs.frcd[slot] = { f: false, fr: reason, sid: bdf, pp: pasid !== undefined, pv: pasid ?? 0, fi: addr };
  regs.ppf = false;
  regs.pfo = false;
}

/** A request blocked without a record because FPD=1 on the path (counted for the views). */
export function suppressFault(hw: VtdHw): void {
  hw.regs.faultsSuppressed++;
}
