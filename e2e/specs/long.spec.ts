import { expect, test } from '../fixtures.ts';
import type { PageSandboxApi } from '../pageGlobals.ts';

declare const window: { __sandbox?: PageSandboxApi };

const STEPS = 30_000;
const DEVICES = 32;
const PROCS = 256;

/** A long random scenario: binds, unbinds and DMA over 32 devices and 256 processes (valid by construction). */
function longScenario(): unknown {
  let seed = 0x5eed;
  const next = (): number => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return seed / 2 ** 32;
  };
  const int = (n: number): number => Math.floor(next() * n);
  const steps: unknown[] = [];
  for (let i = 0; i < STEPS; i++) {
    const r = next();
    const dev = `d${int(DEVICES)}`;
    const proc = `p${int(PROCS)}`;
    if (r < 0.45) steps.push({ op: 'bind', dev, proc });
    else if (r < 0.8) steps.push({ op: 'unbind', dev, proc });
    else steps.push({ op: 'dma', dev, pasid: 1 + int(8) });
  }
  return {
    format: 'pasid-sandbox/1',
    title: 'Long scenario',
    iommus: [
      { id: 'smmu0', type: 'smmuv3' },
      { id: 'dmar0', type: 'vtd' },
    ],
    devices: Array.from({ length: DEVICES }, (_, i) => ({
      id: `d${i}`,
      iommu: i % 2 === 0 ? 'smmu0' : 'dmar0',
      pasidBits: i % 8 === 0 ? 2 : 20,
      ats: true,
    })),
    processes: Array.from({ length: PROCS }, (_, i) => ({ id: `p${i}` })),
    steps,
  };
}

test.describe('long scenarios', () => {
  test('jumps back and forth in a 30,000-step scenario without losing the page', async ({ sandbox }) => {
    test.setTimeout(120_000);
    const { page } = sandbox;
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    let crashed = false;
    page.on('crash', () => {
      crashed = true;
    });
    await sandbox.open();
    expect(await page.evaluate((sc) => window.__sandbox!.load(sc, 'long'), longScenario())).toBe(true);
    await expect(sandbox.cursor).toHaveText(`0 / ${STEPS}`, { timeout: 30_000 });
    const jump = page.getByTestId('timeline-jump');
    const go = async (n: number, timeout: number): Promise<void> => {
      await jump.fill(String(n));
      await jump.press('Enter');
      await expect(sandbox.cursor).toHaveText(`${n} / ${STEPS}`, { timeout });
    };
    // The first pass computes every step; later jumps restore checkpoints.
    await go(25_000, 60_000);
    await go(2_000, 10_000);
    await go(29_999, 10_000);
    await go(12_345, 10_000);
    // Step back once and forward once with the buttons: still the same page, still responsive.
    await page.getByRole('button', { name: /Back/ }).click();
    await expect(sandbox.cursor).toHaveText(`12344 / ${STEPS}`);
    await sandbox.stepButton.click();
    await expect(sandbox.cursor).toHaveText(`12345 / ${STEPS}`);
    // The counter's fixed box fits five-digit counts whole: "12345 / 30000" on one line, not
    // wrapped with its total clipped below the box.
    const count = sandbox.cursor.locator('.cursor-count');
    type Box = { scrollWidth: number; clientWidth: number; scrollHeight: number; clientHeight: number };
    const fits = await count.evaluate((el) => {
      const b = el as unknown as Box; // the callback runs in the page: everything it uses is inside it
      return [b.scrollWidth <= b.clientWidth, b.scrollHeight <= b.clientHeight];
    });
    expect(fits).toEqual([true, true]);
    // The step log shows the current step, with its result.
    await expect(page.locator('[aria-current="step"]')).toContainText('12345');
    expect(crashed).toBe(false);
    expect(errors).toEqual([]);
  });
});
