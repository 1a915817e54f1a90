import { expect, test } from '../fixtures.ts';
import type { PageSandboxApi } from '../pageGlobals.ts';

declare const window: { __sandbox?: PageSandboxApi };

test.describe('worker recovery', () => {
  test('a worker killed mid-run is restarted and the UI returns to the same step', async ({ sandbox }) => {
    const { page } = sandbox;
    await sandbox.open();
    await sandbox.stepTo(5);
    // The simulation worker (the page also runs the share-link analysis worker).
    const workers = page.workers().filter((w) => w.url().includes('sim.worker'));
    expect(workers).toHaveLength(1);
    // Kill it from outside: the worker stops without any error event reaching the page.
    await workers[0]!.evaluate(() => {
      (globalThis as unknown as { close(): void }).close();
    });
    await sandbox.stepButton.click();
    await expect(sandbox.engineStatus).toHaveText('engine: worker', { timeout: 15_000 });
    await expect(sandbox.cursor).toHaveText('6 / 12', { timeout: 15_000 });
    await expect(sandbox.result(3)).toHaveText('ENOSPC');
    await expect(sandbox.result(4)).toHaveText('ok · PASID 1');
    await expect(sandbox.result(5)).toHaveText('ok');
    await sandbox.stepTo(9);
    await expect(sandbox.result(8)).toHaveText('EOVERFLOW');
  });

  test('a worker that crashes with an error is restarted with interactive steps intact', async ({ sandbox }) => {
    const { page } = sandbox;
    await sandbox.open();
    await sandbox.stepTo(3);
    await sandbox.deviceCard('accel0').click();
    await sandbox.inspector('accel0').getByLabel('Process').selectOption('P1');
    await sandbox.inspector('accel0').getByRole('button', { name: 'Bind', exact: true }).click();
    await expect(sandbox.cursor).toHaveText('4 / 13');
    await page.evaluate(() => window.__sandbox?.crashWorker());
    await expect(sandbox.engineStatus).toHaveText('engine: worker', { timeout: 15_000 });
    await expect(sandbox.cursor).toHaveText('4 / 13');
    await expect(sandbox.result(3)).toHaveText('ok · PASID 1');
    await sandbox.stepTo(5, 13);
    await expect(sandbox.result(4)).toHaveText('ENOSPC');
  });
});
