/**
 * Shift+↓ / Shift+↑ in talk mode: scroll the speaker notes when even their smallest type does
 * not fit (every plain scroll key is a clicker's step key, so without these the rest of a long
 * note could only be reached with a mouse).
 */

/** The id of the talk-mode notes panel's scrolling box (the presenting window has one at most). */
export const TALK_NOTES_ID = 'talk-notes';

/** Scrolls `el` by a box height less one line, so the line at the edge stays in sight. */
export function scrollNotes(el: HTMLElement | null, dir: 1 | -1): void {
  if (!el) return;
  const line = parseFloat(getComputedStyle(el).lineHeight) || 24;
  el.scrollBy({ top: dir * Math.max(line, el.clientHeight - line) });
}
