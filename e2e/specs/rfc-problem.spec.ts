import { expect, test } from '../fixtures.ts';

test.describe('the RFC-problem scenario', () => {
  test('@smoke opens on the RFC problem and steps to ENOSPC and EOVERFLOW with the right PASIDs', async ({
    sandbox,
  }) => {
    await sandbox.open();
    await expect(sandbox.title).toHaveText('A 2-bit-SSID accelerator (SSIDs 1-3) starved by the global PASID space');
    await expect(sandbox.result(0)).toHaveText('pending');

    await sandbox.stepTo(3);
    await expect(sandbox.result(0)).toHaveText('ok · PASID 1');
    await expect(sandbox.result(1)).toHaveText('ok · PASID 2');
    await expect(sandbox.result(2)).toHaveText('ok · PASID 3');

    await sandbox.stepTo(4);
    await expect(sandbox.result(3)).toHaveText('ENOSPC');
    await expect(sandbox.row(3)).toContainText('no free global PASID in [1, 3] for accel0');

    await sandbox.stepTo(9);
    await expect(sandbox.result(4)).toHaveText('ok · PASID 1');
    await expect(sandbox.result(6)).toHaveText('C_BAD_CD');
    await expect(sandbox.result(7)).toHaveText('ok · PASID 4');
    await expect(sandbox.result(8)).toHaveText('EOVERFLOW');
    await expect(sandbox.row(8)).toContainText('P5 already owns PASID 4');

    await sandbox.stepTo(12);
    await expect(sandbox.result(11)).toHaveText('ok · PASID 2');
    await expect(sandbox.page.getByTestId('proc-row-P4')).toContainText('2');
    await expect(sandbox.stepButton).toBeDisabled();
  });

  test('the accel0 bond shows the failure and its errno', async ({ sandbox }) => {
    await sandbox.open();
    await sandbox.stepTo(4);
    await sandbox.deviceCard('accel0').click();
    await expect(sandbox.bond('accel0', 'P4')).toContainText('failed · ENOSPC');
    await sandbox.stepTo(5);
    await expect(sandbox.bond('accel0', 'P1')).toContainText('bound · PASID 1');
    await expect(sandbox.page.getByTestId('device-pasids-accel0')).toHaveText('PASIDs: 1 P1');
  });

  test('Back and Reset rebuild earlier steps', async ({ sandbox }) => {
    await sandbox.open();
    await sandbox.stepTo(5);
    await sandbox.page.getByRole('button', { name: '◀ Back' }).click();
    await expect(sandbox.cursor).toHaveText('4 / 12');
    await expect(sandbox.result(4)).toHaveText('pending');
    await sandbox.page.getByRole('button', { name: 'Go to step 2: bind nic0 ← P2' }).click();
    await expect(sandbox.cursor).toHaveText('2 / 12');
    await sandbox.page.getByRole('button', { name: '|◀ Reset' }).click();
    await expect(sandbox.cursor).toHaveText('0 / 12');
    await sandbox.page.getByRole('button', { name: 'End ▶|' }).click();
    await expect(sandbox.cursor).toHaveText('12 / 12');
  });

  test('an emptied "Go to step" box goes nowhere', async ({ sandbox }) => {
    const { page } = sandbox;
    await sandbox.open();
    await page.getByRole('button', { name: 'End ▶|' }).click();
    await expect(sandbox.cursor).toHaveText('12 / 12');
    const jump = page.getByTestId('timeline-jump');
    await jump.fill('');
    await page.getByRole('button', { name: 'Go', exact: true }).click();
    // Number('') is 0: the box used to send the cursor to step 0. One step back after it shows
    // where the cursor really was (11 from 12; from 0 Back does nothing).
    await page.getByRole('button', { name: '◀ Back' }).click();
    await expect(sandbox.cursor).toHaveText('11 / 12');
    await expect(jump).toHaveJSProperty('validity.valueMissing', true);
    // A number still goes there.
    await jump.fill('5');
    await jump.press('Enter');
    await expect(sandbox.cursor).toHaveText('5 / 12');
  });
});

test.describe('the kernel function under each step', () => {
  test('links the mainline function, and names the RFC one without a link', async ({ sandbox }) => {
    await sandbox.open();
    const next = sandbox.page.getByTestId('next-step').getByTestId('kernel-call');
    const bind = next.getByRole('link', { name: /iommu_sva_bind_device\(\)/ });
    await expect(bind).toHaveAttribute('href', 'https://elixir.bootlin.com/linux/v7.0/A/ident/iommu_sva_bind_device');
    await expect(bind).toHaveAttribute('target', '_blank');
    await expect(next).not.toContainText('attach_pasid_any');

    await sandbox.policy.selectOption('per-device-cap');
    await expect(next).toContainText('iommu_attach_device_pasid_any() (RFC, not in mainline)');
    // iommu_sva_bind_device and iommu_attach_device_pasid are mainline; attach_pasid_any is not.
    await expect(next.getByRole('link')).toHaveCount(2);

    // Step 7 of the scenario is a DMA: the hardware walks its tables, no kernel function.
    await sandbox.stepTo(7);
    const last = sandbox.page.getByTestId('last-step').getByTestId('kernel-call');
    await expect(last).toHaveText('No kernel call: the IOMMU walks STE → CD for the device.');
  });
});

test.describe('why each result, for a library scenario', () => {
  test('shows the expectation and the rules it cites, only under the scenario policy', async ({ sandbox }) => {
    const { page } = sandbox;
    await sandbox.open();
    await sandbox.stepTo(4);
    const why = page.getByTestId('last-step').getByTestId('why');
    const box = page.locator('.narration-box');
    const folded = (await box.boundingBox())?.height ?? 0;
    await why.getByText('Why this result, by the research rules R2, R12, R7').click();
    await expect(why).toContainText('R2: accel0 platform pasid-num-bits 2 → max 4');
    await expect(why.getByRole('definition').first()).toContainText(
      "A device's max_pasids = min(device value, IOMMU value)"
    );
    // Opened, it stays open from step to step; closed again, the narration takes its folded height back.
    await sandbox.stepTo(5);
    await expect(why.getByRole('definition').first()).toBeVisible();
    await sandbox.page.getByRole('button', { name: /Back/ }).click();
    await expect(sandbox.cursor).toHaveText('4 / 12');
    await why.getByText(/^Why this result/).click();
    await expect(why.getByRole('definition').first()).toBeHidden();
    await expect.poll(async () => (await box.boundingBox())?.height ?? 0).toBeLessThanOrEqual(folded + 1);

    await sandbox.policy.selectOption('per-device-cap');
    await sandbox.stepTo(4);
    await expect(page.getByTestId('last-step')).toContainText('bind accel0');
    await expect(page.getByTestId('last-step').getByTestId('why')).toHaveCount(0);
  });
});
