import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures.ts';
import { ViewsPage } from '../pages/ViewsPage.ts';
import type { PageDocument, PageElement, PageStyle } from '../pageGlobals.ts';

declare const document: PageDocument;
declare function getComputedStyle(el: PageElement): PageStyle;

const RFC_TITLE = 'A 2-bit-SSID accelerator (SSIDs 1-3) starved by the global PASID space';

test.describe('keyboard only', () => {
  test('steps with the arrow keys, and acts on a device with Tab and Enter', async ({ sandbox }) => {
    const { page } = sandbox;
    await sandbox.open();
    await page.locator('body').focus();
    for (let c = 1; c <= 3; c++) {
      await page.keyboard.press('ArrowRight');
      await expect(sandbox.cursor).toHaveText(`${c} / 12`);
    }
    await page.keyboard.press('ArrowLeft');
    await expect(sandbox.cursor).toHaveText('2 / 12');
    await page.keyboard.press('PageDown');
    await expect(sandbox.cursor).toHaveText('3 / 12');
    await page.keyboard.press('PageUp');
    await expect(sandbox.cursor).toHaveText('2 / 12');
    await page.keyboard.press('.');
    await expect(sandbox.cursor).toHaveText('3 / 12');
    // The hint names the keys just used, and no key that does not step here.
    await expect(page.getByTestId('keys-hint')).toHaveText(
      'Keys: → PageDown . step, ← PageUp , back, Home / End, P play'
    );
    await page.keyboard.press('End');
    await expect(sandbox.cursor).toHaveText('12 / 12');
    await page.keyboard.press('Home');
    await expect(sandbox.cursor).toHaveText('0 / 12');

    // Tab to the Step button and press Enter.
    await tabTo(page, { testId: 'step-button' });
    await page.keyboard.press('Enter');
    await expect(sandbox.cursor).toHaveText('1 / 12');
    await page.keyboard.press('Enter');
    await expect(sandbox.cursor).toHaveText('2 / 12');
    await page.keyboard.press('Enter');
    await expect(sandbox.cursor).toHaveText('3 / 12');

    // Tab to the accel0 card, open it, Tab to its Bind button.
    await tabTo(page, { testId: 'device-card-accel0' });
    await page.keyboard.press('Enter');
    await expect(sandbox.inspector('accel0')).toBeVisible();
    await tabTo(page, { testId: 'bind-proc' });
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect(page.getByTestId('bind-proc')).toHaveValue('P4');
    await tabTo(page, { testId: 'bind-button' });
    await page.keyboard.press('Enter');
    await expect(sandbox.bond('accel0', 'P4')).toContainText('failed · ENOSPC');
    await expect(sandbox.cursor).toHaveText('4 / 13');
  });

  test('arrow keys in the scenario list only choose; Open replaces the edited scenario, and Back returns to it', async ({
    sandbox,
  }) => {
    const { page } = sandbox;
    await sandbox.open();
    await sandbox.stepTo(3);
    await sandbox.deviceCard('accel0').click();
    await page.getByTestId('bind-proc').selectOption('P4');
    await page.getByTestId('bind-button').click();
    await expect(sandbox.cursor).toHaveText('4 / 13');
    await expect(page).toHaveURL(/cursor=4/);

    const picker = page.getByTestId('scenario-picker');
    await picker.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('PageDown');
    await expect(picker).not.toHaveValue('rfc-problem.json');
    // Nothing opened: the edited scenario is still on screen.
    await expect(sandbox.title).toHaveText(RFC_TITLE);
    await expect(sandbox.cursor).toHaveText('4 / 13');

    const edited = page.url();
    await page.keyboard.press('Enter');
    await expect(sandbox.title).not.toHaveText(RFC_TITLE);
    await expect(picker).not.toHaveValue('rfc-problem.json');
    await expect(page).not.toHaveURL(edited);

    await page.goBack();
    await expect(sandbox.title).toHaveText(RFC_TITLE);
    await expect(sandbox.cursor).toHaveText('4 / 13');
    await expect(sandbox.result(3)).toContainText('ENOSPC');
  });

  test('arrow keys, Home and End move between tabs and leave the simulation where it is', async ({ sandbox }) => {
    const { page } = sandbox;
    const views = new ViewsPage(page);
    await sandbox.open();
    await views.show(views.smmu);
    await views.mode(views.smmu, 'table');
    await sandbox.stepTo(3);
    const tabs = views.smmu.getByRole('tablist', { name: 'Entry kind' }).getByRole('tab');
    const first = tabs.first();
    await first.click();
    await expect(first).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('ArrowRight');
    await expect(tabs.nth(1)).toBeFocused();
    await expect(tabs.nth(1)).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('End');
    await expect(tabs.last()).toBeFocused();
    await expect(tabs.last()).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Home');
    await expect(first).toBeFocused();
    await page.keyboard.press('ArrowLeft');
    await expect(tabs.last()).toBeFocused();
    await expect(sandbox.cursor).toHaveText('3 / 12');
    // One Tab stop: the selected tab; Tab leaves the list.
    await expect(first).toHaveAttribute('tabindex', '-1');
    await expect(tabs.last()).toHaveAttribute('tabindex', '0');
  });

  test('Enter on Step up to the last step leaves focus in the playback bar, not on the page', async ({ sandbox }) => {
    await sandbox.open('dsa-iaa', 8);
    await sandbox.stepButton.focus();
    for (let c = 1; c <= 8; c++) {
      await sandbox.page.keyboard.press('Enter');
      await expect(sandbox.cursor).toHaveText(`${c} / 8`);
    }
    await expect(sandbox.stepButton).toBeDisabled();
    // Step is disabled at the end: focus moves to the first button that still works (Reset).
    await expect(sandbox.page.getByRole('button', { name: '|◀ Reset' })).toBeFocused();
    await sandbox.page.keyboard.press('Enter');
    await expect(sandbox.cursor).toHaveText('0 / 8');
    await expect(sandbox.stepButton).toBeFocused();
  });

  test('Enter on Unbind or Dismiss of a bond moves focus to the next bond that has one, else the heading', async ({
    sandbox,
  }) => {
    const { page } = sandbox;
    await sandbox.open();
    await sandbox.stepTo(3);
    await sandbox.deviceCard('nic0').focus();
    await page.keyboard.press('Enter');
    const nic0 = sandbox.inspector('nic0');
    const unbind = (proc: string) => sandbox.bond('nic0', proc).getByRole('button', { name: 'Unbind' });
    await unbind('P2').focus();
    await page.keyboard.press('Enter');
    await expect(sandbox.bond('nic0', 'P2')).toContainText('unbound');
    // The next row's Unbind; at the last row, the previous one that still has one.
    await expect(unbind('P3')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(sandbox.bond('nic0', 'P3')).toContainText('unbound');
    await expect(unbind('P1')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(sandbox.bond('nic0', 'P1')).toContainText('unbound');
    // No bond left to act on: the section's heading.
    await expect(nic0.getByRole('heading', { name: 'SVA bind' })).toBeFocused();

    await sandbox.deviceCard('accel0').focus();
    await page.keyboard.press('Enter');
    const accel0 = sandbox.inspector('accel0');
    await page.getByTestId('bind-proc').selectOption('P4');
    await page.getByTestId('bind-button').focus();
    await page.keyboard.press('Enter');
    await expect(sandbox.bond('accel0', 'P4')).toContainText('failed · ENOSPC');
    await sandbox.bond('accel0', 'P4').getByRole('button', { name: 'Dismiss' }).focus();
    await page.keyboard.press('Enter');
    await expect(sandbox.bond('accel0', 'P4')).toContainText('unbound');
    await expect(accel0.getByRole('heading', { name: 'SVA bind' })).toBeFocused();
  });

  test("Enter on a notice's Dismiss gives focus back to where it came from, else to the main region", async ({
    sandbox,
  }) => {
    const { page } = sandbox;
    await sandbox.open();
    const present = page.getByTestId('present-button');
    const dismiss = sandbox.notice.getByRole('button', { name: 'Dismiss' });
    const badFile = { name: 'x.json', mimeType: 'application/json', buffer: Buffer.from('{}') };
    // Reached with nothing focused before (as a screen reader's browse mode does): the main region.
    await sandbox.fileInput.setInputFiles(badFile);
    await expect(sandbox.notice).toBeVisible();
    await dismiss.focus();
    await page.keyboard.press('Enter');
    await expect(sandbox.notice).toHaveCount(0);
    await expect(page.getByRole('main')).toBeFocused();

    // Tabbed into from the header's last control: back to that control.
    await sandbox.fileInput.setInputFiles(badFile);
    await expect(sandbox.notice).toBeVisible();
    await present.focus();
    await page.keyboard.press('Tab');
    await expect(dismiss).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(sandbox.notice).toHaveCount(0);
    await expect(present).toBeFocused();
  });

  test('every control is reachable with Tab and shows a focus ring', async ({ sandbox }) => {
    const { page } = sandbox;
    await sandbox.open();
    await sandbox.deviceCard('nic0').click();
    await page.locator('body').focus();
    const seen = new Set<string>();
    for (let i = 0; i < 140; i++) {
      await page.keyboard.press('Tab');
      const info = await page.evaluate(() => {
        const el = document.activeElement;
        if (!el || el === document.body) return null;
        const style = getComputedStyle(el);
        const ring = style.outlineStyle !== 'none' && style.outlineWidth !== '0px';
        const label =
          el.getAttribute('aria-label') ?? el.getAttribute('data-testid') ?? el.textContent?.trim().slice(0, 30) ?? '';
        return {
          label,
          ring,
          visibleRing: ring || (el.parentElement ? getComputedStyle(el.parentElement).outlineStyle !== 'none' : false),
        };
      });
      if (!info) continue;
      expect(info.visibleRing, `focus ring on ${info.label}`).toBe(true);
      seen.add(info.label);
    }
    for (const label of [
      'policy-select',
      'scenario-picker',
      'Open a scenario JSON file',
      'step-button',
      'device-card-accel0',
      'bind-button',
      'Export JSON',
    ]) {
      expect([...seen], `reachable: ${label}`).toContain(label);
    }
  });
});

/** Presses Tab until the focused element has test id `testId` (or exactly the text `text`). */
async function tabTo(page: Page, target: { testId?: string; text?: string }): Promise<void> {
  for (let i = 0; i < 200; i++) {
    await page.keyboard.press('Tab');
    const hit = await page.evaluate(({ testId, text }) => {
      const el = document.activeElement;
      if (!el) return false;
      if (testId !== undefined) return el.getAttribute('data-testid') === testId;
      return el.textContent === text;
    }, target);
    if (hit) return;
  }
  throw new Error(`tabTo: never reached ${JSON.stringify(target)}`);
}

test('the Share panel lists every talk-mode key', async ({ sandbox }) => {
  const { page } = sandbox;
  await sandbox.open();
  await page.getByTestId('share-menu').click();
  const hint = page.getByTestId('talk-keys-hint');
  for (const key of [
    'PageDown',
    'Space',
    'Home / End',
    'B or .',
    'Shift+↓ / Shift+↑ scroll a long note',
    'P play',
    'F full screen',
    'Esc leaves',
  ]) {
    await expect(hint).toContainText(key);
  }
});

test('the Share and Export popovers take focus, close when Tab leaves them, and give focus back', async ({
  sandbox,
}) => {
  const { page } = sandbox;
  await sandbox.open();
  const shareButton = page.getByTestId('share-menu');
  await shareButton.click();
  const share = page.getByRole('dialog', { name: 'Share' });
  await expect(share.locator(':focus')).toHaveCount(1);
  // Shift+Tab from its first control reaches its button (still open), then leaves: closed.
  await page.keyboard.press('Shift+Tab');
  await expect(shareButton).toBeFocused();
  await expect(share).toBeVisible();
  await page.keyboard.press('Shift+Tab');
  await expect(share).toBeHidden();

  const exportButton = page.getByTestId('export-menu');
  await exportButton.click();
  const exportDialog = page.getByRole('dialog', { name: 'Export' });
  await expect(page.getByTestId('export-png')).toBeFocused();
  await exportDialog.getByTestId('export-text').press('Enter');
  await expect(exportDialog).toBeHidden();
  await expect(exportButton).toBeFocused();
});

test('the topology editor moves focus into the form on Edit and back to the Edit button on Save and Cancel', async ({
  sandbox,
}) => {
  const { page } = sandbox;
  await sandbox.open();
  const edit = page.getByRole('button', { name: 'Edit accel0' });
  const form = page.getByRole('form', { name: 'Save device' });

  await edit.focus();
  await page.keyboard.press('Enter');
  await expect(form.getByLabel('Device id')).toBeFocused();
  await form.getByRole('button', { name: 'Cancel' }).focus();
  await page.keyboard.press('Enter');
  await expect(form).toBeHidden();
  await expect(edit).toBeFocused();

  await page.keyboard.press('Enter');
  await expect(form.getByLabel('Device id')).toBeFocused();
  await form.getByLabel('PASID bits (blank = no PASID)').fill('3');
  await form.getByRole('button', { name: 'Save' }).focus();
  await page.keyboard.press('Enter');
  await expect(form).toBeHidden();
  await expect(page.getByRole('listitem').filter({ has: edit })).toContainText('3 PASID bits');
  await expect(edit).toBeFocused();

  // Add, then Cancel: back to the section's Add button.
  const add = page.getByRole('button', { name: '+ Add process' });
  await add.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('form', { name: 'Add process' }).getByLabel('Process id')).toBeFocused();
  await page.getByRole('form', { name: 'Add process' }).getByRole('button', { name: 'Cancel' }).focus();
  await page.keyboard.press('Enter');
  await expect(add).toBeFocused();

  // Add P6, then Remove it (no step names it): its row goes, focus goes to the previous row's Edit.
  await page.keyboard.press('Enter');
  const addForm = page.getByRole('form', { name: 'Add process' });
  await expect(addForm.getByLabel('Process id')).toHaveValue('P6');
  await addForm.getByRole('button', { name: 'Add', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(addForm).toBeHidden();
  const remove = page.getByRole('button', { name: 'Remove P6' });
  await remove.focus();
  await page.keyboard.press('Enter');
  await expect(remove).toBeHidden();
  await expect(page.getByRole('button', { name: 'Edit P5' })).toBeFocused();
});
