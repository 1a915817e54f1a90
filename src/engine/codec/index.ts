/** Share-link codec: a scenario and its presentation state in a URL fragment (see README.md). */
export { ALL_POLICIES, CODEC_VERSION, MAX_LINK_CHARS, decodeShare, encodeShare } from './share.ts';
export type { CompareWith, ShareLink } from './share.ts';
export { MAX_INFLATED_BYTES } from './deflate.ts';
export { REPAIRS, repairFragment } from './repair.ts';
export { compareDrift, driftToken } from './drift.ts';
export type { DriftReport } from './drift.ts';
export type { Repair } from './repair.ts';
