import { expect, test } from 'vitest';
import { notesNav } from './talkAction.ts';

test('notesNav passes on navigation, blank and leave, and nothing that acts on the notes window', () => {
  for (const a of ['next', 'back', 'first', 'last', 'blank', 'leave'] as const) expect(notesNav(a)).toBe(a);
  for (const a of ['laser', 'notes', 'window', 'theme', 'play', 'fullscreen', null] as const) {
    expect(notesNav(a)).toBeNull();
  }
});
