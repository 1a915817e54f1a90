/**
 * Above the fold: on a projector (1280×720) or a laptop (1366×768), the sandbox as it opens shows
 * the first live view and some of its content without scrolling, not only the header and the
 * controls above the views; a full-HD screen shows a good deal more. The header, the transport
 * controls and an empty Policy A/B panel take the height that used to push the views down.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test } from '../fixtures.ts';

declare const window: { scrollY: number };
declare const document: { documentElement: { scrollWidth: number; clientWidth: number } };

const RFC_TITLE = 'A 2-bit-SSID accelerator (SSIDs 1-3) starved by the global PASID space';

/** The first live view's heading (PASID spaces, open by default). */
function firstViewHeading(page: Page): Locator {
  return page.getByTestId('view-pasids').getByRole('heading', { name: 'PASID spaces', exact: true });
}

/** Where a visible element's top sits in the window. */
async function top(el: Locator): Promise<number> {
  const box = await el.boundingBox();
  return box ? box.y : Number.POSITIVE_INFINITY;
}

// What must show under the first live view's heading on load: its summary, its mode switch and
// the start of the grid, not just the heading's line.
for (const { width, height, below } of [
  { width: 1280, height: 720, below: 200 },
  { width: 1366, height: 768, below: 200 },
  { width: 1920, height: 1080, below: 600 },
]) {
  test.describe(`at ${width}×${height}`, () => {
    test.use({ viewport: { width, height } });

    test(`the first live view starts at least ${below} px above the bottom of the window`, async ({ sandbox }) => {
      const { page } = sandbox;
      await sandbox.open();
      const heading = firstViewHeading(page);
      await expect(heading).toBeVisible();
      await expect.poll(() => top(heading)).toBeLessThanOrEqual(height - below);
      // Seen as the page opened: nothing scrolled it there.
      expect(await page.evaluate(() => window.scrollY)).toBe(0);
    });
  });
}

test.describe('at 1280×720, the one-row header', () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  test('keeps every control on screen and the full scenario title at hand', async ({ sandbox }) => {
    const { page } = sandbox;
    await sandbox.open();
    const header = page.getByRole('banner');
    for (const control of [
      page.getByTestId('scenario-picker'),
      page.getByRole('button', { name: 'Open the chosen scenario' }),
      sandbox.policy,
      page.getByText('Open file…'),
      page.getByRole('button', { name: 'Export JSON' }),
      page.getByTestId('present-button'),
      sandbox.engineStatus,
    ]) {
      await expect(control).toBeInViewport({ ratio: 1 });
    }
    // A long title may be cut short with an ellipsis: its whole text is the subtitle's tooltip.
    await expect(sandbox.title).toHaveText(RFC_TITLE);
    await expect(sandbox.title).toHaveAttribute('title', RFC_TITLE);
    expect((await header.boundingBox())!.height).toBeLessThanOrEqual(80);
  });
});

test.describe('at 390×844 (a phone)', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('the header and the controls above the views wrap within the width', async ({ sandbox }) => {
    const { page } = sandbox;
    await sandbox.open();
    for (const control of [
      page.getByTestId('scenario-picker'),
      sandbox.policy,
      page.getByTestId('present-button'),
      sandbox.stepButton,
      page.getByLabel('Speed'),
      page.getByTestId('timeline-jump'),
      page.getByTestId('policy-b-select'),
    ]) {
      await control.scrollIntoViewIfNeeded();
      await expect(control).toBeInViewport({ ratio: 1 });
    }
    await expect(page.getByTestId('keys-hint')).toBeVisible();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth
    );
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
