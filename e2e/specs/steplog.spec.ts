import { expect, test } from '../fixtures.ts';
import type { PageSandboxApi } from '../pageGlobals.ts';

declare const window: { __sandbox?: PageSandboxApi };

const STEPS = 200;

/** 200 steps over 4 devices and 16 processes: long enough that the log scrolls. */
function scenario(): unknown {
  const steps: unknown[] = [];
  for (let i = 0; i < STEPS; i++) {
    const dev = `d${i % 4}`;
    const proc = `p${(i * 7) % 16}`;
    steps.push(
      i % 3 === 2 ? { op: 'dma', dev, pasid: 1 + (i % 5) } : { op: i % 3 === 0 ? 'bind' : 'unbind', dev, proc }
    );
  }
  return {
    format: 'pasid-sandbox/1',
    title: 'Step log',
    iommus: [{ id: 'smmu0', type: 'smmuv3' }],
    devices: Array.from({ length: 4 }, (_, i) => ({ id: `d${i}`, iommu: 'smmu0', pasidBits: 20 })),
    processes: Array.from({ length: 16 }, (_, i) => ({ id: `p${i}` })),
    steps,
  };
}

test.describe('step log', () => {
  test('shows the current step when scrolled to, after moving while it was off screen', async ({ sandbox }) => {
    const { page } = sandbox;
    await sandbox.open();
    expect(await page.evaluate((sc) => window.__sandbox!.load(sc, 'log'), scenario())).toBe(true);
    await expect(sandbox.cursor).toHaveText(`0 / ${STEPS}`);
    // The log is far below the fold (its layout is skipped there): move while it cannot be seen.
    const jump = page.getByTestId('timeline-jump');
    await jump.fill('157');
    await jump.press('Enter');
    await expect(sandbox.cursor).toHaveText(`157 / ${STEPS}`);
    // The current row inside the log's own scroll box (what the log keeps in view; the page's
    // scroll position is the user's business).
    const rowInsideLog = async (): Promise<boolean> => {
      const box = await page.getByLabel('Step log, scrollable').boundingBox();
      const row = await page.locator('[aria-current="step"]').boundingBox();
      return !!box && !!row && row.y >= box.y && row.y + row.height <= box.y + box.height;
    };
    await page.getByRole('region', { name: 'Step log' }).scrollIntoViewIfNeeded();
    await expect(page.locator('[aria-current="step"]')).toContainText('157');
    await expect.poll(rowInsideLog).toBe(true);
    // And it keeps following while on screen (stepping through the driver: the Step button would
    // scroll the page back up to itself).
    await page.evaluate(() => window.__sandbox!.step());
    await expect(page.locator('[aria-current="step"]')).toContainText('158');
    await expect.poll(rowInsideLog).toBe(true);
  });
});
