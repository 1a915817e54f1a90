/**
 * Wire layout of codec v1 (shared by encode-v1.ts and decode-v1.ts). FROZEN: links made with
 * v1 must decode forever, so never change anything here — add a v2 layout and a migration.
 *
 * Before deflate, the payload is (uint = varint, str = varint length + varint UTF-16 units):
 *
 *   u8   format            1 = "pasid-sandbox/1"
 *   uint header           bit 0 title, 1 notes, 2–4 policy (0 absent, 1+POLICIES index),
 *                         5–6 arch (TRI: absent/x86/arm64), 7–8 enqcmdLike (TRI: absent/false/true)
 *   [str title] [str notes]
 *   uint #iommus,    each: str id, uint flags   bit 0 type (0 smmuv3, 1 vtd), 1 ssidBits|pasidBits
 *                         present, 2–3 cdTable (0 absent, 1+CD_TABLES index) | cachingMode (TRI);
 *                         [uint bits]
 *   uint #devices,   each: str id, uint iommu index, uint flags  bits 0–1 bus, 2–3 pasidBits
 *                         (0 absent, 1 null, 2 number), 4 group, 5–6 enqcmd, 7–8 ats, 9–10 pri,
 *                         11 sid|bdf, 12–13 defaultDomain;
 *                         [uint pasidBits] [uint group ref: < groups seen = that group, = groups
 *                         seen = a new one, str follows] [uint sid | str bdf]
 *   uint #processes, each: str id, uint flags  bit 0 threads, 1–2 lam (TRI); [uint threads]
 *   uint #steps,     each: u8 head  bits 0–4 STEP_OPS index, 5 note, 6–7 optional args present in
 *                         STEP_ARGS order (domain_alloc: 6 pasid present, 7 its value);
 *                         then the op's args in STEP_ARGS order, then [str note]
 *
 * Step args: dev/iommu = index into the topology; proc = index into processes followed by fork
 * children in creation order; domain = 0 for "default", k for the k-th domain_alloc; pasid,
 * thread, addr = uint; domain_alloc type = uint index into DOMAIN_TYPES; id, child, owner = str.
 * References by index cost one byte where the JSON spells the id each time.
 *
 * Addendum (purely additive: every payload that decoded before decodes the same): a domain
 * index equal to the number of domains defined so far (1 + domain_allocs) is followed by a str,
 * the name of a domain no earlier domain_alloc made — spec §3 makes such a step an ENOENT result,
 * not an invalid scenario. Earlier decoders rejected that index, so no old link contains it.
 */

/** Scenario format numbers the v1 payload's first byte may name. */
export const FORMAT_V1 = 1;

/** A 2-bit three-state field: 0 = key absent, 1 = first value, 2 = second value. */
export const TRI_ABSENT = 0;

export const ARCHES = ['x86', 'arm64'] as const;
export const CD_TABLES = ['auto', 'linear', '2lvl'] as const;
export const BUSES = ['pci', 'platform'] as const;
export const DEFAULT_DOMAINS = ['dma', 'identity'] as const;
export const BOOLS = [false, true] as const;

/** Header bits. */
export const H = { title: 1, notes: 2, policyShift: 2, archShift: 5, enqcmdLikeShift: 7, all: 0x1ff } as const;
/** IOMMU flag bits. */
export const I = { vtd: 1, bits: 2, extraShift: 2, all: 0xf } as const;
/** Device flag bits. */
export const D = {
  busShift: 0,
  pasidBitsShift: 2,
  group: 1 << 4,
  enqcmdShift: 5,
  atsShift: 7,
  priShift: 9,
  address: 1 << 11,
  defaultDomainShift: 12,
  all: 0x3fff,
} as const;
/** Process flag bits. */
export const P = { threads: 1, lamShift: 1, all: 0x7 } as const;
/** Step head bits. */
export const S = { opMask: 0x1f, note: 0x20, opt1: 0x40, opt2: 0x80 } as const;

/** Writes a value as its 1-based index in `values` (0 = absent). */
export function tri<T>(values: readonly T[], v: T | undefined): number {
  return v === undefined ? TRI_ABSENT : values.indexOf(v) + 1;
}
