import { expect, test } from '../fixtures.ts';

test.describe('embedding the sandbox in another page', () => {
  test('the Share menu gives an iframe of this step, which steps with no editor and links to the full sandbox', async ({
    sandbox,
  }) => {
    const { page } = sandbox;
    await sandbox.open();
    await sandbox.stepTo(2);
    await page.getByTestId('share-menu').click();
    const code = await page.getByTestId('share-embed').inputValue();
    expect(code).toMatch(/^<iframe src="http[^"]+#v1\.[^"]+&amp;cursor=2&amp;embed=1[^"]*"/);
    expect(code).toContain('title="pasid-sandbox: A 2-bit-SSID accelerator (SSIDs 1-3) starved');
    expect(code).toContain('allowfullscreen');
    expect(code).not.toContain('present=1');
    const src = (/src="([^"]+)"/.exec(code)?.[1] ?? '').replace(/&amp;/g, '&');

    // A host page of its own, as a blog post would have it.
    await page.setContent(
      `<h1>Host page</h1><iframe src="${src}" title="embedded sandbox" width="960" height="640"></iframe>`
    );
    const frame = page.frameLocator('iframe[title="embedded sandbox"]');
    await expect(frame.getByTestId('cursor')).toHaveText('2 / 12');
    await expect(frame.getByRole('heading', { level: 1 })).toHaveText(
      'A 2-bit-SSID accelerator (SSIDs 1-3) starved by the global PASID space'
    );
    await expect(frame.getByRole('complementary', { name: 'Topology editor' })).toHaveCount(0);
    await expect(frame.getByRole('complementary', { name: 'Inspector' })).toHaveCount(0);
    await expect(frame.getByTestId('share-menu')).toHaveCount(0);
    await expect(frame.getByTestId('view-pasids')).toBeVisible();

    await frame.getByRole('button', { name: /^Step/ }).click();
    await expect(frame.getByTestId('cursor')).toHaveText('3 / 12');
    await expect(frame.getByTestId('last-step')).toContainText('bind nic0 ← P3');

    const open = frame.getByTestId('embed-open');
    await open.hover();
    const href = (await open.getAttribute('href')) ?? '';
    expect(href).toContain('&cursor=3');
    expect(href).not.toContain('embed=1');
    await expect(open).toHaveAttribute('target', '_blank');
  });

  test('a link with present=1 and embed=1 opens embedded, not in talk mode', async ({ sandbox }) => {
    const { page } = sandbox;
    await sandbox.open();
    await expect.poll(() => new URL(page.url()).hash).toMatch(/^#v1\./);
    const fragment = new URL(page.url()).hash;
    await page.goto('about:blank');
    await page.goto(`/${fragment}&present=1&embed=1`);
    await expect(page.getByTestId('embed-open')).toBeVisible();
    await expect(page.getByTestId('cursor')).toHaveText('0 / 12');
    await expect(page.locator('html')).not.toHaveClass(/is-presenting/);
    await expect(page.getByRole('complementary', { name: 'Topology editor' })).toHaveCount(0);
  });

  test('a broken link with embed=1 shows its diagnostic in the embedded page, and recovers there', async ({
    sandbox,
  }) => {
    const { page } = sandbox;
    await sandbox.open();
    const origin = new URL(page.url()).origin;
    await page.setContent(
      `<iframe src="${origin}/#v1.AAAAnotvalid___xyz&amp;cursor=3&amp;embed=1" title="embedded sandbox" width="400" height="600"></iframe>`
    );
    const frame = page.frameLocator('iframe[title="embedded sandbox"]');
    await expect(frame.getByTestId('link-diagnostic')).toBeVisible();
    await expect(frame.getByTestId('embed-open')).toBeVisible();
    await expect(frame.getByRole('complementary', { name: 'Topology editor' })).toHaveCount(0);
    await frame.getByRole('button', { name: 'Open the RFC-problem scenario instead' }).click();
    await expect(frame.getByTestId('cursor')).toHaveText('0 / 12');
    await expect(frame.getByTestId('embed-open')).toBeVisible();
    await expect(frame.getByRole('complementary', { name: 'Topology editor' })).toHaveCount(0);
  });
});
