/**
 * The main view's one live region for stepping: after each step, jump or interactive action it
 * holds one sentence (stepAnnouncement.ts). It is always in the page, so a change of its text is
 * announced; the selector returns the sentence itself, so other frames and renders that leave it
 * unchanged touch nothing and say nothing again. The counter and the PASID caption are not live,
 * so a step is heard once.
 */
import { selectLength, useFrame } from '../../store/index.ts';
import type { FrameState } from '../../store/index.ts';
import { stepAnnouncement } from '../common/stepAnnouncement.ts';

const selectAnnouncement = (s: FrameState): string => {
  const m = s.frame?.model;
  if (!m) return '';
  const cursor = m.cursor;
  return stepAnnouncement(
    cursor,
    selectLength(s),
    cursor > 0 ? m.logSteps[cursor - 1] : undefined,
    cursor > 0 ? m.log[cursor - 1] : undefined
  );
};

export function StepAnnouncer() {
  const text = useFrame(selectAnnouncement);
  return (
    <p className="visually-hidden" role="status" data-testid="step-announcement">
      {text}
    </p>
  );
}
