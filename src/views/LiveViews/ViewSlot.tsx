/**
 * A slot for one live view. A view on screen follows every step. A view just off screen (within
 * NEAR_MARGIN) catches up once stepping pauses for QUIET_MS, so it is current by the time it is
 * scrolled in, without paying for every step of a run of back-to-back steps (a held step key,
 * fast autoplay, the bench). A view further away catches up too, once stepping has paused for
 * FAR_QUIET_MS and the main thread is idle: what the page says (find in page, printing, a screen
 * reader reading ahead, a test reading the text) is never stale for long, and a run of steps
 * still costs it nothing. A view that comes on screen while steps are still arriving catches up
 * on the frame after it appears (the IntersectionObserver reports after that paint): at most one
 * frame shows its previous rendering, at the edge it scrolled in from.
 */
import { useEffect, useRef, useState } from 'react';
import type { ReactNode, RefObject } from 'react';
import type { Frame } from '../../client/index.ts';
import { useInView } from '../shared/useInView.ts';
import { reportVisible, useReadingView } from '../shared/readingView.ts';
import { useStickyTop } from '../shared/stickyTop.ts';
import type { FrameCache } from './frameCache.ts';
import type { Selection } from './inputs.ts';
import { slotActive } from './slotGate.ts';

/** What every view container receives. */
export interface SlotProps {
  frame: Frame;
  cache: FrameCache;
  sel: Selection;
  focusKey: string | null;
}

/** A container's props: the slot's data plus whether the slot follows frames now (slotGate.ts gate). */
export type GatedProps = SlotProps & { active: boolean };

/** How far off screen a view still counts as near (IntersectionObserver rootMargin). */
export const NEAR_MARGIN = '300px';
/** How long stepping must pause before near views catch up. */
export const QUIET_MS = 150;
/** How long stepping must pause before views further away catch up (then in an idle period). */
export const FAR_QUIET_MS = 1000;

/** `?views=eager` keeps every view updating even off screen (benchmarks, debugging). */
const EAGER = typeof location !== 'undefined' && new URLSearchParams(location.search).get('views') === 'eager';

export function ViewSlot({
  id,
  version,
  children,
}: {
  /** The view's id (readingView.ts). */
  id: string;
  version: number;
  children: (active: boolean) => ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const onScreen = useOnScreen(ref, id);
  const reading = useReadingView() === id;
  const near = useInView(ref, NEAR_MARGIN);
  // The frame version that stayed current for QUIET_MS (near) or FAR_QUIET_MS (far) off screen.
  const [settled, setSettled] = useState(-1);
  useEffect(() => {
    if (onScreen || settled === version) return;
    if (near) {
      const t = setTimeout(() => setSettled(version), QUIET_MS);
      return () => clearTimeout(t);
    }
    return afterPauseWhenIdle(() => setSettled(version));
  }, [onScreen, near, settled, version]);
  const active = EAGER || slotActive(onScreen, version, settled);
  return (
    // The view being read is the only one that anchors the page's scrolling (styles.css).
    <div ref={ref} className={reading ? 'vz-slot vz-slot-reading' : 'vz-slot'}>
      {children(active)}
    </div>
  );
}

/** Thresholds fine enough to rank views by height on screen (5% of a slot each). */
const HEIGHT_STEPS = Array.from({ length: 21 }, (_, i) => i / 20);

/**
 * Whether any of the slot is on screen, the strip under the sticky playback bar excluded; the same
 * observer reports its height on screen to readingView.ts while mounted.
 */
function useOnScreen(ref: RefObject<Element | null>, id: string): boolean {
  const stuck = useStickyTop();
  const [onScreen, setOnScreen] = useState(true);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof IntersectionObserver !== 'function') return;
    const io = new IntersectionObserver(
      (entries) => {
        const last = entries[entries.length - 1];
        if (!last) return;
        setOnScreen(last.isIntersecting);
        reportVisible(id, last.isIntersecting ? last.intersectionRect.height : 0);
      },
      { rootMargin: `-${stuck}px 0px 0px 0px`, threshold: HEIGHT_STEPS }
    );
    io.observe(el);
    return () => {
      io.disconnect();
      reportVisible(id, 0);
    };
  }, [ref, id, stuck]);
  return onScreen;
}

/**
 * Runs `fn` once FAR_QUIET_MS have passed and then the main thread is idle (each far view in an
 * idle period of its own, so their catch-up renders are separate tasks). Returns the cancel.
 */
function afterPauseWhenIdle(fn: () => void): () => void {
  let idle: number | null = null;
  const t = setTimeout(() => {
    if (typeof requestIdleCallback === 'function') idle = requestIdleCallback(fn, { timeout: 2000 });
    else fn();
  }, FAR_QUIET_MS);
  return () => {
    clearTimeout(t);
    if (idle !== null) cancelIdleCallback(idle);
  };
}
