import { expect, test } from '../fixtures.ts';

test.describe('policy selector', () => {
  test('per-device-cap lets P4 bind accel0 with PASID 1, global brings ENOSPC back', async ({ sandbox }) => {
    await sandbox.open();
    await sandbox.stepTo(4);
    await expect(sandbox.result(3)).toHaveText('ENOSPC');

    await sandbox.policy.selectOption('per-device-cap');
    await expect(sandbox.result(3)).toHaveText('ok · PASID 1');
    await expect(sandbox.cursor).toHaveText('4 / 12');
    // Per-device spaces: nic0 hands out 1, 2, 3 on its own; accel0 starts again at 1.
    await expect(sandbox.result(0)).toHaveText('ok · PASID 1');
    await expect(sandbox.result(2)).toHaveText('ok · PASID 3');

    await sandbox.policy.selectOption('global');
    await expect(sandbox.result(3)).toHaveText('ENOSPC');
    await expect(sandbox.cursor).toHaveText('4 / 12');
  });

  test('under another policy, the notes say which policy they were written for', async ({ sandbox, page }) => {
    await sandbox.open();
    await sandbox.stepTo(5);
    const last = page.getByTestId('last-step');
    await expect(last.locator('.note')).toHaveText(/^P1 already owns PASID 1/);
    await sandbox.policy.selectOption('per-device-cap');
    await expect(sandbox.result(4)).toHaveText('EBUSY');
    await expect(last.locator('.note')).toHaveText(/^Written for the global policy: P1 already owns PASID 1/);
    // Talk mode's speaker notes say so too.
    await page.getByTestId('share-menu').click();
    await page.getByTestId('start-talk').click();
    await expect(page.getByTestId('talk-note')).toHaveText(/^Written for the global policy: P1 already owns PASID 1/);
    await page.keyboard.press('Escape');
    await sandbox.policy.selectOption('global');
    await expect(last.locator('.note')).toHaveText(/^P1 already owns PASID 1/);
  });

  test('a link made under another policy opens with the notes still marked', async ({ sandbox, page, context }) => {
    await sandbox.open();
    await sandbox.policy.selectOption('per-device-cap');
    await sandbox.stepTo(4);
    await expect(sandbox.result(3)).toHaveText('ok · PASID 1');
    await expect(page).toHaveURL(/#v1\.[^&]+.*cursor=4/);
    const link = page.url();
    // A fresh page: the link's scenario runs per-device-cap, its notes explain mainline's ENOSPC.
    const other = await context.newPage();
    await other.goto(link);
    await expect(other.getByTestId('cursor')).toHaveText('4 / 12');
    await expect(other.getByLabel('Kernel policy')).toHaveValue('per-device-cap');
    const note = other.getByTestId('last-step').locator('.note');
    await expect(note).toHaveText(/^Written for the global policy: P4 has no PASID yet/);
    await expect(note.locator('.note-policy')).toHaveText('Written for the global policy:');
    // Back on its notes' policy the mark stays: it is part of the link's notes now, and still true.
    await other.getByLabel('Kernel policy').selectOption('global');
    await expect(other.getByTestId('step-result-3')).toHaveText('ENOSPC');
    await expect(note).toHaveText(/^Written for the global policy: P4 has no PASID yet/);
  });

  test('switching the kernel policy to the one being compared with ends the comparison', async ({ sandbox, page }) => {
    await sandbox.open();
    const ab = page.getByTestId('policy-ab');
    await ab.getByTestId('policy-b-select').selectOption('per-device-cap');
    await expect(ab.getByTestId('ab-summary')).toContainText('of 12 steps differ');
    await expect(page).toHaveURL(/&policyB=per-device-cap/);
    await sandbox.policy.selectOption('per-device-cap');
    await expect(ab.getByTestId('policy-b-select')).toHaveValue('');
    await expect(ab.getByTestId('ab-summary')).toHaveCount(0);
    await expect(page).not.toHaveURL(/policyB=/);
  });

  test('A/B before any step: no row not yet run is marked as differing; the table says which rows it shows', async ({
    sandbox,
    page,
  }) => {
    await sandbox.open();
    const ab = page.getByTestId('policy-ab');
    await ab.getByTestId('policy-b-select').selectOption('per-device-cap');
    await expect(ab.getByTestId('ab-summary')).toContainText('4 of 12 steps differ');
    const row = ab.getByTestId('ab-row-3');
    await expect(row).toContainText('pending');
    // The full run knows step 4 will differ: said in words, not with the "≠" of a difference shown.
    await expect(row).toHaveAttribute('data-differs', 'false');
    await expect(row).toHaveAttribute('data-mark', 'will-differ');
    await expect(row.getByRole('cell').last()).toHaveText('will differ');
    await expect(ab.getByTestId('ab-table').getByText('≠')).toHaveCount(0);
    await expect(ab.getByTestId('ab-row-0').getByRole('cell').last()).toHaveText('·not run yet');
    // 11 rows around the cursor, and the summary links to step 12: the caption says it is a window.
    await expect(ab.getByTestId('ab-window')).toHaveText('Steps 1–11 of 12');
    await expect(ab.getByTestId('ab-row-11')).toHaveCount(0);
    // Once step 4 has run, its row shows both results and the "≠".
    await sandbox.stepTo(4);
    await expect(row).toHaveAttribute('data-differs', 'true');
    await expect(row.getByRole('cell').last()).toHaveText('≠');
    await expect(ab.getByTestId('ab-row-4')).toHaveAttribute('data-mark', 'will-differ');
    // A link to a step outside the window moves the window to it.
    await ab.getByRole('button', { name: 'Go to step 12, which differs' }).click();
    await expect(sandbox.cursor).toHaveText('12 / 12');
    await expect(ab.getByTestId('ab-window')).toHaveText('Steps 2–12 of 12');
    await expect(ab.getByTestId('ab-row-11')).toHaveAttribute('data-differs', 'true');
  });

  test('driver-managed exposes bind_pasid; other policies refuse attach_pasid_any with the reason', async ({
    sandbox,
  }) => {
    await sandbox.open();
    await sandbox.deviceCard('accel0').click();
    const inspector = sandbox.inspector('accel0');
    const any = inspector.getByRole('button', { name: 'attach_pasid_any' });
    await expect(any).toBeDisabled();
    await expect(inspector).toContainText(
      'attach_pasid_any exists only under per-device-cap and arch-gated (EOPNOTSUPP)'
    );
    await expect(inspector.getByRole('button', { name: 'bind_pasid' })).toHaveCount(0);

    await sandbox.policy.selectOption('driver-managed');
    await expect(inspector.getByRole('button', { name: 'bind_pasid' })).toBeEnabled();
    await inspector.getByRole('button', { name: 'bind_pasid' }).click();
    await expect(sandbox.result(0)).toHaveText('ok · PASID 1');
    await expect(sandbox.row(0)).toContainText('bind_pasid accel0 ← P1');
  });

  test('after a topology edit the notes say they were written before it, in the app and in a link', async ({
    sandbox,
    page,
    context,
  }) => {
    await sandbox.open();
    await sandbox.stepTo(5);
    await expect(page).toHaveURL(/#v1\.[^&]+.*cursor=5/);
    const unedited = page.url();
    await page.getByRole('button', { name: 'Edit accel0' }).click();
    const form = page.getByRole('form', { name: 'Save device' });
    await form.getByLabel('PASID bits (blank = no PASID)').fill('3');
    await form.getByRole('button', { name: 'Save' }).click();
    // Step 4's note explains an ENOSPC that 3 PASID bits (PASIDs 1-7) no longer give.
    await expect(sandbox.result(3)).toHaveText('ok · PASID 4');
    await expect(sandbox.cursor).toHaveText('5 / 12');
    const stepFour = sandbox.row(3).locator('.note');
    await expect(stepFour).toHaveText(/^Written before the topology was edited: P4 has no PASID yet/);
    await expect(stepFour.locator('.note-policy')).toHaveText('Written before the topology was edited:');
    const last = page.getByTestId('last-step').locator('.note');
    await expect(last).toHaveText(/^Written before the topology was edited: P1 already owns PASID 1/);

    // A link made now carries the mark in its notes.
    // The address is rewritten a moment after a change: wait for the edited scenario's link.
    await expect(page).not.toHaveURL(unedited);
    await expect(page).toHaveURL(/#v1\.[^&]+.*cursor=5/);
    const other = await context.newPage();
    await other.goto(page.url());
    await expect(other.getByTestId('cursor')).toHaveText('5 / 12');
    await expect(other.getByTestId('last-step').locator('.note')).toHaveText(
      /^Written before the topology was edited: P1 already owns PASID 1/
    );
  });
});

test.describe('compare with all four policies', () => {
  const HEADERS = [
    'global (running) · mainline',
    'per-device-cap · the RFC patch',
    'arch-gated · reviewer, no patch',
    'driver-managed · proposed, no patch',
  ];

  test('a matrix of every policy marks the differing steps and follows the keyboard', async ({ sandbox, page }) => {
    await sandbox.open();
    const ab = page.getByTestId('policy-ab');
    await ab.getByTestId('policy-b-select').selectOption({ label: 'all four policies' });
    await expect(page).toHaveURL(/&policyB=all(&|$)/);
    const table = ab.getByTestId('pm-table');
    await expect(table.getByRole('columnheader')).toHaveText(['#', 'Step', ...HEADERS, 'Same or different']);
    // Steps 4, 5, 6 and 12 of the RFC problem give other results under some policy.
    const summary = ab.getByTestId('pm-summary');
    await expect(summary).toContainText('4 policies (running: global): 4 of 12 steps differ:');
    await expect(summary.getByRole('button', { name: /^Go to step \d+, which differs$/ })).toHaveText([
      '4',
      '5',
      '6',
      '12',
    ]);
    await expect(ab.getByTestId('pm-window')).toHaveText('Steps 1–11 of 12');
    const row = ab.getByTestId('pm-row-3');
    // Not run yet: said in words, no "≠" for a difference the row does not show.
    await expect(row).toHaveAttribute('data-mark', 'will-differ');
    await expect(table.getByText('≠')).toHaveCount(0);

    await page.locator('body').focus();
    for (let c = 1; c <= 4; c++) {
      await page.keyboard.press('ArrowRight');
      await expect(sandbox.cursor).toHaveText(`${c} / 12`);
    }
    await expect(row).toHaveAttribute('aria-current', 'step');
    await expect(row).toHaveAttribute('data-differs', 'true');
    await expect(row.getByRole('cell').last()).toHaveText('≠');
    await expect(ab.getByTestId('pm-row-2')).toHaveAttribute('data-differs', 'false');
    // Each cell says whether it differs from the running policy's, in words as well as "≠".
    await expect(ab.getByTestId('pm-cell-3-global')).toHaveText('ENOSPC');
    await expect(ab.getByTestId('pm-cell-3-per-device-cap')).toHaveText('≠ differs from global: ok · PASID 1');
    await expect(ab.getByTestId('pm-cell-3-arch-gated')).toHaveText('≠ differs from global: ok · PASID 1');
    await expect(ab.getByTestId('pm-cell-3-driver-managed')).toHaveText('ENOSPC');

    const state = ab.getByTestId('ab-state');
    await expect(state.getByRole('columnheader')).toHaveText(['What', ...HEADERS, 'Same or different']);
    const p4 = state.getByRole('row', { name: /^P4 mm PASID/ });
    await expect(p4.getByRole('cell')).toHaveText([
      '–',
      '≠ differs from global: 1',
      '≠ differs from global: 1',
      '–',
      '≠',
    ]);
    // One step back: P4 has bound nowhere yet under any policy.
    await page.keyboard.press('ArrowLeft');
    await expect(sandbox.cursor).toHaveText('3 / 12');
    await expect(p4.getByRole('cell')).toHaveText(['–', '–', '–', '–', '=']);
    await expect(ab.getByTestId('pm-row-3')).toHaveAttribute('data-mark', 'will-differ');
  });

  test('the running policy keeps its place in spec order and is marked where it is', async ({ sandbox, page }) => {
    await sandbox.open();
    const ab = page.getByTestId('policy-ab');
    await ab.getByTestId('policy-b-select').selectOption('all');
    await sandbox.stepTo(4);
    await sandbox.policy.selectOption('arch-gated');
    // Unlike a B equal to A, "all" stays chosen when the running policy changes.
    await expect(ab.getByTestId('policy-b-select')).toHaveValue('all');
    await expect(ab.getByTestId('pm-table').getByRole('columnheader')).toHaveText([
      '#',
      'Step',
      'global · mainline',
      'per-device-cap · the RFC patch',
      'arch-gated (running) · reviewer, no patch',
      'driver-managed · proposed, no patch',
      'Same or different',
    ]);
    await expect(ab.getByTestId('pm-cell-3-global')).toHaveText('≠ differs from arch-gated: ENOSPC');
    await expect(ab.getByTestId('pm-cell-3-per-device-cap')).toHaveText('ok · PASID 1');
    await expect(page).toHaveURL(/&policyB=all(&|$)/);
    // Back to one second policy: the A/B table again.
    await ab.getByTestId('policy-b-select').selectOption('global');
    await expect(ab.getByTestId('ab-summary')).toContainText('A arch-gated vs B global');
    await expect(ab.getByTestId('pm-table')).toHaveCount(0);
  });

  test('a policyB=all link opens the matrix at its step', async ({ sandbox, page, context }) => {
    await sandbox.open();
    await page.getByTestId('policy-b-select').selectOption('all');
    await sandbox.stepTo(4);
    await expect(page).toHaveURL(/cursor=4.*&policyB=all/);
    const other = await context.newPage();
    await other.goto(page.url());
    await expect(other.getByTestId('cursor')).toHaveText('4 / 12');
    const ab = other.getByTestId('policy-ab');
    await expect(ab.getByTestId('policy-b-select')).toHaveValue('all');
    await expect(ab.getByTestId('pm-table').getByRole('columnheader')).toHaveText([
      '#',
      'Step',
      ...HEADERS,
      'Same or different',
    ]);
    await expect(ab.getByTestId('pm-row-3')).toHaveAttribute('data-differs', 'true');
    await expect(ab.getByTestId('ab-state')).toContainText('P4 mm PASID');
  });
});

test.describe('a step one policy kernel lacks', () => {
  test('reads n/a there and is not counted as a difference', async ({ sandbox, page }) => {
    await sandbox.open('driver-managed.json', 14);
    const ab = page.getByTestId('policy-ab');
    await ab.getByTestId('policy-b-select').selectOption('all');
    await sandbox.stepTo(5, 14);
    // Step 5 is bind_pasid: only the driver-managed kernel has iommu_sva_bind_device_pasid.
    await expect(ab.getByTestId('pm-cell-4-global')).toHaveText('n/a: not in this kernel');
    await expect(ab.getByTestId('pm-cell-4-driver-managed')).toHaveText(/^ok · PASID \d+$/);
    await expect(ab.getByTestId('pm-row-4')).toHaveAttribute('data-differs', 'false');
  });
});
