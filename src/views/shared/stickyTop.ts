/**
 * The height of what stays stuck to the top of the window (the playback bar, which writes it).
 * Content scrolled under it is not visible: a live view there counts as off screen (ViewSlot), so
 * the view above the one being read does not render every step just for the strip the bar covers.
 */
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';

const store = createStore<{ px: number }>()(() => ({ px: 0 }));

export function setStickyTop(px: number): void {
  if (store.getState().px !== px) store.setState({ px });
}

/** The stuck height in CSS pixels (0 when nothing is stuck). */
export function useStickyTop(): number {
  return useStore(store, (s) => s.px);
}
