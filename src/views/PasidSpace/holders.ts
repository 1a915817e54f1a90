/**
 * Holder codes of the PASID space (protocol HOLDER) as colours, names and short cell labels.
 */
import { HOLDER } from '../../protocol/views.ts';
import { colorLut, procColor, SPECIAL_COLORS } from '../../viz/palette.ts';

export interface HolderNames {
  /** Process ids by row (code − HOLDER.procBase). */
  procs: readonly string[];
  /** Kernel PASIDs → the device that allocated them. */
  kernel: ReadonlyMap<number, string>;
}

/** Process colours repeat after this many (names tell repeated colours apart). */
export const PROC_CYCLE = 64;

const SPECIAL = [
  SPECIAL_COLORS.free,
  SPECIAL_COLORS.reserved,
  SPECIAL_COLORS.kernel,
  SPECIAL_COLORS.orphan,
  SPECIAL_COLORS.shared,
];

/** CSS colour of a holder code. */
export function holderColor(code: number): string {
  return code < HOLDER.procBase ? (SPECIAL[code] ?? '#000000') : procColor((code - HOLDER.procBase) % PROC_CYCLE);
}

/** CSS colour of every code up to the first process cycle, index = code. */
export function holderColors(procCount: number): string[] {
  return Array.from({ length: HOLDER.procBase + Math.min(procCount, PROC_CYCLE) }, (_, c) => holderColor(c));
}

const lutCache = new Map<string, Uint32Array>();
/** The last table made per (dim, background): the grid asks for the same one after every step. */
const sizedCache = new Map<string, Uint32Array>();

/**
 * Packed colours for codes [0, procBase + procCount): the first cycle is computed (and cached),
 * the rest copied, so ten thousand processes cost a copy, not ten thousand colour parses. The
 * result is shared between callers: read it, never write to it.
 */
export function holderLut(procCount: number, dim: number, background: string): Uint32Array {
  const key = `${dim}|${background}`;
  const size = HOLDER.procBase + Math.max(1, procCount);
  const last = sizedCache.get(key);
  if (last !== undefined && last.length === size) return last;
  let base = lutCache.get(key);
  if (!base) {
    base = colorLut(holderColors(PROC_CYCLE), dim, background);
    lutCache.set(key, base);
  }
  const out = new Uint32Array(size);
  out.set(base.subarray(0, Math.min(out.length, base.length)));
  for (let c = base.length; c < out.length; c++) out[c] = base[HOLDER.procBase + ((c - HOLDER.procBase) % PROC_CYCLE)]!;
  sizedCache.set(key, out);
  return out;
}

/** The process a code names, or null. */
export function holderProc(code: number, names: HolderNames): string | null {
  return code >= HOLDER.procBase ? (names.procs[code - HOLDER.procBase] ?? null) : null;
}

/** Who holds `pasid`, in words (tooltips, the table). */
export function holderName(code: number, pasid: number, names: HolderNames): string {
  switch (code) {
    case HOLDER.free:
      return 'free';
    case HOLDER.reserved:
      return 'reserved: IOMMU_NO_PASID (the RID)';
    case HOLDER.kernel:
      return `kernel (iommu_alloc_global_pasid by ${names.kernel.get(pasid) ?? '?'})`;
    case HOLDER.orphan:
      return 'allocated, no live holder';
    case HOLDER.shared:
      return 'claimed by more than one mm';
    default: {
      const proc = holderProc(code, names);
      return proc === null ? `holder ${code}` : `${proc}'s mm`;
    }
  }
}

/** Short label drawn inside a big enough cell, or null for free cells. */
export function holderShort(code: number, names: HolderNames): string | null {
  switch (code) {
    case HOLDER.free:
      return null;
    case HOLDER.reserved:
      return 'RID';
    case HOLDER.kernel:
      return 'kernel';
    case HOLDER.orphan:
      return 'orphan';
    case HOLDER.shared:
      return 'shared!';
    default:
      return holderProc(code, names);
  }
}
