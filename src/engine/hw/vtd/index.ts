/**
 * Intel VT-d scalable-mode driver + hardware model (public surface of this folder).
 */
export { vtdDriver } from './driver.ts';
export type * from './types.ts';
