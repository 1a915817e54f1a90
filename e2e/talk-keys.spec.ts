/**
 * Talk mode's keys against what has focus: Enter and Space press a focused button (a clicker
 * sends PageDown/PageUp, arrows, B or "."; a keyboard user presses Enter/Space on a control),
 * and the clicker keys keep their meaning wherever focus was left, in either window.
 */
import { expect, test } from '@playwright/test';
import { atStep, present, rfc } from './fixtures/talkHelpers.ts';

test.describe('talk keys and focus', () => {
  test('Enter and Space press a focused button; the clicker keys still step', async ({ page }) => {
    await present(page, { cursor: 2 });
    const chip = page.getByTestId('toggle-queues');
    await expect(chip).toHaveAttribute('aria-pressed', 'true');
    await chip.focus();
    await page.keyboard.press('Space');
    await expect(chip).toHaveAttribute('aria-pressed', 'false');
    await page.keyboard.press('Enter');
    await expect(chip).toHaveAttribute('aria-pressed', 'true');
    // Neither press stepped: the next PageDown lands on step 3.
    await page.keyboard.press('PageDown');
    await atStep(page, 3);
    await page.getByRole('button', { name: 'Leave (Esc)' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('talk')).toHaveCount(0);
    await expect(page.getByTestId('scenario-picker')).toBeVisible();
  });

  test('in the notes window, Enter and Space press ◀ Back and Next ▶', async ({ page, context }) => {
    await present(page, { cursor: 2 });
    const opened = context.waitForEvent('page');
    await page.keyboard.press('w');
    const notesPage = await opened;
    await expect(notesPage.getByTestId('notes-cursor')).toHaveText(/^Step 2 \//);
    await notesPage.getByRole('button', { name: '◀ Back' }).focus();
    await notesPage.keyboard.press('Enter');
    await atStep(page, 1);
    await notesPage.keyboard.press('Space');
    await atStep(page, 0);
    await notesPage.getByRole('button', { name: 'Next ▶' }).focus();
    await notesPage.keyboard.press('Enter');
    await atStep(page, 1);
    await expect(notesPage.getByTestId('notes-cursor')).toHaveText(/^Step 1 \//);
  });

  test('after a click on the timeline, the clicker keys still step, blank and leave', async ({ page }) => {
    await present(page, { cursor: 3 });
    const scrubber = page.getByRole('slider', { name: 'Steps applied' });
    const box = await scrubber.boundingBox();
    if (!box) throw new Error('no scrubber');
    // A click at the right end seeks to the last step and leaves focus on the slider.
    await page.mouse.click(box.x + box.width - 3, box.y + box.height / 2);
    await atStep(page, rfc.length);
    await expect(scrubber).toBeFocused();
    await page.keyboard.press('PageUp');
    await atStep(page, rfc.length - 1);
    await page.keyboard.press('PageUp');
    await atStep(page, rfc.length - 2);
    await page.keyboard.press('PageDown');
    await atStep(page, rfc.length - 1);
    await page.keyboard.press('b');
    await expect(page.getByTestId('talk-blank')).toBeVisible();
    await page.keyboard.press('.');
    await expect(page.getByTestId('talk-blank')).toHaveCount(0);
    await page.keyboard.press('Space');
    await atStep(page, rfc.length);
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('talk')).toHaveCount(0);
  });

  test('the notes window passes the clicker’s blank and Esc to the presenting window', async ({ page, context }) => {
    await present(page, { cursor: 2 });
    const opened = context.waitForEvent('page');
    await page.keyboard.press('w');
    const notesPage = await opened;
    await expect(notesPage.getByTestId('notes-cursor')).toHaveText(/^Step 2 \//);
    await notesPage.keyboard.press('b');
    await expect(page.getByTestId('talk-blank')).toBeVisible();
    await notesPage.keyboard.press('.');
    await expect(page.getByTestId('talk-blank')).toHaveCount(0);
    await notesPage.keyboard.press('.');
    await expect(page.getByTestId('talk-blank')).toBeVisible();
    // As in the presenting window: the first Esc unblanks, the next one leaves talk mode.
    await notesPage.keyboard.press('Escape');
    await expect(page.getByTestId('talk-blank')).toHaveCount(0);
    await expect(page.getByTestId('talk')).toBeVisible();
    await notesPage.keyboard.press('Escape');
    await expect(page.getByTestId('talk')).toHaveCount(0);
    await expect(page.getByTestId('scenario-picker')).toBeVisible();
  });
});
