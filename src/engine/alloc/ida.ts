/**
 * IDA: lowest-free ID allocator over [0, size), as the kernel's IDA. PLACEHOLDER SIGNATURES —
 * the real implementation (multi-level bitmap, O(log n)) replaces the bodies.
 * State is plain data (typed arrays + numbers) so structuredClone can checkpoint it.
 */
export interface Ida {
  size: number;
  count: number;
}

export function createIda(size: number): Ida {
  return { size, count: 0 };
}

/** Lowest free ID in [min, max] (inclusive), marked used; -1 when none. */
export function idaAlloc(_ida: Ida, _min: number, _max: number): number {
  throw new Error('idaAlloc: not implemented');
}

/** Marks `id` used; false if it already was (or out of range). */
export function idaAllocAt(_ida: Ida, _id: number): boolean {
  throw new Error('idaAllocAt: not implemented');
}

/** Frees `id`; false if it was not allocated. */
export function idaFree(_ida: Ida, _id: number): boolean {
  throw new Error('idaFree: not implemented');
}

export function idaHas(_ida: Ida, _id: number): boolean {
  throw new Error('idaHas: not implemented');
}

/** Allocated IDs ascending. */
export function idaToArray(_ida: Ida): number[] {
  throw new Error('idaToArray: not implemented');
}
