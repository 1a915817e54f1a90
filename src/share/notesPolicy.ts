/**
 * A scenario's step notes are written for its own policy (the RFC problem's explain mainline's
 * answers). Run under another policy, a step can give another result, so the sandbox marks such a
 * note "Written for the global policy: …" instead of letting it contradict the result. A link or an
 * export made under another policy carries that policy as the scenario's own, so the mark is
 * written into its notes: the reader of the link, the JSON or the image sees it too.
 *
 * A topology edit can change results the same way (fewer PASID bits turn an "ok" into ENOSPC), so
 * a successful edit writes "Written before the topology was edited: " into every note at once
 * (notesEdited): the app, and every link and export made afterwards, carry it with the notes.
 */
import { TEXT_LIMITS } from '../engine/index.ts';
import type { Policy, Scenario } from '../engine/index.ts';

/** The policy `scenario`'s notes were written for, when the sandbox runs it under `running`, another one; else null. */
export function notesWrittenFor(scenario: Scenario, running: string | null | undefined): string | null {
  const own = scenario.policy ?? 'global';
  return running !== null && running !== undefined && running !== own ? own : null;
}

/** The words before such a note (also sent as text to the speaker-notes window). */
export const writtenForText = (policy: string): string => `Written for the ${policy} policy: `;

const MARK = /^Written for the ([a-z-]+) policy: /;

/** The words before every note once the topology was edited (after a policy mark, if any). */
export const EDITED_TEXT = 'Written before the topology was edited: ';

/**
 * What to show of a note: the policy it was written for, when that is not the running one, whether
 * it predates a topology edit, and its text.
 */
export interface NoteParts {
  mark: string | null;
  edited: boolean;
  text: string;
}

/**
 * A note split for display. `writtenFor` is the scenario's own policy when the sandbox runs another
 * (useNotesPolicy), else null. A note that already carries the mark (a link made under another
 * policy) keeps its own, and is never marked twice.
 */
export function noteParts(note: string, writtenFor: string | null): NoteParts {
  const m = MARK.exec(note);
  const rest = m ? note.slice(m[0].length) : note;
  const edited = rest.startsWith(EDITED_TEXT);
  return { mark: m ? m[1]! : writtenFor, edited, text: edited ? rest.slice(EDITED_TEXT.length) : rest };
}

/** The note as plain text, its marks included. */
export function noteText(note: string, writtenFor: string | null): string {
  const { mark, edited, text } = noteParts(note, writtenFor);
  return `${mark === null ? '' : writtenForText(mark)}${edited ? EDITED_TEXT : ''}${text}`;
}

/** A marked note cut to the validator's limit (with "…"), so the scenario stays valid. */
function fitted(note: string): string {
  return note.length <= TEXT_LIMITS.note ? note : `${note.slice(0, TEXT_LIMITS.note - 1)}…`;
}

/**
 * `edited` with every step note marked as written before the topology edit, unless its topology
 * is `before`'s (a Save that changed nothing). A note is marked once, after its policy mark.
 */
export function notesEdited(before: Scenario, edited: Scenario): Scenario {
  const topology = (x: Scenario): string => JSON.stringify([x.arch, x.iommus, x.devices, x.processes]);
  if (topology(before) === topology(edited)) return edited;
  const steps = edited.steps.map((step) => {
    if (step.note === undefined) return step;
    const { mark, edited: already, text } = noteParts(step.note, null);
    if (already) return step;
    return { ...step, note: fitted(`${mark === null ? '' : writtenForText(mark)}${EDITED_TEXT}${text}`) };
  });
  return { ...edited, steps };
}

/**
 * The scenario as it runs under `policy`, to put in a link or an export: that policy, and, when it
 * is not the one the notes were written for, every step note marked. A note the mark would push past
 * the validator's limit is shortened (with "…"), so the link still opens.
 * @example
 * scenarioUnder(rfcProblem, 'per-device-cap').steps[3].note // "Written for the global policy: P4 has no PASID…"
 */
export function scenarioUnder(scenario: Scenario, policy: Policy): Scenario {
  const own = scenario.policy ?? 'global';
  if (own === policy) return { ...scenario, policy };
  const steps = scenario.steps.map((step) => {
    if (step.note === undefined) return step;
    return { ...step, note: fitted(noteText(step.note, own)) };
  });
  return { ...scenario, policy, steps };
}
