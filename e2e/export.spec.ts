/**
 * Export: PNG and SVG of the current step carry the share link (tEXt chunk / <metadata>), so the
 * image reopens the same step when opened or dropped on the sandbox; the text table is the
 * fixed-width trace for a mailing-list reply.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { readLink } from '../src/share/link.ts';
import { extractPngText } from '../src/share/png.ts';
import { extractSvgLink } from '../src/share/svg.ts';
import { golden, withSettings } from './fixtures/linkHelpers.ts';

declare const DataTransfer: new () => { items: { add(file: unknown): void } };

const g = golden.links[0]!;

async function exportFile(page: Page, kind: 'png' | 'svg' | 'text' | 'json'): Promise<{ name: string; bytes: Buffer }> {
  await page.getByTestId('export-menu').click();
  const download = page.waitForEvent('download');
  await page.getByTestId(`export-${kind}`).click();
  const d = await download;
  return { name: d.suggestedFilename(), bytes: readFileSync(await d.path()) };
}

async function openAt(page: Page, cursor: number): Promise<void> {
  await page.goto(`/?e2e#${withSettings(g, { cursor })}`);
  await expect(page.getByTestId('cursor')).toHaveText(`${cursor} / ${g.length}`);
}

test.describe('export', () => {
  test('a PNG carries its link and reopens the same step', async ({ page, context }) => {
    await openAt(page, 5);
    const png = await exportFile(page, 'png');
    expect(png.name).toMatch(/-step-5\.png$/);
    expect([...png.bytes.subarray(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
    const fragment = extractPngText(new Uint8Array(png.bytes));
    const read = readLink(fragment ?? '');
    expect(read.kind === 'link' ? read.link.cursor : null).toBe(5);

    const other = await context.newPage();
    await other.goto('/?e2e&scenario=dsa-iaa');
    await expect(other.getByTestId('cursor')).toHaveText('0 / 8');
    await other.getByTestId('file-input').setInputFiles({ name: png.name, mimeType: 'image/png', buffer: png.bytes });
    await expect(other.getByTestId('cursor')).toHaveText(`5 / ${g.length}`);
    await expect(other.getByTestId('scenario-title')).toHaveText(
      'A 2-SSID accelerator starved by the global PASID space'
    );
  });

  test('under another policy the picture marks the note as written for the scenario’s policy', async ({ page }) => {
    await openAt(page, 5);
    await page.getByLabel('Kernel policy').selectOption('per-device-cap');
    await expect(page.getByTestId('step-result-4')).toContainText('EBUSY');
    const text = (await exportFile(page, 'svg')).bytes.toString('utf8');
    expect(text).toContain('>Policy per-device-cap<');
    expect(text).toContain('>Written for the global policy: P1 already owns PASID 1');
  });

  test('a picture shows policy B beside A, and with all four policies the running one, its link keeping the comparison', async ({
    page,
  }) => {
    await page.goto(`/?e2e#${withSettings(g, { cursor: 4, policyB: 'per-device-cap' })}`);
    await expect(page.getByTestId('ab-summary')).toContainText('4 of 12 steps differ');
    const ab = (await exportFile(page, 'svg')).bytes.toString('utf8');
    expect(ab).toContain('>Policy global<');
    expect(ab).toContain('>Policy per-device-cap<');

    await page.getByTestId('policy-b-select').selectOption('all');
    await expect(page.getByTestId('pm-summary')).toContainText('4 of 12 steps differ');
    const all = (await exportFile(page, 'svg')).bytes.toString('utf8');
    expect(all).toContain('Step 4 of 12');
    expect(all).toContain('>Policy global<');
    expect(all).not.toContain('>Policy per-device-cap<');
    const read = readLink(extractSvgLink(all) ?? '');
    expect(read.kind === 'link' ? [read.link.cursor, read.link.policyB] : read).toEqual([4, 'all']);
  });

  test('an SVG carries its link and reopens the same step when dropped', async ({ page, context }) => {
    await openAt(page, 9);
    const svg = await exportFile(page, 'svg');
    const text = svg.bytes.toString('utf8');
    expect(text).toMatch(/^<\?xml[^>]*>\n<svg /);
    expect(text).toContain('<metadata id="pasid-sandbox-link">');
    expect(text).toContain('Step 9 of 12');
    expect(text).toContain('>bind accel0 ← P5<'); // the step as the screen writes it
    const read = readLink(extractSvgLink(text) ?? '');
    expect(read.kind === 'link' ? read.link.cursor : null).toBe(9);

    const other = await context.newPage();
    await other.goto('/?e2e&scenario=dsa-iaa');
    await expect(other.getByTestId('cursor')).toHaveText('0 / 8');
    const dt = await other.evaluateHandle((body) => {
      const data = new DataTransfer();
      data.items.add(new File([body], 'slide.svg', { type: 'image/svg+xml' }));
      return data;
    }, text);
    await other.dispatchEvent('.app', 'drop', { dataTransfer: dt });
    await expect(other.getByTestId('cursor')).toHaveText(`9 / ${g.length}`);
  });

  test('an image without a scenario is refused with a notice', async ({ page }) => {
    await openAt(page, 2);
    const icon = readFileSync(new URL('../public/icons/icon-192.png', import.meta.url));
    await page.getByTestId('file-input').setInputFiles({ name: 'icon.png', mimeType: 'image/png', buffer: icon });
    await expect(page.getByTestId('notice')).toContainText('icon.png: this PNG carries no pasid-sandbox scenario');
    await expect(page.getByTestId('cursor')).toHaveText(`2 / ${g.length}`);
  });

  test('the text table is fixed-width and ends with the replay link', async ({ page }) => {
    await openAt(page, 4);
    const txt = (await exportFile(page, 'text')).bytes.toString('utf8');
    const lines = txt.split('\n');
    expect(lines[0]).toBe('A 2-SSID accelerator starved by the global PASID space (policy global), steps 1-4 of 12');
    expect(lines[2]).toMatch(/^i {2}op {4}args +result {2}pasid$/);
    expect(lines[4]).toMatch(/^0 {2}bind {2}dev=nic0 proc=P1 +ok +1$/);
    expect(lines[7]).toMatch(/^3 {2}bind {2}dev=accel0 proc=P4 +ENOSPC +-$/);
    expect(txt).toMatch(/\nReplay: http:\/\/[^\s]+#v1\.[^\s]+&cursor=4/);
    for (const l of lines) expect(l).not.toMatch(/[ \t]$/);
  });

  test('the share panel shows the link for this step and its length', async ({ page }) => {
    await openAt(page, 3);
    // The panel shows the link as it is when opened, and the drift token comes from the analysis
    // worker, which may still be running. The address bar cannot tell (the opened link carries a
    // token already): reopen the panel until its link has one.
    let url = '';
    await expect(async () => {
      await page.getByTestId('share-menu').click();
      url = await page.getByTestId('share-url').inputValue();
      if (!/&hash=/.test(url)) await page.keyboard.press('Escape');
      expect(url).toMatch(/&hash=[0-9a-f]{16}-/);
    }).toPass();
    expect(url).toMatch(/#v1\..+&cursor=3&hash=[0-9a-f]{16}-[A-Za-z0-9_-]+$/);
    await expect(page.getByTestId('share-length')).toContainText(`${url.length.toLocaleString('en')} characters`);
    await expect(page.getByTestId('share-text')).toHaveValue(/^A 2-SSID accelerator/);
  });
});
