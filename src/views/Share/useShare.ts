/** React access to the share session store (src/share/session.ts). */
import { useStore } from 'zustand';
import { shareStore } from '../../share/session.ts';
import type { ShareSession } from '../../share/session.ts';

/** Selects from the share session; re-renders when the selected value changes. */
export function useShare<T>(selector: (s: ShareSession) => T): T {
  return useStore(shareStore, selector);
}
