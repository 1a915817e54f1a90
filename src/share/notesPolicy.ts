/**
 * A scenario's step notes are written for its own policy (the RFC problem's explain mainline's
 * answers). Run under another policy, a step can give another result, so the sandbox marks such a
 * note "Written for the global policy: …" instead of letting it contradict the result. A link or an
 * export made under another policy carries that policy as the scenario's own, so the mark is
 * written into its notes: the reader of the link, the JSON or the image sees it too.
 */
import { TEXT_LIMITS } from '../engine/index.ts';
import type { Policy, Scenario } from '../engine/index.ts';

/** The words before such a note (also sent as text to the speaker-notes window). */
export const writtenForText = (policy: string): string => `Written for the ${policy} policy: `;

const MARK = /^Written for the ([a-z-]+) policy: /;

/** What to show of a note: the policy it was written for, when that is not the running one, and its text. */
export interface NoteParts {
  mark: string | null;
  text: string;
}

/**
 * A note split for display. `writtenFor` is the scenario's own policy when the sandbox runs another
 * (useNotesPolicy), else null. A note that already carries the mark (a link made under another
 * policy) keeps its own, and is never marked twice.
 */
export function noteParts(note: string, writtenFor: string | null): NoteParts {
  const m = MARK.exec(note);
  if (m) return { mark: m[1]!, text: note.slice(m[0].length) };
  return { mark: writtenFor, text: note };
}

/** The note as plain text, its mark included. */
export function noteText(note: string, writtenFor: string | null): string {
  const { mark, text } = noteParts(note, writtenFor);
  return mark === null ? text : `${writtenForText(mark)}${text}`;
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
    const note = noteText(step.note, own);
    return { ...step, note: note.length <= TEXT_LIMITS.note ? note : `${note.slice(0, TEXT_LIMITS.note - 1)}…` };
  });
  return { ...scenario, policy, steps };
}
