import { expect, test } from 'vitest';
import { linkPresentation } from './session.ts';

test('linkPresentation(present, undefined) picks the projector theme for the talk only', () => {
  expect(linkPresentation({ present: true })).toEqual({
    present: true,
    embed: false,
    theme: 'projector',
    autoTheme: true,
  });
  expect(linkPresentation({ present: true, theme: 'no-such-theme' })).toEqual({
    present: true,
    embed: false,
    theme: 'projector',
    autoTheme: true,
  });
});

test('linkPresentation keeps a link’s own theme, in talk mode or not', () => {
  const off = { embed: false, autoTheme: false };
  expect(linkPresentation({ present: true, theme: 'light' })).toEqual({ ...off, present: true, theme: 'light' });
  expect(linkPresentation({ present: true, theme: 'dark' })).toEqual({ ...off, present: true, theme: 'dark' });
  expect(linkPresentation({ theme: 'dark' })).toEqual({ ...off, present: false, theme: 'dark' });
  expect(linkPresentation({ present: false })).toEqual({ ...off, present: false, theme: undefined });
});

test('an embedded link is never in talk mode, and takes no projector theme from present=1', () => {
  expect(linkPresentation({ embed: true, present: true })).toEqual({
    present: false,
    embed: true,
    theme: undefined,
    autoTheme: false,
  });
  expect(linkPresentation({ embed: true, theme: 'dark' })).toEqual({
    present: false,
    embed: true,
    theme: 'dark',
    autoTheme: false,
  });
});
