/**
 * What "this step" (step cursor − 1) changed in the global PASID space and the SVA handles, kept as
 * the client merges frames, so the views mark the same changes however the cursor got to a step: a
 * step forward, a step back, a jump, a link or a reload. A one-step frame's own deltas are that
 * step's changes; any other frame carries them from the worker (protocol StepMarks). Frames merged
 * between two publications (steps faster than the screen) leave the last one's.
 */
import type { FrameDelta } from '../protocol/index.ts';

export interface StepChanges {
  /** The cursor whose step these are (the step at cursor − 1). */
  cursor: number;
  /** Global PASIDs whose holder the step changed (freed ones included). */
  pasids: ReadonlySet<number>;
  /** Handle row keys the step added or changed. */
  handles: ReadonlySet<string>;
  /** Handle row keys the step removed. */
  removedHandles: ReadonlySet<string>;
}

/**
 * The step changes after merging `delta` into a model whose cursor was `before`: the worker's
 * marks, else the delta itself when it moved one step forward, else the previous ones when it did
 * not move; null when unknown (before the first step).
 */
export function nextStepChanges(prev: StepChanges | null, delta: FrameDelta, before: number): StepChanges | null {
  const marks = delta.views?.step;
  if (marks) {
    return {
      cursor: delta.cursor,
      pasids: new Set(marks.pasids),
      handles: new Set(marks.handles),
      removedHandles: new Set(marks.removedHandles),
    };
  }
  if (!delta.full && delta.cursor === before + 1) {
    const handle = delta.views?.tables?.handle;
    return {
      cursor: delta.cursor,
      pasids: new Set(delta.views?.holders?.pasid ?? []),
      handles: new Set(handle?.keys ?? []),
      removedHandles: new Set(handle?.removed ?? []),
    };
  }
  if (!delta.full && delta.cursor === before) return prev;
  return null;
}
