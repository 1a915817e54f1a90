/**
 * The speaker-notes panel in talk mode (N): the current step's note and what comes next. Every
 * talk key is a step key, so the notes are fitted to their box (useFitText.ts): smaller type
 * first, then a taller footer; a note that still does not fit says so, and Shift+↓ scrolls it.
 */
import { useRef } from 'react';
import { useScenario } from '../../hooks/index.ts';
import { selectCursor, useFrame } from '../../store/index.ts';
import { MarkedNote, useNotesPolicy } from '../common/StepNote.tsx';
import { stepText } from '../common/stepText.ts';
import { TALK_NOTES_ID } from './notesScroll.ts';
import { OverflowCue } from './OverflowCue.tsx';
import { useFitText } from './useFitText.ts';
import type { FitOptions } from './useFitText.ts';

/**
 * 16 px is the smallest type for notes read off the projected screen; the footer keeps its
 * 38% of the screen while the type stays at 80% of full size or more, then may take half of it.
 */
const FIT: FitOptions = { minPx: 16, comfortable: 0.8, canGrow: true };

export function SpeakerNotes() {
  const scenario = useScenario();
  const cursor = useFrame(selectCursor);
  const writtenFor = useNotesPolicy(scenario);
  const box = useRef<HTMLElement>(null);
  const current = scenario && cursor > 0 ? scenario.steps[cursor - 1] : undefined;
  const next = scenario?.steps[cursor];
  const content = [
    scenario?.title,
    cursor,
    writtenFor,
    current ? current.note : scenario?.notes,
    next ? `${stepText(next)} ${next.note ?? ''}` : '',
  ].join('\n');
  const fit = useFitText(box, content, FIT);
  if (!scenario) return null;
  return (
    <div className="talk-notes-wrap">
      <aside id={TALK_NOTES_ID} ref={box} className="talk-notes" aria-label="Speaker notes" data-testid="speaker-notes">
        <h2 className="visually-hidden">Speaker notes</h2>
        {current ? (
          <p className="talk-note" data-testid="talk-note">
            {current.note ? (
              <MarkedNote note={current.note} writtenFor={writtenFor} />
            ) : (
              <span className="muted">(no note for this step)</span>
            )}
          </p>
        ) : (
          <p className="talk-note" data-testid="talk-note">
            {scenario.notes ?? 'Press → or PageDown to run the first step.'}
          </p>
        )}
        {next ? (
          <p className="talk-next" data-testid="talk-next">
            <span className="talk-next-label">Next:</span> <code>{stepText(next)}</code>
            {next.note ? (
              <>
                {' '}
                — <MarkedNote note={next.note} writtenFor={writtenFor} />
              </>
            ) : null}
          </p>
        ) : (
          <p className="talk-next" data-testid="talk-next">
            <span className="talk-next-label">Next:</span> end of the scenario.
          </p>
        )}
      </aside>
      {fit.overflow ? <OverflowCue atEnd={fit.atEnd} /> : null}
    </div>
  );
}
