/**
 * Talk mode (`present=1`): the chrome is hidden, type is large, a projector theme for the session
 * only; a clicker (PageDown/PageUp/Space/arrows) steps; B blanks, L shows the laser pointer;
 * the narration is the speaker notes, in a panel or a second window that follows the talk and
 * can drive it; policy A/B runs side by side in lockstep.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { notes, present, rfc } from './fixtures/talkHelpers.ts';

declare const document: { documentElement: { dataset: Record<string, string | undefined> } };
declare const localStorage: { length: number };
declare const sessionStorage: { length: number };
declare function getComputedStyle(el: unknown): { fontSize: string };

test.describe('talk mode', () => {
  test('a present=1 link hides the chrome and uses the projector theme, large type', async ({ page }) => {
    await present(page);
    await expect(page.getByTestId('scenario-picker')).toHaveCount(0);
    await expect(page.getByLabel('Topology editor')).toHaveCount(0);
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('projector');
    const size = await page.getByTestId('talk-step').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(size).toBeGreaterThanOrEqual(28);
  });

  test('clicker keys step forward and back', async ({ page }) => {
    await present(page);
    const cursor = page.getByTestId('talk-cursor');
    const at = (n: number) => expect(cursor).toHaveText(`Step ${n} / ${rfc.length}`);
    await page.keyboard.press('PageDown');
    await at(1);
    await page.keyboard.press('Space');
    await at(2);
    await page.keyboard.press('ArrowRight');
    await at(3);
    await page.keyboard.press('ArrowDown');
    await at(4);
    await page.keyboard.press('Enter');
    await at(5);
    await page.keyboard.press('PageUp');
    await at(4);
    await page.keyboard.press('Shift+Space');
    await at(3);
    await page.keyboard.press('ArrowLeft');
    await at(2);
    await page.keyboard.press('End');
    await at(rfc.length);
    await page.keyboard.press('Home');
    await at(0);
  });

  test('the narration is the speaker notes, step by step', async ({ page }) => {
    await present(page);
    for (let n = 1; n <= 4; n++) {
      await page.keyboard.press('PageDown');
      await expect(page.getByTestId('talk-note')).toHaveText(notes[n - 1]!);
    }
    await page.keyboard.press('n');
    await expect(page.getByTestId('speaker-notes')).toHaveCount(0);
    await page.keyboard.press('n');
    await expect(page.getByTestId('speaker-notes')).toBeVisible();
  });

  test('B blanks the screen, L shows the laser, Esc steps out of each, then out of talk mode', async ({ page }) => {
    await present(page);
    await page.keyboard.press('b');
    await expect(page.getByTestId('talk-blank')).toBeVisible();
    await page.keyboard.press('PageDown'); // the first press after a blank only unblanks
    await expect(page.getByTestId('talk-blank')).toHaveCount(0);
    await expect(page.getByTestId('talk-cursor')).toHaveText(`Step 0 / ${rfc.length}`);
    await page.keyboard.press('l');
    await expect(page.getByTestId('laser')).toBeAttached();
    await page.mouse.move(400, 300);
    await page.mouse.move(600, 420);
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('laser')).toHaveCount(0);
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('talk')).toHaveCount(0);
    await expect(page.getByTestId('scenario-picker')).toBeVisible();
  });

  test('the notes window follows the talk and its keys drive it', async ({ page, context }) => {
    await present(page, { cursor: 2 });
    const opened = context.waitForEvent('page');
    await page.keyboard.press('w');
    const notesPage = await opened;
    await expect(notesPage.getByTestId('notes-window')).toBeVisible();
    await expect(notesPage.getByTestId('notes-cursor')).toHaveText(`Step 2 / ${rfc.length}`);
    await expect(notesPage.getByTestId('notes-note')).toHaveText(notes[1]!);
    // With the notes in their own window, the panel leaves the projected screen.
    await expect(page.getByTestId('speaker-notes')).toHaveCount(0);
    await page.keyboard.press('PageDown');
    await expect(notesPage.getByTestId('notes-cursor')).toHaveText(`Step 3 / ${rfc.length}`);
    await notesPage.keyboard.press('PageDown');
    await expect(page.getByTestId('talk-cursor')).toHaveText(`Step 4 / ${rfc.length}`);
    await expect(notesPage.getByTestId('notes-note')).toHaveText(notes[3]!);
    await notesPage.keyboard.press('PageUp');
    await expect(page.getByTestId('talk-cursor')).toHaveText(`Step 3 / ${rfc.length}`);
  });

  test('a theme set by a link lasts for the session only', async ({ page, context }) => {
    await present(page);
    expect(await page.evaluate(() => localStorage.length + sessionStorage.length)).toBe(0);
    const plain = await context.newPage();
    await plain.goto('/?e2e');
    await expect(plain.getByTestId('cursor')).toHaveText('0 / 12');
    expect(await plain.evaluate(() => document.documentElement.dataset.theme)).toBeUndefined();
  });

  test('policy A/B runs in lockstep and marks the steps whose results differ', async ({ page }) => {
    await present(page, { policyB: 'per-device-cap' });
    const ab = page.getByTestId('policy-ab');
    // Steps 4, 5 and 12 give other results; step 6's DMA lands in P4's mm instead of P1's.
    await expect(ab.getByTestId('ab-summary')).toContainText('4 of 12 steps differ');
    for (let n = 1; n <= 4; n++) await page.keyboard.press('PageDown');
    await expect(page.getByTestId('talk-cursor')).toHaveText(`Step 4 / ${rfc.length}`);
    const row = ab.getByTestId('ab-row-3');
    await expect(row).toHaveAttribute('data-differs', 'true');
    await expect(row).toHaveAttribute('aria-current', 'step');
    await expect(row).toContainText('ENOSPC');
    await expect(row).toContainText('ok · PASID 1');
    await expect(row).toContainText('≠');
    await expect(ab.getByTestId('ab-row-2')).toHaveAttribute('data-differs', 'false');
    await expect(ab.getByTestId('ab-state')).toContainText('P4 mm PASID');
  });

  for (const viewport of [
    { width: 1280, height: 720 },
    { width: 1024, height: 768 },
  ]) {
    test(`all four policies in talk mode fit beside the views at ${viewport.width}×${viewport.height}`, async ({
      page,
    }) => {
      await page.setViewportSize(viewport);
      await present(page, { policyB: 'all' });
      await expect(page.getByTestId('talk')).toContainText('policy global vs the other three');
      const ab = page.getByTestId('policy-ab');
      await expect(ab.getByTestId('pm-summary')).toContainText('4 of 12 steps differ');
      for (let n = 1; n <= 4; n++) await page.keyboard.press('PageDown');
      await expect(page.getByTestId('talk-cursor')).toHaveText(`Step 4 / ${rfc.length}`);
      const row = ab.getByTestId('pm-row-3');
      await expect(row).toHaveAttribute('aria-current', 'step');
      await expect(row).toHaveAttribute('data-differs', 'true');
      await expect(ab.getByTestId('pm-cell-3-per-device-cap')).toContainText('≠');
      // Compact: fewer rows around the current step, each step by its number (its text for screen readers).
      await expect(ab.getByTestId('pm-window')).toHaveText('Steps 2–8 of 12');
      await expect(row.getByRole('cell').first()).toHaveText('4 bind accel0 ← P4');
      await expect(ab.getByTestId('ab-state')).toContainText('P4 mm PASID');
      // Every column on screen, none cut off: the matrix is no wider than its panel.
      const table = await ab.getByTestId('pm-table').boundingBox();
      const panel = await ab.boundingBox();
      expect(table && panel && table.x + table.width <= panel.x + panel.width).toBe(true);
      expect(panel && panel.x + panel.width <= viewport.width).toBe(true);
    });
  }

  test('with all four policies at 1280×720 the stage stays put while stepping', async ({ page }) => {
    // Every view open (the default), as a presenter gets it from the Present button: revealing what a
    // step changed in the views used to scroll the page ~600 px, the counter and the matrix with it.
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto('/?e2e');
    await expect(page.getByTestId('cursor')).toHaveText(`0 / ${rfc.length}`);
    await page.getByTestId('policy-b-select').selectOption('all');
    await page.getByRole('button', { name: 'Present' }).click();
    await expect(page.getByTestId('talk')).toBeVisible();
    // What useRevealChange brings into view: once it shows, the reveal has run.
    const changed = page.locator('.talk-views').locator('.vz-card-changed, .vz-strip-entry.vz-changed');
    for (let n = 1; n <= 3; n++) {
      await page.keyboard.press('ArrowRight');
      await expect(page.getByTestId('talk-cursor')).toHaveText(`Step ${n} / ${rfc.length}`);
      await expect(changed.first()).toBeInViewport();
      expect(await page.evaluate(() => (globalThis as unknown as { scrollY: number }).scrollY)).toBe(0);
      await expect(page.getByTestId('talk-cursor')).toBeInViewport();
      await expect(page.getByTestId('policy-ab').getByTestId(`pm-row-${n - 1}`)).toBeInViewport();
    }
  });

  test('headings: talk mode goes h1 → h2 → h3, the notes window has an h1 (axe)', async ({ page, context }) => {
    await present(page, { cursor: 2 });
    await expect(page.getByTestId('live-views')).toBeVisible();
    const rules = ['heading-order', 'page-has-heading-one'];
    const violations = async (p: typeof page) =>
      (await new AxeBuilder({ page: p }).withRules(rules).analyze()).violations;
    expect((await violations(page)).map((v) => v.id)).toEqual([]);
    const opened = context.waitForEvent('page');
    await page.keyboard.press('w');
    const notesPage = await opened;
    await expect(notesPage.getByRole('heading', { level: 1 })).toHaveText(/2-SSID accelerator/);
    expect((await violations(notesPage)).map((v) => v.id)).toEqual([]);
  });

  test.describe('at 1920×1080', () => {
    test.use({ viewport: { width: 1920, height: 1080 } });
    test('screenshots of talk mode (projector theme, A/B, notes window)', async ({ page, context }, info) => {
      await present(page, { cursor: 4 });
      await expect(page.getByTestId('live-views')).toBeVisible();
      await page.waitForTimeout(800); // let the views settle (zoom transitions)
      await page.keyboard.press('l');
      await page.mouse.move(700, 300);
      await page.mouse.move(760, 330);
      await page.screenshot({ path: info.outputPath('talk-projector-1920.png') });
      await page.keyboard.press('Escape');
      await present(page, { cursor: 4, policyB: 'per-device-cap' });
      await expect(page.getByTestId('ab-state')).toBeVisible();
      await page.screenshot({ path: info.outputPath('talk-ab-1920.png') });
      const opened = context.waitForEvent('page');
      await page.keyboard.press('w');
      const notesPage = await opened;
      await notesPage.setViewportSize({ width: 1280, height: 800 });
      await expect(notesPage.getByTestId('notes-note')).toHaveText(notes[3]!);
      await notesPage.screenshot({ path: info.outputPath('notes-window.png') });
      await present(page, { cursor: 4, theme: 'dark' });
      await page.screenshot({ path: info.outputPath('talk-dark-1920.png') });
    });
  });
});
