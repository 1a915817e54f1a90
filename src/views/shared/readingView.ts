/**
 * Which live view the user is reading: the one with the most height on screen (below the sticky
 * bar). Only that view anchors the page's scrolling (styles.css, `data-reading-view`): views above
 * it grow while steps bind, and with the browser's own choice of anchor (the first fully visible
 * node in document order: the topology column, or the view above) the view being read moved down
 * by ~200 px over five steps of the RFC scenario.
 */
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';

const heights = new Map<string, number>();
const store = createStore<{ reading: string | null }>()(() => ({ reading: null }));

/** A view slot's height on screen in CSS pixels (0 or less: off screen); `id` is the view's. */
export function reportVisible(id: string, px: number): void {
  if (px > 0) heights.set(id, px);
  else heights.delete(id);
  let best: string | null = null;
  let max = 0;
  for (const [k, v] of heights) {
    if (v > max) {
      max = v;
      best = k;
    }
  }
  if (best !== store.getState().reading) store.setState({ reading: best });
}

/** The id of the view being read, or null when no live view is on screen. */
export const currentReadingView = (): string | null => store.getState().reading;

/** currentReadingView(), re-rendering when it changes. */
export function useReadingView(): string | null {
  return useStore(store, (s) => s.reading);
}
