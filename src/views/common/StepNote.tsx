/**
 * A step's note, as the scenario's author wrote it for the scenario's own policy. Run under another
 * policy the same step can give another result (the notes of the RFC problem explain mainline's
 * answers), so the note then says which policy it was written for instead of contradicting the result.
 */
import type { Scenario } from '../../engine/index.ts';
import { selectFramePolicy, useFrame } from '../../store/index.ts';

/** The policy the scenario's notes were written for, when the sandbox runs it under another one. */
export function useNotesPolicy(scenario: Scenario | null | undefined): string | null {
  const running = useFrame(selectFramePolicy);
  const own = scenario?.policy ?? 'global';
  return scenario && running !== null && running !== own ? own : null;
}

export function StepNote({
  note,
  writtenFor,
  as: Tag = 'p',
}: {
  note: string;
  writtenFor: string | null;
  as?: 'p' | 'span';
}) {
  return (
    <Tag className="note">
      {writtenFor ? <span className="note-policy">Written for the {writtenFor} policy: </span> : null}
      {note}
    </Tag>
  );
}
