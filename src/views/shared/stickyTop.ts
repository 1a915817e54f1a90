/**
 * The height of what stays stuck to the top of the window (the playback bar, which writes it).
 * Content scrolled under it is not visible: a live view there counts as off screen (ViewSlot), so
 * the view above the one being read does not render every step just for the strip the bar covers.
 */
import { useSyncExternalStore } from 'react';

let top = 0;
const listeners = new Set<() => void>();

export function setStickyTop(px: number): void {
  if (px === top) return;
  top = px;
  for (const l of listeners) l();
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

const get = (): number => top;

/** The stuck height in CSS pixels (0 when nothing is stuck). */
export function useStickyTop(): number {
  return useSyncExternalStore(subscribe, get, get);
}
