/** The speaker-notes panel in talk mode (N): the current step's note and what comes next. */
import { useScenario } from '../../hooks/index.ts';
import { selectCursor, useFrame } from '../../store/index.ts';
import { MarkedNote, useNotesPolicy } from '../common/StepNote.tsx';
import { stepText } from '../common/stepText.ts';

export function SpeakerNotes() {
  const scenario = useScenario();
  const cursor = useFrame(selectCursor);
  const writtenFor = useNotesPolicy(scenario);
  if (!scenario) return null;
  const current = cursor > 0 ? scenario.steps[cursor - 1] : undefined;
  const next = scenario.steps[cursor];
  return (
    <aside className="talk-notes" aria-label="Speaker notes" data-testid="speaker-notes">
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
        <p className="talk-next">
          <span className="talk-next-label">Next:</span> <code>{stepText(next)}</code>
          {next.note ? (
            <>
              {' '}
              — <MarkedNote note={next.note} writtenFor={writtenFor} />
            </>
          ) : null}
        </p>
      ) : (
        <p className="talk-next">
          <span className="talk-next-label">Next:</span> end of the scenario.
        </p>
      )}
    </aside>
  );
}
