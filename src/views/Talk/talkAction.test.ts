import { expect, test } from 'vitest';
import { notesNav, talkAction } from './talkAction.ts';

test('notesNav passes on navigation, blank and leave, and nothing that acts on the notes window', () => {
  for (const a of ['next', 'back', 'first', 'last', 'blank', 'leave'] as const) expect(notesNav(a)).toBe(a);
  for (const a of [
    'laser',
    'notes',
    'window',
    'theme',
    'play',
    'fullscreen',
    'notes-down',
    'notes-up',
    null,
  ] as const) {
    expect(notesNav(a)).toBeNull();
  }
});

const press = (key: string, shiftKey = false) => ({ key, shiftKey, altKey: false, ctrlKey: false, metaKey: false });

test('talkAction: Shift+↓ / Shift+↑ scroll the notes; the clicker’s plain arrows still step', () => {
  expect(talkAction(press('ArrowDown', true))).toBe('notes-down');
  expect(talkAction(press('ArrowUp', true))).toBe('notes-up');
  expect(talkAction(press('ArrowDown'))).toBe('next');
  expect(talkAction(press('ArrowUp'))).toBe('back');
  expect(talkAction(press('PageDown'))).toBe('next');
  expect(talkAction(press('PageUp'))).toBe('back');
  expect(talkAction(press(' ', true))).toBe('back');
});
