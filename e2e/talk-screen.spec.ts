/**
 * What the audience sees in talk mode: a black screen on B in every theme, every view within the
 * screen's width, and a hand-written present=1 link in the projector theme (the notes footer's
 * share of the screen: talk-notes.spec.ts).
 */
import { expect, test } from '@playwright/test';
import { withSettings } from './fixtures/linkHelpers.ts';
import { present, rfc, screenPixel } from './fixtures/talkHelpers.ts';

declare const document: { documentElement: { dataset: Record<string, string | undefined> } };

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

  test('a hand-written present=1 link opens in the projector theme; theme= still wins', async ({ page }) => {
    const theme = () => page.evaluate(() => document.documentElement.dataset.theme);
    await page.goto(`/?e2e#${withSettings(rfc, { cursor: 0, present: 1 })}`);
    await expect(page.getByTestId('talk')).toBeVisible();
    await expect.poll(theme).toBe('projector');
    // As after the Present button: leaving talk mode drops the theme talk mode chose.
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('scenario-picker')).toBeVisible();
    await expect.poll(theme).toBeUndefined();
    await present(page, { theme: 'light' });
    await expect.poll(theme).toBe('light');
    await present(page, { theme: 'dark' });
    await expect.poll(theme).toBe('dark');
  });

  test.describe('at 1920×1080, SMMUv3 alone', () => {
    test.use({ viewport: { width: 1920, height: 1080 } });
    test('the entry a step writes is scrolled into view above the footer', async ({ page }) => {
      await present(page, { cursor: 4 });
      for (const id of ['pasids', 'bindings', 'queues', 'statechart']) await page.getByTestId(`toggle-${id}`).click();
      const smmu = page.getByRole('region', { name: /^SMMUv3/ });
      await expect(page.getByRole('region', { name: 'Statechart' })).toHaveCount(0);
      await page.keyboard.press('PageDown'); // step 5: the bind writes CD[1]
      const written = smmu.locator('[data-state="new"], [data-state="changed"]').first();
      await expect(written).toBeAttached();
      const footTop = await page.getByRole('contentinfo').evaluate((el) => (el as Box).getBoundingClientRect().top);
      await expect
        .poll(() => written.evaluate((el) => (el as Box).getBoundingClientRect().bottom))
        .toBeLessThan(footTop);
      await expect(written).toBeInViewport();
    });
  });
});
