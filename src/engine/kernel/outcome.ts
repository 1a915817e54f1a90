/**
 * What a kernel operation returns to the step runner: success (with the PASID or DMA path it
 * produced) or the kernel's errno / the hardware's fault, always with a sentence saying why.
 */
import type { Errno } from '../trace/types.ts';

export type Outcome =
  | { ok: true; pasid?: number; via?: string; message?: string }
  | { ok: false; errno?: Errno; fault?: string; pasid?: number; via?: string; message: string };

export const OK: Outcome = { ok: true };

export function ok(pasid?: number): Outcome {
  return pasid === undefined ? OK : { ok: true, pasid };
}

export function fail(errno: Errno, message: string): Outcome & { ok: false } {
  return { ok: false, errno, message };
}

/** An errno-or-null result of an internal kernel function, with its explanation. */
export interface KErr {
  errno: Errno;
  message: string;
}

export function kerr(errno: Errno, message: string): KErr {
  return { errno, message };
}
