/**
 * Ids are free strings (spec §1): a device, group, process or IOMMU may be called "toString" or
 * "__proto__". Such a scenario must open, step and show every view like any other; it used to
 * blank the page (a device actor looked up in a plain object found Object.prototype's function).
 */
import { expect, test } from '../fixtures.ts';
import { ViewsPage } from '../pages/ViewsPage.ts';
import type { PageSandboxApi } from '../pageGlobals.ts';

declare const window: { __sandbox?: PageSandboxApi };

const scenario = {
  format: 'pasid-sandbox/1',
  title: 'Ids named after Object.prototype',
  arch: 'x86',
  iommus: [
    { id: 'constructor', type: 'smmuv3' },
    { id: 'valueOf', type: 'vtd' },
  ],
  devices: [
    { id: 'toString', iommu: 'constructor', pasidBits: 20, group: 'hasOwnProperty' },
    { id: '__proto__', iommu: 'constructor', bus: 'platform', pasidBits: 2, group: '__proto__' },
    { id: 'isPrototypeOf', iommu: 'valueOf', pasidBits: 20, enqcmd: true, ats: true, group: 'toString' },
  ],
  processes: [{ id: 'toString' }, { id: '__proto__' }, { id: 'constructor', threads: 2 }],
  steps: [
    { op: 'bind', dev: 'toString', proc: '__proto__' },
    { op: 'bind', dev: '__proto__', proc: 'toString' },
    { op: 'bind', dev: 'isPrototypeOf', proc: 'constructor' },
    { op: 'enqcmd', proc: 'constructor', dev: 'isPrototypeOf', thread: 1 },
    { op: 'dma', dev: 'toString', pasid: 1 },
    { op: 'domain_alloc', id: 'valueOf', iommu: 'constructor', type: 'paging', pasid: true },
    { op: 'attach_pasid', dev: 'toString', domain: 'valueOf', pasid: 7 },
    { op: 'fork', proc: 'toString', child: 'propertyIsEnumerable' },
    { op: 'bind', dev: 'toString', proc: 'propertyIsEnumerable' },
    { op: 'unbind', dev: 'toString', proc: '__proto__' },
    { op: 'exit', proc: 'toString' },
    { op: 'detach_pasid', dev: 'toString', pasid: 7 },
  ],
};

test.use({ reducedMotion: 'reduce' });

test('a scenario whose ids are Object.prototype names opens, steps and shows every view', async ({ sandbox }) => {
  const errors: string[] = [];
  sandbox.page.on('pageerror', (e) => errors.push(e.message));
  await sandbox.open();
  const loaded = await sandbox.page.evaluate((sc) => window.__sandbox!.load(sc, 'hostile-ids'), scenario);
  expect(loaded).toBe(true);
  await expect(sandbox.title).toHaveText('Ids named after Object.prototype');
  await expect(sandbox.cursor).toHaveText('0 / 12');
  for (const id of ['toString', '__proto__', 'isPrototypeOf']) {
    await sandbox.deviceCard(id).click();
    await expect(sandbox.inspector(id)).toBeVisible();
  }
  await sandbox.stepTo(12, 12);
  await expect(sandbox.result(3)).toContainText('ok');
  const views = new ViewsPage(sandbox.page);
  for (const view of [views.pasids, views.smmu, views.vtd, views.bindings, views.queues, views.chart]) {
    await views.show(view);
    await expect(view).toBeVisible();
  }
  await views.seekTo(3, 12);
  await views.stepTo(5, 12);
  await expect(sandbox.title).toHaveText('Ids named after Object.prototype');
  expect(errors).toStrictEqual([]);
});
