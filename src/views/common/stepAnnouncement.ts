import type { Step, StepResult } from '../../engine/index.ts';
import { resultSummary } from './ResultText.tsx';
import { stepText } from './stepText.ts';

/**
 * The sentence a screen reader hears after a step, a jump or a bind: where the cursor stands, the
 * step and the kernel's answer, e.g. "Step 4 of 13: bind accel0 to P4, failed: ENOSPC. <message>".
 * Arrows become words, as "left arrow" read aloud says nothing about a bind.
 */
export function stepAnnouncement(
  cursor: number,
  length: number,
  step: Step | undefined,
  result: StepResult | undefined
): string {
  if (cursor === 0) return `Before the first of ${length} steps.`;
  const where = `Step ${cursor} of ${length}`;
  if (!step || !result) return `${where}.`;
  const what = stepText(step).replace(/ [←→] /g, ' to ');
  const answer = result.ok ? resultSummary(result).replace(/ · /g, ', ') : `failed: ${resultSummary(result)}`;
  const message = result.message ?? (result.ok ? undefined : result.via);
  return `${where}: ${what}, ${answer}.${message ? ` ${message}` : ''}`;
}
