/**
 * In talk mode every scroll key is a step key, so a change a step made below the sticky footer
 * was never seen without a mouse (rfc-problem step 5 with only SMMUv3 showing: the CD the bind
 * writes sat under the footer even at 1920×1080). After each step the first changed entry of a
 * view on screen is scrolled just into view above the footer: smoothly, or at once under
 * prefers-reduced-motion. Views off screen are left alone (they may not have caught up yet, and
 * jumping to another view would lose the one the audience is reading).
 */
import { useEffect } from 'react';
import type { RefObject } from 'react';
import { selectCursor, useFrame } from '../../store/index.ts';

/** What the views mark as written by the step just applied. */
const CHANGED = '.vz-card-changed, .vz-card-new, .vz-row-changed, .vz-row-new, .vz-strip-entry.vz-changed';
/** Cards glide to their new places in 220 ms (views.css): measure where they end. */
const SETTLE_MS = 260;
/** Air between the entry and the screen's top or the footer. */
const MARGIN = 12;

export function useRevealChange(main: RefObject<HTMLElement | null>, foot: RefObject<HTMLElement | null>): void {
  const cursor = useFrame(selectCursor);
  useEffect(() => {
    if (cursor === 0) return undefined;
    const timer = setTimeout(() => {
      const bottom = (foot.current?.getBoundingClientRect().top ?? window.innerHeight) - MARGIN;
      const onScreen = (el: Element): boolean => {
        const r = el.closest('.vz-panel')?.getBoundingClientRect();
        return r !== undefined && r.bottom > 0 && r.top < bottom;
      };
      const el = [...(main.current?.querySelectorAll(CHANGED) ?? [])].find(onScreen);
      if (!el) return;
      // Nearest: no scroll when it shows already; the diagram's own box (it scrolls past 70vh) and
      // then the page, whose scroll padding keeps the entry above the footer.
      const root = document.documentElement;
      root.style.scrollPaddingBottom = `${window.innerHeight - bottom}px`;
      const still = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
      el.scrollIntoView({ block: 'nearest', inline: 'nearest', behavior: still ? 'instant' : 'smooth' });
    }, SETTLE_MS);
    return () => {
      clearTimeout(timer);
      document.documentElement.style.scrollPaddingBottom = '';
    };
  }, [cursor, main, foot]);
}
