/**
 * What decides whether a live view follows a frame (ViewSlot.tsx), kept free of DOM types so it
 * is tested in Node.
 */

/** The part of a view container's props (ViewSlot's GatedProps) the gate reads. */
export interface GateInput {
  active: boolean;
  frame: unknown;
  cache: unknown;
  sel: unknown;
  focusKey: unknown;
}

/**
 * memo() comparator for view containers (`a`: the props last rendered, `b`: the new ones):
 * an inactive slot never re-renders, it keeps its last rendering; an active one re-renders when
 * something it reads changed since that rendering.
 */
export const gate = (a: GateInput, b: GateInput): boolean =>
  !b.active || (a.active && a.frame === b.frame && a.sel === b.sel && a.focusKey === b.focusKey && a.cache === b.cache);

/**
 * Whether the slot's view follows frame `version` now: on screen, or `version` has settled (been
 * the current frame for QUIET_MS while the slot was near, FAR_QUIET_MS and an idle period while
 * it was further away: ViewSlot decides when).
 */
export function slotActive(onScreen: boolean, version: number, settled: number): boolean {
  return onScreen || settled === version;
}
