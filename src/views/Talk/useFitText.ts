/**
 * Fits a scrolling box of text (the speaker notes) to the room it has, by measuring: sets the
 * box's type scale (`--fit-scale`, which the style sheet multiplies its font size by) and
 * `data-fit="tall"` when the box may take more room (fitText.ts decides). Runs when `content`
 * changes and when the window is resized; a new note starts scrolled to its top. While the text
 * still overflows, `data-overflow` says where the hidden part is ("below", or "end" once scrolled
 * to the end) for the style sheet's fade; the hook also reports it, for the overflow cue. The hook
 * owns these three (React renders none of them), so a fit never measures the last note's marks.
 */
import { useEffect, useLayoutEffect, useState } from 'react';
import type { RefObject } from 'react';
import { planFit } from './fitText.ts';
import type { FitPlan } from './fitText.ts';

export interface FitOptions {
  /** The smallest type, in CSS px (below it the box scrolls instead). */
  minPx: number;
  /** The scale down to which the box keeps its size before it grows. */
  comfortable: number;
  /** Whether the box may grow (`data-fit="tall"`). */
  canGrow: boolean;
}

export interface FitState {
  /** The text does not fit even at the smallest type: the box scrolls. */
  overflow: boolean;
  /** The box is scrolled to the end of its text. */
  atEnd: boolean;
}

function apply(el: HTMLElement, scale: number, tall: boolean): void {
  el.style.setProperty('--fit-scale', String(scale));
  if (tall) el.dataset.fit = 'tall';
  else delete el.dataset.fit;
}

function fits(el: HTMLElement): boolean {
  if (el.scrollHeight > el.clientHeight) return false;
  // scrollHeight and clientHeight are rounded: a box short of its text by under a pixel passed,
  // and clipped the foot of the last line (the "Next:" line, at 1280×720).
  const last = el.lastElementChild;
  return !last || last.getBoundingClientRect().bottom <= el.getBoundingClientRect().bottom + 0.01;
}

function atEndOf(el: HTMLElement): boolean {
  return el.scrollTop + el.clientHeight >= el.scrollHeight - 1;
}

/** Marks where an overflowing box's hidden text is, and returns the state to report. */
function mark(el: HTMLElement, overflow: boolean): FitState {
  const atEnd = atEndOf(el);
  if (overflow) el.dataset.overflow = atEnd ? 'end' : 'below';
  else delete el.dataset.overflow;
  return { overflow, atEnd };
}

/** Measures `el` at each scale the plan tries, and leaves it at the one chosen. */
function fitBox(el: HTMLElement, opts: FitOptions): FitPlan {
  delete el.dataset.overflow;
  apply(el, 1, false);
  const base = parseFloat(getComputedStyle(el).fontSize);
  const plan = planFit(
    (scale, tall) => {
      apply(el, scale, tall);
      return fits(el);
    },
    { comfortable: opts.comfortable, min: base > 0 ? opts.minPx / base : 1, canGrow: opts.canGrow }
  );
  apply(el, plan.scale, plan.tall);
  el.scrollTop = 0;
  return plan;
}

export function useFitText(ref: RefObject<HTMLElement | null>, content: string, opts: FitOptions): FitState {
  const [state, setState] = useState<FitState>({ overflow: false, atEnd: true });

  // Before paint, so a note never shows at the wrong size for a frame.
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setState(mark(el, fitBox(el, opts).overflow));
  }, [ref, content, opts]);

  useEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    let frame = 0;
    let live = true;
    const refit = (): void => {
      if (!live) return;
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => setState(mark(el, fitBox(el, opts).overflow)));
    };
    // Only an overflowing box can scroll; its mark says so.
    const onScroll = (): void => {
      if (el.dataset.overflow) setState(mark(el, true));
    };
    window.addEventListener('resize', refit);
    el.addEventListener('scroll', onScroll, { passive: true });
    // Web fonts that arrive late change every line's width.
    document.fonts?.addEventListener('loadingdone', refit);
    return () => {
      live = false;
      cancelAnimationFrame(frame);
      window.removeEventListener('resize', refit);
      document.fonts?.removeEventListener('loadingdone', refit);
      el.removeEventListener('scroll', onScroll);
    };
    // `content` too: the box may first appear with it (the notes render nothing until a scenario is there).
  }, [ref, opts, content]);

  return state;
}
