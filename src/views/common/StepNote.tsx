/**
 * A step's note, as the scenario's author wrote it for the scenario's own policy. Run under another
 * policy the same step can give another result (the notes of the RFC problem explain mainline's
 * answers), so the note then says which policy it was written for instead of contradicting the result
 * (share/notesPolicy.ts; a link made under another policy carries the mark in its notes). After a
 * topology edit every note also says it was written before the edit (baked into the notes).
 */
import type { Scenario } from '../../engine/index.ts';
import { EDITED_TEXT, noteParts, notesWrittenFor, writtenForText } from '../../share/notesPolicy.ts';
import { selectFramePolicy, useFrame } from '../../store/index.ts';

/** The policy the scenario's notes were written for, when the sandbox runs it under another one. */
export function useNotesPolicy(scenario: Scenario | null | undefined): string | null {
  const running = useFrame(selectFramePolicy);
  return scenario ? notesWrittenFor(scenario, running) : null;
}

/** The note, after its marks when it has them (see noteParts). */
export function MarkedNote({ note, writtenFor }: { note: string; writtenFor: string | null }) {
  const { mark, edited, text } = noteParts(note, writtenFor);
  return (
    <>
      {mark === null ? null : <span className="note-policy">{writtenForText(mark)}</span>}
      {edited ? <span className="note-policy">{EDITED_TEXT}</span> : null}
      {text}
    </>
  );
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
      <MarkedNote note={note} writtenFor={writtenFor} />
    </Tag>
  );
}
