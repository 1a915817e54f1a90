import { expect, test } from 'vitest';
import { linkPresentation } from './session.ts';

test('linkPresentation(present, undefined) picks the projector theme for the talk only', () => {
  expect(linkPresentation(true, undefined)).toEqual({ present: true, theme: 'projector', autoTheme: true });
  expect(linkPresentation(true, 'no-such-theme')).toEqual({ present: true, theme: 'projector', autoTheme: true });
});

test('linkPresentation keeps a link’s own theme, in talk mode or not', () => {
  expect(linkPresentation(true, 'light')).toEqual({ present: true, theme: 'light', autoTheme: false });
  expect(linkPresentation(true, 'dark')).toEqual({ present: true, theme: 'dark', autoTheme: false });
  expect(linkPresentation(undefined, 'dark')).toEqual({ present: false, theme: 'dark', autoTheme: false });
  expect(linkPresentation(false, undefined)).toEqual({ present: false, theme: undefined, autoTheme: false });
});
