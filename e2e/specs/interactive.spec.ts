import { expect, test } from '../fixtures.ts';

test.describe('click-through actions', () => {
  test('bind and unbind from the device inspector, with kernel results in the log', async ({ sandbox }) => {
    const { page } = sandbox;
    await sandbox.open();
    await sandbox.stepTo(3);
    await sandbox.deviceCard('accel0').click();
    const inspector = sandbox.inspector('accel0');

    await inspector.getByLabel('Process').selectOption('P4');
    await inspector.getByRole('button', { name: 'Bind', exact: true }).click();
    await expect(sandbox.bond('accel0', 'P4')).toContainText('failed · ENOSPC');
    await expect(sandbox.bond('accel0', 'P4')).toContainText('no free global PASID in [1, 3] for accel0');
    // The action became step 4 of the scenario, inserted at the cursor.
    await expect(sandbox.cursor).toHaveText('4 / 13');
    await expect(sandbox.result(3)).toHaveText('ENOSPC');

    // Unbind of a bond that does not exist is disabled, with the reason.
    const unbind = sandbox.bond('accel0', 'P4').getByRole('button', { name: 'Unbind' });
    await expect(unbind).toHaveCount(0);
    await sandbox.bond('accel0', 'P4').getByRole('button', { name: 'Dismiss' }).click();
    await expect(sandbox.bond('accel0', 'P4')).toContainText('unbound');

    await inspector.getByLabel('Process').selectOption('P1');
    await inspector.getByRole('button', { name: 'Bind', exact: true }).click();
    await expect(sandbox.bond('accel0', 'P1')).toContainText('bound · PASID 1');
    await expect(page.getByTestId('device-pasids-accel0')).toHaveText('PASIDs: 1 P1');

    await sandbox.bond('accel0', 'P1').getByRole('button', { name: 'Unbind' }).click();
    await expect(sandbox.bond('accel0', 'P1')).toContainText('unbound');
    await expect(page.getByTestId('device-pasids-accel0')).toHaveText('no PASIDs attached');
    await expect(sandbox.cursor).toHaveText('6 / 15');
  });

  test('exit a process, issue DMA, and see the guards follow the kernel', async ({ sandbox }) => {
    const { page } = sandbox;
    await sandbox.open();
    await sandbox.stepTo(1);
    await page.getByRole('button', { name: 'P1', exact: true }).click();
    const proc = sandbox.inspector('P1');
    await expect(proc.getByTestId('enqcmd-pasid')).toHaveText('1');
    await proc.getByRole('button', { name: 'Exit' }).click();
    await expect(sandbox.result(1)).toHaveText('ok');
    await expect(proc).toContainText('exited, mm pinned by SVA domains');
    await expect(proc.getByRole('button', { name: 'Exit' })).toBeDisabled();
    await expect(proc).toContainText('P1 has exited: there is no mm to use');

    await sandbox.deviceCard('nic0').click();
    const dev = sandbox.inspector('nic0');
    await dev.getByLabel('DMA PASID (blank = no PASID)').fill('1');
    await dev.getByRole('button', { name: 'Issue DMA' }).click();
    await expect(sandbox.row(2)).toContainText('dma nic0 pasid 1');
    await expect(dev.getByTestId('last-action')).toContainText('dma nic0 pasid 1');
  });

  test('reset gating disables attaches until reset_done', async ({ sandbox }) => {
    await sandbox.open();
    await sandbox.deviceCard('nic0').click();
    const dev = sandbox.inspector('nic0');
    await dev.getByRole('button', { name: 'reset_prepare' }).click();
    await expect(dev).toContainText('RID: resetting');
    await expect(dev.getByRole('button', { name: 'attach_pasid', exact: true })).toBeDisabled();
    await expect(dev).toContainText('is in reset recovery');
    await dev.getByRole('button', { name: 'reset_done' }).click();
    await expect(dev).toContainText('RID: default (DMA)');
    await expect(dev.getByRole('button', { name: 'attach_pasid', exact: true })).toBeEnabled();
  });

  test('topology editor adds a device and refuses an edit that breaks a step', async ({ sandbox }) => {
    const { page } = sandbox;
    await sandbox.open();
    await sandbox.stepTo(2);
    await page.getByRole('button', { name: '+ Add device' }).click();
    const form = page.getByRole('form', { name: 'Add device' });
    await form.getByLabel('Device id').fill('dsa0');
    await form.getByLabel('PASID bits (blank = no PASID)').fill('8');
    await form.getByRole('button', { name: 'Add' }).click();
    await expect(sandbox.deviceCard('dsa0')).toBeVisible();
    await expect(sandbox.cursor).toHaveText('2 / 12');

    await page.getByRole('button', { name: 'Remove accel0' }).click();
    await expect(sandbox.notice).toContainText(
      'accel0 is used by steps 4, 5, 6, 7, 9, 12: remove or change those steps first'
    );
    await expect(sandbox.deviceCard('accel0')).toBeVisible();
    await expect(sandbox.cursor).toHaveText('2 / 12');
    await page.getByRole('button', { name: 'Remove P1' }).click();
    await expect(sandbox.notice).toContainText('P1 is used by steps 1, 5: remove or change those steps first');
    await expect(page.getByRole('button', { name: 'Edit P1' })).toBeVisible();
  });

  test('a step that would clash with a later step is refused with the reason, and nothing changes', async ({
    sandbox,
  }) => {
    const { page } = sandbox;
    await sandbox.open('rid-detach', 14);
    // rid-detach allocates domain u1 at a later step: a second u1 before it would make the scenario invalid.
    await page.getByLabel('Domain id').fill('u1');
    await page.getByRole('button', { name: 'domain_alloc', exact: true }).click();
    await expect(sandbox.notice).toContainText(
      'domain_alloc cannot be added at step 1: step 2 allocates a domain named "u1" too: choose another id'
    );
    await expect(sandbox.cursor).toHaveText('0 / 14');
    await sandbox.stepTo(1, 14);
  });

  test('attach_dev offers only domains a step can name: none before a domain_alloc, then the one allocated', async ({
    sandbox,
  }) => {
    const { page } = sandbox;
    await sandbox.open();
    await page.getByRole('button', { name: 'Select accel0' }).click();
    const inspector = sandbox.inspector('accel0');
    const attach = inspector.getByRole('button', { name: 'attach_dev', exact: true });
    const pasidDomains = inspector
      .getByRole('region', { name: 'PASID attach' })
      .getByRole('combobox')
      .first()
      .locator('option');
    // The kernel's own domains (blocked:smmuv3, identity:vtd, default:grp:nic0) are not step ids.
    await expect(inspector.getByLabel('Domain to attach').locator('option')).toHaveCount(0);
    await expect(attach).toBeDisabled();
    await expect(inspector).toContainText('allocate a domain on smmu0 first (domain_alloc)');
    await expect(pasidDomains).toHaveText(['default (DMA-API domain)']);

    await page.getByLabel('Domain id').fill('u1');
    await page.getByRole('button', { name: 'domain_alloc', exact: true }).click();
    await expect(sandbox.cursor).toHaveText('1 / 13');
    await expect(inspector.getByLabel('Domain to attach').locator('option')).toHaveText(['u1']);
    await expect(pasidDomains).toHaveText(['default (DMA-API domain)', 'u1']);
    await attach.click();
    await expect(sandbox.cursor).toHaveText('2 / 14');
    await expect(inspector.getByTestId('last-action')).toContainText('attach_dev accel0 u1');
    await expect(sandbox.result(1)).toHaveText('ok');
    await expect(inspector.getByRole('alert')).toHaveCount(0);

    // Back to the default domain: the step names it "default", not default:grp:accel0.
    await inspector.getByRole('button', { name: 'detach_dev', exact: true }).click();
    await expect(sandbox.cursor).toHaveText('3 / 15');
    await expect(sandbox.result(2)).toHaveText('ok');
    await inspector.getByRole('button', { name: 'detach_dev', exact: true }).click();
    await expect(sandbox.cursor).toHaveText('4 / 16');
    await expect(inspector.getByTestId('last-action')).toContainText('detach_dev accel0 default');
    await expect(inspector.getByRole('alert')).toHaveCount(0);
  });
});
