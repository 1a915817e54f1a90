/**
 * IDA: lowest-free ID allocator over [0, size), with the kernel IDA's semantics (R6–R8): an
 * allocation returns the lowest free ID of the requested inclusive range, and a freed ID is
 * reusable at once.
 *
 * Layout: a multi-level bitmap of 32-bit words, as the kernel IDA/xarray keeps "full" marks.
 * Level 0 holds one bit per ID (1 = used). Each level above holds one bit per word of the level
 * below (1 = that word is full). Levels are added until one holds a single word, so finding the
 * lowest free ID climbs at most `levels` words and descends as many: O(log32 size).
 * A separate `nonEmpty` bitmap (one bit per level-0 word) lets `idaToArray` skip empty words.
 *
 * A hint makes the common case O(1): every caller allocates from a fixed lower bound (the global
 * PASID IDA always from 1, R7), and a freed ID is the next one handed out (R8), so the search starts
 * at the lowest ID that can be free above that bound instead of climbing the levels from it.
 *
 * The state is plain data (numbers and typed arrays, no closures or classes) so `structuredClone`
 * can checkpoint it.
 */

/** A lowest-free ID allocator. Plain data: clone it with `structuredClone`, mutate it only with the `ida*` functions. */
export interface Ida {
  /** IDs live in [0, size). */
  readonly size: number;
  /** Number of allocated IDs. */
  count: number;
  /**
   * Every level's words, level 0 (one bit per ID) first. Bits past the end of a level are kept
   * set, so the padding reads as "used/full" and the search never needs a bound check per level.
   */
  readonly words: Int32Array;
  /** `levelStart[k]` is the index in `words` of level k's first word; the last entry is `words.length`. */
  readonly levelStart: Int32Array;
  /** One bit per level-0 word: set when the word has a used bit (padding counts, `idaToArray` filters it). */
  readonly nonEmpty: Int32Array;
  /** Search hint: every ID in [hintBase, hint) is used. Only an alloc whose min is hintBase uses it. */
  hintBase: number;
  hint: number;
}

/** Largest supported size: IDs must fit a signed 32-bit shift (`index << 5`). */
export const IDA_MAX_SIZE = 2 ** 30;

const FULL = -1; // all 32 bits set, as Int32Array reads it

/** Index of the lowest set bit of a non-zero 32-bit value. */
function lowestBit(x: number): number {
  return 31 - Math.clz32(x & -x);
}

/**
 * Creates an empty IDA over [0, size).
 * @throws RangeError when size is not an integer in [0, IDA_MAX_SIZE].
 * @example
 * const ida = createIda(1 << 20); // the PCIe PASID space
 * idaAlloc(ida, 1, (1 << 20) - 1); // → 1
 */
export function createIda(size: number): Ida {
  if (!Number.isInteger(size) || size < 0 || size > IDA_MAX_SIZE) {
    throw new RangeError(`createIda: size must be an integer in [0, ${IDA_MAX_SIZE}], got ${size}`);
  }
  // Word counts per level: level k+1 has one bit per word of level k; stop at a single word.
  const levelBits = [size];
  const levelWords = [Math.max(1, Math.ceil(size / 32))];
  while (levelWords[levelWords.length - 1]! > 1) {
    const below = levelWords[levelWords.length - 1]!;
    levelBits.push(below);
    levelWords.push(Math.ceil(below / 32));
  }
  const levelStart = new Int32Array(levelWords.length + 1);
  for (let k = 0; k < levelWords.length; k++) levelStart[k + 1] = levelStart[k]! + levelWords[k]!;
  const words = new Int32Array(levelStart[levelWords.length]!);
  // Pad each level's last word so bits past the end read as used (level 0) or full (above).
  for (let k = 0; k < levelWords.length; k++) {
    const tail = levelBits[k]! & 31;
    // Size 0 pads its one word entirely; it is then the top level, so no "full" mark goes above.
    if (tail !== 0 || levelBits[k] === 0) words[levelStart[k + 1]! - 1] = FULL << tail;
  }
  const nonEmpty = new Int32Array(Math.ceil(levelWords[0]! / 32));
  if (words[levelWords[0]! - 1] !== 0) {
    const last = levelWords[0]! - 1;
    nonEmpty[last >>> 5]! |= 1 << (last & 31);
  }
  return { size, count: 0, words, levelStart, nonEmpty, hintBase: 0, hint: 0 };
}

/**
 * Lowest free bit at index ≥ `from` (level 0: the lowest free ID ≥ from), or -1.
 * Climbs while the current word has no free bit at or after the position, then descends
 * through the first non-full word of each level below.
 */
