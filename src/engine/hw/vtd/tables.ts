/**
 * Memory writes to the remapping structures (B1), each recorded as a `write` effect named the way the
 * views show it: `ROOT[0]`, `CTX[00:02.0]`, `PASIDDIR[00:02.0][0]`, `PASIDTE[00:02.0][3]` (decimal
 * bus / directory index / PASID). Entries are replaced, never mutated (see types.ts).
 */
import type { Ctx, IommuState } from '../../kernel/state.ts';
import type { FieldValue } from '../../trace/types.ts';
import { PASID_PDE_SHIFT } from './types.ts';
import { BdfNames, indexTail } from '../entryNames.ts';
import type { PasidTable, PasidTe, SmContext, VtdDevInfo, VtdHw } from './types.ts';

function write(c: Ctx, iommu: IommuState, entry: string, fields: Record<string, FieldValue>): void {
  c.fx?.push({ kind: 'write', iommu: iommu.id, entry, fields });
}

/**
 * iommu_context_addr(alloc=1): in scalable mode the root entry's LP (devfn < 128) or UP half points
 * to a 4 KB context table allocated on first use and installed as `phys | 1`.
 */
export function ensureRootEntry(c: Ctx, iommu: IommuState, hw: VtdHw, sid: number): void {
  const bus = sid >> 8;
  const upper = (sid & 0xff) >= 0x80;
  const cur = hw.root.get(bus) ?? { lp: false, up: false };
  if (upper ? cur.up : cur.lp) return;
  const next = upper ? { lp: cur.lp, up: true } : { lp: true, up: cur.up };
  hw.root.set(bus, next);
  if (c.fx !== null) write(c, iommu, `ROOT[${bus}]`, upper ? { UP: true } : { LP: true });
}

/** Writes the scalable-mode context entry of a device (context_entry_set_pasid_table). */
export function writeContext(c: Ctx, iommu: IommuState, hw: VtdHw, dev: VtdDevInfo, ctx: SmContext): void {
  hw.ctx.set(dev.sid, ctx);
  if (c.fx !== null) {
    write(c, iommu, `CTX[${dev.bdf}]`, {
      P: ctx.p,
      FPD: ctx.fpd,
      DTE: ctx.dte,
      PASIDE: ctx.pasidE,
      PRE: ctx.pre,
      PDTS: ctx.pdts,
      RID_PASID: ctx.ridPasid,
      PASIDDIRPTR: `PASIDDIR[${dev.bdf}]`,
    });
  }
}

/**
 * intel_pasid_get_entry(): the entry slot for `pasid`, installing the directory entry (a fresh 4 KB
 * table of 64 entries, `phys | P` by cmpxchg) the first time a PASID of that 64-range is touched.
 * Returns null when the PASID is beyond the directory (Linux WARNs and callers fail with -ENODEV).
 */
export function pasidEntrySlot(
  c: Ctx,
  iommu: IommuState,
  hw: VtdHw,
  dev: VtdDevInfo,
  pasid: number
): PasidTable | null {
  const table = hw.pasidTables.get(dev.sid);
  if (table === undefined || pasid >= table.maxPasid) return null;
  const dirIndex = pasid >> PASID_PDE_SHIFT;
  if (!table.dir.has(dirIndex)) {
    table.dir.set(dirIndex, { p: true, fpd: false });
    if (c.fx !== null) {
      write(c, iommu, `PASIDDIR[${dev.bdf}][${dirIndex}]`, {
        P: true,
        FPD: false,
        SMPTBLPTR: `PASIDT[${dev.bdf}][${dirIndex}]`,
      });
    }
  }
  return table;
}

/** The PASID table entry as the FLPTR field shows it: "mm:P1", "dom:d1" or null. */
export function flptrName(te: PasidTe): string | null {
  if (te.mm !== null) return `mm:${te.mm}`;
  if (te.dom !== null) return `dom:${te.dom}`;
  return null;
}

/** The fields of every pasid_clear_entry write: one frozen object shared by those effects (one per unbind). */
const CLEAR_TE_FIELDS: Readonly<Record<string, FieldValue>> = Object.freeze({
  P: false,
  FPD: false,
  PGTT: 0,
  DID: 0,
  FLPTR: null,
  SRE: false,
});

/** "PASIDTE[bdf][" by source-id (see entryNames.ts). */
const teNames = new BdfNames((bdf) => `PASIDTE[${bdf}][`);

function pasidTeName(dev: VtdDevInfo, pasid: number): string {
  return teNames.get(dev.sid, dev.bdf) + indexTail(pasid);
}

/** Writes a PASID table entry; `null` writes the all-zero entry (pasid_clear_entry). */
export function writePasidTe(
  c: Ctx,
  iommu: IommuState,
  table: PasidTable,
  dev: VtdDevInfo,
  pasid: number,
  te: PasidTe | null
): void {
  if (te === null) table.te.delete(pasid);
  else table.te.set(pasid, te);
  if (c.fx !== null) {
    write(
      c,
      iommu,
      pasidTeName(dev, pasid),
      te === null
        ? CLEAR_TE_FIELDS
        : { P: te.p, FPD: te.fpd, PGTT: te.pgtt, DID: te.did, FLPTR: flptrName(te), SRE: te.sre }
    );
  }
}
