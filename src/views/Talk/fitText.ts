/**
 * How the speaker notes fit their box: the scale of their type and whether the talk footer may
 * grow. Every talk-mode key is a step key, so a note cut off at the bottom of its box could only
 * be read with a mouse (a 1280×720 projector showed 152 of the RFC intro's 285 px). Pure: the
 * caller measures (useFitText.ts), so the search is tested without a browser.
 */

/** The search stops when the fitting and the failing scale are this close (1% of the type size). */
const TOLERANCE = 0.01;

/**
 * The largest scale in [lo, hi] at which `fits` holds, or null when not even `lo` fits. `fits`
 * is taken as monotone (smaller type never needs more room); the answer is always a scale that
 * was measured to fit, even where wrapping makes it not quite monotone.
 */
export function largestFit(fits: (scale: number) => boolean, lo: number, hi: number): number | null {
  if (fits(hi)) return hi;
  if (lo >= hi || !fits(lo)) return null;
  let ok = lo;
  let bad = hi;
  while (bad - ok > TOLERANCE) {
    const mid = (ok + bad) / 2;
    if (fits(mid)) ok = mid;
    else bad = mid;
  }
  return ok;
}

export interface FitPlan {
  /** The type's scale (1 = the size the style sheet gives). */
  scale: number;
  /** Whether the box grows (the talk footer takes more of the screen, the views less). */
  tall: boolean;
  /** Whether the text still does not fit: the box scrolls and says so. */
  overflow: boolean;
}

export interface FitLimits {
  /** Down to this scale the box keeps its size (the views keep the screen). */
  comfortable: number;
  /** The smallest readable scale; below it the text scrolls instead. */
  min: number;
  /** Whether the box may grow at all (the notes window has nothing to take room from). */
  canGrow: boolean;
}

/**
 * The plan for one note: full size if it fits; else smaller type, down to `comfortable`; else a
 * taller box with type no larger than `comfortable` (so the box grows only as much as the note
 * needs), down to `min`; else `min` in the tallest box, overflowing.
 */
export function planFit(fits: (scale: number, tall: boolean) => boolean, limits: FitLimits): FitPlan {
  const min = Math.min(limits.min, 1);
  const comfortable = Math.min(Math.max(limits.comfortable, min), 1);
  const short = largestFit((s) => fits(s, false), limits.canGrow ? comfortable : min, 1);
  if (short !== null) return { scale: short, tall: false, overflow: false };
  if (!limits.canGrow) return { scale: min, tall: false, overflow: true };
  const tall = largestFit((s) => fits(s, true), min, comfortable);
  if (tall !== null) return { scale: tall, tall: true, overflow: false };
  return { scale: min, tall: true, overflow: true };
}
