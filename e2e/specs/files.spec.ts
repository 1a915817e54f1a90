import { readFileSync } from 'node:fs';
import { expect, test } from '../fixtures.ts';
import type { PageSandboxApi } from '../pageGlobals.ts';

declare const window: { __sandbox?: PageSandboxApi };
declare const location: { hash: string };
declare const history: { length: number };

const RFC_TITLE = 'A 2-bit-SSID accelerator (SSIDs 1-3) starved by the global PASID space';
const DMA_TITLE = 'DMA ownership is refused while PASIDs are attached';

const rfc = JSON.parse(readFileSync(new URL('../../public/scenarios/rfc-problem.json', import.meta.url), 'utf8')) as {
  steps: { op: string; dev?: string }[];
};

test.describe('scenario files', () => {
  test('a malformed file shows the parser error and leaves the current scenario intact', async ({ sandbox }) => {
    await sandbox.open();
    await sandbox.stepTo(4);
    const broken = structuredClone(rfc);
    broken.steps[3] = { ...broken.steps[3]!, dev: 'acel0' };
    await sandbox.fileInput.setInputFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(broken)),
    });
    await expect(sandbox.notice).toHaveText(/broken\.json: steps\[3\]\.dev: unknown device "acel0"/);
    await expect(sandbox.title).toHaveText('A 2-bit-SSID accelerator (SSIDs 1-3) starved by the global PASID space');
    await expect(sandbox.cursor).toHaveText('4 / 12');
    await expect(sandbox.result(3)).toHaveText('ENOSPC');

    await sandbox.fileInput.setInputFiles({
      name: 'not.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{ "format": '),
    });
    await expect(sandbox.notice).toContainText('not.json: (json): not valid JSON');
    await expect(sandbox.cursor).toHaveText('4 / 12');
  });

  test('a bundled scenario that does not exist is named as such, once', async ({ page }) => {
    await page.goto('/?e2e&scenario=no-such-scenario');
    await expect(page.getByTestId('notice')).toHaveText(/no-such-scenario\.json: no such bundled scenario/);
    await page.goto('/?e2e&scenario=../x');
    await expect(page.getByTestId('notice')).toHaveText(/(?<!\.json: )\.\.\/x\.json: not a scenario file name/);
  });

  test('a scenario whose link outgrows the address bar says so once', async ({ sandbox }) => {
    await sandbox.open();
    // 400 steps with 2,000-character notes of random letters: a link of ~1 MB, far over the
    // 256 KB the address bar keeps, and well under the codec's 8 MiB bound.
    let seed = 7;
    const letter = (): string => String.fromCharCode(97 + ((seed = (seed * 48271) % 2147483647) % 26));
    const note = (): string => Array.from({ length: 2000 }, letter).join('');
    const big = {
      format: 'pasid-sandbox/1',
      title: 'Long notes',
      iommus: [{ id: 'smmu0', type: 'smmuv3' }],
      devices: [{ id: 'nic0', iommu: 'smmu0', pasidBits: 20 }],
      processes: [{ id: 'P1' }],
      steps: Array.from({ length: 400 }, () => ({ op: 'dma', dev: 'nic0', note: note() })),
    };
    // The opened link gains its drift token (&hash=) once its replay is done: wait for that last
    // address write, or it could land after `before` is read and look like a write for the big one.
    await expect.poll(() => sandbox.page.evaluate(() => location.hash)).toContain('&hash=');
    const before = await sandbox.page.evaluate(() => location.hash);
    await sandbox.page.evaluate((sc) => window.__sandbox!.load(sc, 'big'), big);
    await expect(sandbox.title).toHaveText('Long notes');
    await expect(sandbox.notice).toContainText('The address bar no longer follows this scenario: its link is');
    await expect(sandbox.notice).toContainText('a reload reopens the last link it holds');
    expect(await sandbox.page.evaluate(() => location.hash)).toBe(before);
    await sandbox.notice.getByRole('button', { name: 'Dismiss' }).click();
    await sandbox.stepTo(2, 400);
    await expect(sandbox.notice).toHaveCount(0);
  });

  test('a valid file replaces the scenario', async ({ sandbox }) => {
    await sandbox.open();
    const mine = { ...structuredClone(rfc), title: 'My copy', steps: rfc.steps.slice(0, 2) };
    await sandbox.fileInput.setInputFiles({
      name: 'mine.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(mine)),
    });
    await expect(sandbox.title).toHaveText('My copy');
    await expect(sandbox.cursor).toHaveText('0 / 2');
  });

  test('the bundled list comes from index.json and opens another scenario', async ({ sandbox }) => {
    await sandbox.open();
    const picker = sandbox.page.getByTestId('scenario-picker');
    await expect(picker.locator('option')).not.toHaveCount(0);
    await picker.selectOption('dma-ownership.json');
    await sandbox.page.getByRole('button', { name: 'Open the chosen scenario' }).click();
    await expect(sandbox.title).toHaveText('DMA ownership is refused while PASIDs are attached');
  });

  test('Back right after Open returns to the replaced scenario, Forward to the opened one; the later address write adds no entry', async ({
    sandbox,
  }) => {
    const { page } = sandbox;
    await sandbox.open();
    await sandbox.stepTo(1);
    await expect(page).toHaveURL(/&cursor=1&hash=/);
    const entries = await page.evaluate(() => history.length);
    // A step right before Open: Open writes it into the replaced scenario's entry first.
    await sandbox.stepTo(2);
    await page.getByTestId('scenario-picker').selectOption('dma-ownership.json');
    await page.getByRole('button', { name: 'Open the chosen scenario' }).click();
    await expect(sandbox.title).toHaveText(DMA_TITLE);
    // At once: the address bar's own write of the opened scenario comes up to a second later.
    await page.goBack();
    await expect(sandbox.title).toHaveText(RFC_TITLE);
    await expect(sandbox.cursor).toHaveText('2 / 12');
    await page.goForward();
    await expect(sandbox.title).toHaveText(DMA_TITLE);
    await expect(sandbox.cursor).toHaveText('0 / 13');
    // Once the opened scenario's link (with its drift token) is written, it replaced its entry.
    await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/&cursor=0&hash=/);
    expect(await page.evaluate(() => history.length)).toBe(entries + 1);
    await page.goBack();
    await expect(sandbox.title).toHaveText(RFC_TITLE);
    await expect(sandbox.cursor).toHaveText('2 / 12');
  });

  test('export downloads the current scenario with interactive steps and the selected policy', async ({ sandbox }) => {
    const { page } = sandbox;
    await sandbox.open();
    await sandbox.stepTo(1);
    await page.getByRole('button', { name: 'P2', exact: true }).click();
    await sandbox.inspector('P2').getByRole('button', { name: 'Exit' }).click();
    await expect(sandbox.cursor).toHaveText('2 / 13');
    await sandbox.policy.selectOption('arch-gated');
    await expect(sandbox.cursor).toHaveText('2 / 13');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export JSON' }).click();
    const file = await download;
    const json = JSON.parse(readFileSync(await file.path(), 'utf8')) as { policy: string; steps: { op: string }[] };
    expect(json.policy).toBe('arch-gated');
    expect(json.steps[1]).toEqual({ op: 'exit', proc: 'P2' });
    expect(json.steps).toHaveLength(13);
  });
});
