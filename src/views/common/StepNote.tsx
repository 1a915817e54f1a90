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

/** The words before such a note (also sent as text to the speaker-notes window). */
export const writtenForText = (policy: string): string => `Written for the ${policy} policy: `;

/** The mark itself, or nothing when the notes fit the running policy. */
export function NotePolicy({ writtenFor }: { writtenFor: string | null }) {
  return writtenFor ? <span className="note-policy">{writtenForText(writtenFor)}</span> : null;
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
      <NotePolicy writtenFor={writtenFor} />
      {note}
    </Tag>
  );
}
