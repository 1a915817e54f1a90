/**
 * Offline: after one visit the service worker has precached the app, its lazy chunks and workers,
 * and the whole scenario library, so a reload with the network off works, and every library
 * scenario can be presented from its link with the keyboard alone.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { expectedNow } from './fixtures/goldenLinks.ts';
import { golden, resultsOf, withSettings } from './fixtures/linkHelpers.ts';

declare const navigator: { serviceWorker: { ready: Promise<unknown>; controller: unknown } };

async function installed(page: Page): Promise<void> {
  await page.goto('/?e2e');
  await expect(page.getByTestId('cursor')).toHaveText('0 / 12');
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

test.describe('offline', () => {
  test('the app reloads and works with the network off', async ({ page, context }) => {
    await installed(page);
    await context.setOffline(true);
    await page.reload();
    await expect(page.getByTestId('cursor')).toHaveText('0 / 12');
    await expect(page.getByTestId('live-views')).toBeVisible();
    await page.locator('body').focus();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('cursor')).toHaveText('1 / 12');
    // The whole library is there: open another bundled scenario.
    await page.getByTestId('scenario-picker').selectOption('dsa-iaa.json');
    await page.getByRole('button', { name: 'Open the chosen scenario' }).click();
    await expect(page.getByTestId('cursor')).toHaveText('0 / 8');
    await context.setOffline(false);
  });

  test('every library scenario is presented from its link with the keyboard alone, offline', async ({
    page,
    context,
  }) => {
    test.setTimeout(240_000);
    await installed(page);
    await context.setOffline(true);
    for (const [k, g] of golden.links.entries()) {
      // A different query each time makes it a real page load (served by the service worker).
      await page.goto(`/?e2e&talk=${k}#${withSettings(g, { cursor: 0, present: 1, theme: 'projector' })}`);
      const cursor = page.getByTestId('talk-cursor');
      await expect(cursor, g.file).toHaveText(`Step 0 / ${g.length}`);
      for (let n = 1; n <= g.length; n++) {
        await page.keyboard.press(n % 2 === 0 ? 'PageDown' : 'Space');
        await expect(cursor, g.file).toHaveText(`Step ${n} / ${g.length}`);
      }
      expect(await resultsOf(page), g.file).toStrictEqual(expectedNow(g));
    }
    await context.setOffline(false);
  });
});
