/**
 * Pieces of the entry names that effects and DMA paths show ("STE[16]", "CD[16][3]",
 * "PASIDTE[00:02.0][3]"), each built once per process (a few thousand small strings at most).
 * A table write is recorded on nearly every bind and unbind, and a DMA names the entries it
 * walked; a template literal makes a string for every part it joins (plus one for each number it
 * turns into text), while joining a kept prefix and a kept tail is one string. Only indexes below
 * 2^16 are kept (every SID, and the PASIDs a scenario plausibly reaches); larger ones are built
 * each time. Pure memoisation: the strings are the same whichever simulation asks.
 */
const KEPT = 1 << 16;

const tails: string[] = [];
const stes: string[] = [];
const cds: string[] = [];

/** A whole number in [0, 2^16): an array index, so a kept piece never becomes a named property. */
function kept(index: number): boolean {
  return index >= 0 && index < KEPT && (index | 0) === index;
}

/** `${index}]`: the tail of an indexed name. */
export function indexTail(index: number): string {
  if (!kept(index)) return `${index}]`;
  return (tails[index] ??= `${index}]`);
}

/** "STE[sid]". */
export function steName(sid: number): string {
  if (!kept(sid)) return `STE[${sid}]`;
  return (stes[sid] ??= `STE[${sid}]`);
}

/** "CD[sid][": the head of a CD's name (its master's first SID). */
export function cdPrefix(sid: number): string {
  if (!kept(sid)) return `CD[${sid}][`;
  return (cds[sid] ??= `CD[${sid}][`);
}

/**
 * A name per source-id that embeds its bdf ("PASIDTE[00:02.0][", "CTX[00:02.0]"), checked against
 * the bdf: a scenario may spell one source-id two ways on two VT-d units.
 */
export class BdfNames {
  private readonly bySid: ({ bdf: string; name: string } | undefined)[] = [];
  private readonly make: (bdf: string) => string;

  constructor(make: (bdf: string) => string) {
    this.make = make;
  }

  get(sid: number, bdf: string): string {
    if (!kept(sid)) return this.make(bdf);
    let hit = this.bySid[sid];
    if (hit === undefined || hit.bdf !== bdf) {
      hit = { bdf, name: this.make(bdf) };
      this.bySid[sid] = hit;
    }
    return hit.name;
  }
}

/**
 * A page-table pointer as a walk's path shows it: "mm P1" for "mm:P1", "dom d1" for "dom:d1" (the
 * form SMMUv3 TTB0 and VT-d FLPTR values take in this model, and what the TLB and IOTLB hold).
 */
export function tableRefText(ref: string): string {
  const at = ref.indexOf(':');
  return at < 0 ? ref : `${ref.slice(0, at)} ${ref.slice(at + 1)}`;
}
