/**
 * A slot for one live view: while the slot is scrolled away (IntersectionObserver), the view
 * keeps its last rendering and skips the per-step work; it catches up when it comes back.
 */
import { useRef } from 'react';
import type { ReactNode } from 'react';
import type { Frame } from '../../client/index.ts';
import { useInView } from '../shared/useInView.ts';
import type { FrameCache } from './frameCache.ts';
import type { Selection } from './inputs.ts';

/** What every view container receives. */
export interface SlotProps {
  frame: Frame;
  cache: FrameCache;
  sel: Selection;
  focusKey: string | null;
}

/** A container's props: the slot's data plus whether the slot is on screen. */
export type GatedProps = SlotProps & { active: boolean };

/**
 * memo() comparator for view containers: re-render only when on screen and something read
 * changed, or when the slot comes back on screen.
 */
export const gate = (a: GatedProps, b: GatedProps): boolean =>
  a.active === b.active &&
  (!b.active || (a.frame === b.frame && a.sel === b.sel && a.focusKey === b.focusKey && a.cache === b.cache));

/** `?views=eager` keeps every view updating even off screen (benchmarks, debugging). */
const EAGER = typeof location !== 'undefined' && new URLSearchParams(location.search).get('views') === 'eager';

export function ViewSlot({ children }: { children: (active: boolean) => ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const active = useInView(ref) || EAGER;
  return (
    <div ref={ref} className="vz-slot">
      {children(active)}
    </div>
  );
}
