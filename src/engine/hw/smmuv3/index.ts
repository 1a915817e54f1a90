/** Arm SMMUv3 driver + hardware model (shared/research/hw-structures.md Part A). */
export { smmuv3Driver } from './driver.ts';
export type * from './types.ts';
