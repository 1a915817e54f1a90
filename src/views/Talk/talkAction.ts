/**
 * Talk-mode keys, for a presentation clicker or a keyboard alone. Clickers send PageDown/PageUp
 * (some Space, arrows, "b"/"." for a black screen, F5/Esc to start/stop a show):
 *   next: → ↓ PageDown Space Enter        back: ← ↑ PageUp Shift+Space Backspace
 *   Home/End first/last step · B or . black screen · L laser · N notes panel · W notes window
 *   T theme · P play/pause · F or F5 full screen · Esc leaves (after blank/laser are off)
 *   Shift+↓ / Shift+↑ scroll the speaker notes (only a note too long for its box at the smallest
 *   type needs it; a clicker sends no Shift, so its arrows keep stepping)
 * Pure, for the presenting window, the notes window and tests; which keys a focused element keeps
 * for itself is keyTarget.ts's business.
 */

export type TalkAction =
  | 'next'
  | 'back'
  | 'first'
  | 'last'
  | 'blank'
  | 'laser'
  | 'notes'
  | 'window'
  | 'theme'
  | 'play'
  | 'fullscreen'
  | 'leave'
  | 'notes-down'
  | 'notes-up';

/** The parts of a KeyboardEvent the key map reads. */
export interface KeyPress {
  key: string;
  shiftKey: boolean;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
}

/** The action for a key event in talk mode, or null (pure, for tests and the notes window). */
export function talkAction(e: KeyPress): TalkAction | null {
  if (e.altKey || e.ctrlKey || e.metaKey) return null;
  switch (e.key) {
    case 'ArrowDown':
      return e.shiftKey ? 'notes-down' : 'next';
    case 'ArrowUp':
      return e.shiftKey ? 'notes-up' : 'back';
    case 'ArrowRight':
    case 'PageDown':
    case 'Enter':
      return 'next';
    case ' ':
      return e.shiftKey ? 'back' : 'next';
    case 'ArrowLeft':
    case 'PageUp':
    case 'Backspace':
      return 'back';
    case 'Home':
      return 'first';
    case 'End':
      return 'last';
    case 'b':
    case 'B':
    case '.':
      return 'blank';
    case 'l':
    case 'L':
      return 'laser';
    case 'n':
    case 'N':
      return 'notes';
    case 'w':
    case 'W':
      return 'window';
    case 't':
    case 'T':
      return 'theme';
    case 'p':
    case 'P':
      return 'play';
    case 'f':
    case 'F':
    case 'F5':
      return 'fullscreen';
    case 'Escape':
      return 'leave';
    default:
      return null;
  }
}

/**
 * The talk keys the notes window passes on (the speaker's focus is usually there, and a clicker
 * sends B or "." to blank and Esc to stop): the others act on the notes window or make no sense
 * in it (laser, theme, full screen of the other window). Shift+↓/↑ scroll the notes window's own
 * note, so they are not passed on either.
 */
export const NOTES_NAV = ['next', 'back', 'first', 'last', 'blank', 'leave'] as const satisfies readonly TalkAction[];
export type NotesNav = (typeof NOTES_NAV)[number];

/** The action a notes-window key passes on, or null. */
export function notesNav(action: TalkAction | null): NotesNav | null {
  return (NOTES_NAV as readonly (TalkAction | null)[]).includes(action) ? (action as NotesNav) : null;
}