function findFree(ida: Ida, from: number): number {
  const { words, levelStart } = ida;
  const top = levelStart.length - 2;
  let level = 0;
  let pos = from;
  let found: number;
  for (;;) {
    const index = pos >>> 5;
    const start = levelStart[level]!;
    if (index >= levelStart[level + 1]! - start) return -1;
    const free = ~words[start + index]! & (FULL << (pos & 31));
    if (free !== 0) {
      found = (index << 5) + lowestBit(free);
      break;
    }
    if (level === top) return -1;
    level++;
    pos = index + 1; // the next word of this level, as a bit of the level above
  }
  // `found` is a clear ("not full") bit at `level`, so its word below has a free bit.
  while (level > 0) {
    level--;
    found = (found << 5) + lowestBit(~words[levelStart[level]! + found]!);
  }
  return found;
}

/** Sets bit `id` (known clear) and marks full words up the levels. */
function setUsed(ida: Ida, id: number): void {
  const { words, levelStart } = ida;
  const wordIndex = id >>> 5;
  const wasZero = words[wordIndex] === 0;
  let index = id;
  for (let level = 0; level < levelStart.length - 1; level++) {
    const at = levelStart[level]! + (index >>> 5);
    const word = words[at]! | (1 << (index & 31));
    words[at] = word;
    if (word !== FULL) break;
    index >>>= 5; // this word is now full: set its bit in the level above
  }
  if (wasZero) ida.nonEmpty[wordIndex >>> 5]! |= 1 << (wordIndex & 31);
  ida.count++;
}

/** Clears bit `id` (known set) and clears the full marks it breaks up the levels. */
function setFree(ida: Ida, id: number): void {
  const { words, levelStart } = ida;
  let index = id;
  for (let level = 0; level < levelStart.length - 1; level++) {
    const at = levelStart[level]! + (index >>> 5);
    const word = words[at]!;
    words[at] = word & ~(1 << (index & 31));
    if (word !== FULL) break; // the word was not full, so the level above is unchanged
    index >>>= 5;
  }
  const wordIndex = id >>> 5;
  if (words[wordIndex] === 0) ida.nonEmpty[wordIndex >>> 5]! &= ~(1 << (wordIndex & 31));
  ida.count--;
}

function inRange(ida: Ida, id: number): boolean {
  return Number.isInteger(id) && id >= 0 && id < ida.size;
}

/**
 * Allocates the lowest free ID in [min, max] (inclusive, clamped to [0, size−1]) — `ida_alloc_range`.
 * @returns the ID, now marked used; -1 when the range is empty or full.
 * @example
 * // R7: iommu_alloc_global_pasid(dev) is the lowest free ID in [1, max_pasids − 1].
 * idaAlloc(globalIda, 1, dev.maxPasids - 1);
 */
export function idaAlloc(ida: Ida, min: number, max: number): number {
  const lo = Math.max(0, Math.ceil(min));
  const hi = Math.min(ida.size - 1, Math.floor(max));
  if (!(lo <= hi)) return -1; // also rejects NaN bounds
  if (ida.hintBase !== lo) {
    ida.hintBase = lo; // a new lower bound: nothing is known used above it yet
    ida.hint = lo;
  }
  const id = findFree(ida, ida.hint);
  if (id < 0) {
    ida.hint = ida.size; // [lo, size) is all used
    return -1;
  }
  ida.hint = id; // the lowest free ID ≥ lo
  if (id > hi) return -1;
  setUsed(ida, id);
  ida.hint = id + 1;
  return id;
}

/** Marks `id` used; false if it already was, or is out of [0, size). */
export function idaAllocAt(ida: Ida, id: number): boolean {
  if (!inRange(ida, id) || idaHas(ida, id)) return false;
  setUsed(ida, id);
  return true;
}

/** Frees `id` for immediate reuse (R8); false if it was not allocated (the kernel WARNs). */
export function idaFree(ida: Ida, id: number): boolean {
  if (!idaHas(ida, id)) return false;
  setFree(ida, id);
  if (id >= ida.hintBase && id < ida.hint) ida.hint = id;
  return true;
}

/** True when `id` is allocated. */
export function idaHas(ida: Ida, id: number): boolean {
  if (!inRange(ida, id)) return false;
  return (ida.words[id >>> 5]! & (1 << (id & 31))) !== 0;
}

/** Allocated IDs, ascending. Visits only non-empty words, found through the `nonEmpty` bitmap. */
export function idaToArray(ida: Ida): number[] {
  const { words, nonEmpty, size } = ida;
  const out: number[] = [];
  for (let group = 0; group < nonEmpty.length; group++) {
    let marks = nonEmpty[group]!;
    while (marks !== 0) {
      const low = marks & -marks;
      marks ^= low;
      const wordIndex = (group << 5) + 31 - Math.clz32(low);
      let word = words[wordIndex]!;
      while (word !== 0) {
        const bit = word & -word;
        word ^= bit;
        const id = (wordIndex << 5) + 31 - Math.clz32(bit);
        if (id >= size) break; // padding bits of the last word; higher bits are padding too
        out.push(id);
      }
    }
  }
  return out;
}
