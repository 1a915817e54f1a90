import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures.ts';
import type { PageElement, PageStyle } from '../pageGlobals.ts';
import type { Locator } from '@playwright/test';
import type { SandboxPage } from '../pages/SandboxPage.ts';

// Page globals for the live-region count (the e2e project has no DOM types).
declare const window: { liveChanges: number };
declare function getComputedStyle(el: PageElement): PageStyle;
declare class MutationObserver {
  constructor(callback: (mutations: unknown[]) => void);
  observe(target: unknown, options: { childList: boolean; characterData: boolean; subtree: boolean }): void;
}

/** The colours a pressed (or selected) control is told apart by. */
function colours(el: Locator): Promise<string> {
  return el.evaluate((e) => {
    const s = getComputedStyle(e as unknown as PageElement);
    return `background ${s.backgroundColor}, text ${s.color}`;
  });
}

async function seriousViolations(page: Page): Promise<string[]> {
  // WCAG 2.2 AA (target-size) and axe's best practices, as the audit ran it.
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact}: ${v.id} (${v.nodes.length}) ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(' | ')}`
    );
}

/** Opens the sandbox in `theme`: the main view takes it from the link, edited as a presenter would. */
async function openInTheme(sandbox: SandboxPage, theme: 'light' | 'dark' | 'projector'): Promise<void> {
  const { page } = sandbox;
  await sandbox.open();
  if (theme === 'light') return;
  await expect(page).toHaveURL(/#v1\./);
  await page.goto(`${page.url()}&theme=${theme}`);
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
}

test.describe('accessibility', () => {
  test('axe finds no serious or critical violation on the loaded sandbox', async ({ sandbox }) => {
    await sandbox.open();
    await sandbox.stepTo(4);
    expect(await seriousViolations(sandbox.page)).toEqual([]);
  });

  test('axe finds no serious or critical violation on the embedded page, with its rules open', async ({ sandbox }) => {
    const { page } = sandbox;
    await sandbox.open();
    await sandbox.stepTo(4);
    await expect.poll(() => new URL(page.url()).hash).toContain('&cursor=4');
    const fragment = new URL(page.url()).hash;
    await page.goto('about:blank');
    await page.goto(`/${fragment}&embed=1`);
    await expect(page.getByTestId('embed-open')).toBeVisible();
    await page
      .getByTestId('why')
      .getByText(/^Why this result/)
      .click();
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('axe finds no serious or critical violation with both inspectors and an error open', async ({ sandbox }) => {
    const { page } = sandbox;
    await sandbox.open();
    await sandbox.stepTo(4);
    await sandbox.deviceCard('accel0').click();
    await page.getByRole('button', { name: 'P4', exact: true }).click();
    await sandbox.fileInput.setInputFiles({ name: 'x.json', mimeType: 'application/json', buffer: Buffer.from('{}') });
    await expect(sandbox.notice).toBeVisible();
    await page.getByRole('button', { name: '+ Add device' }).click();
    expect(await seriousViolations(page)).toEqual([]);
  });

  for (const theme of ['light', 'dark', 'projector'] as const) {
    test(`axe finds no serious or critical violation with Policy A/B on, ${theme} theme`, async ({ sandbox }) => {
      const { page } = sandbox;
      await openInTheme(sandbox, theme);
      await sandbox.stepTo(4);
      await page.getByTestId('policy-b-select').selectOption('per-device-cap');
      // Steps after the cursor are "pending" in both columns (a row that will differ says so in words).
      await expect(page.getByTestId('ab-row-5').getByText('pending').first()).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
    });
  }

  for (const theme of ['light', 'dark'] as const) {
    test(`axe finds no serious or critical violation with all four policies compared, ${theme} theme`, async ({
      sandbox,
    }) => {
      const { page } = sandbox;
      await openInTheme(sandbox, theme);
      await sandbox.stepTo(4);
      await page.getByTestId('policy-b-select').selectOption('all');
      // A differing row shown (cells marked "≠" on the warm background) and rows still pending.
      await expect(page.getByTestId('pm-row-3')).toHaveAttribute('data-differs', 'true');
      await expect(page.getByTestId('pm-row-5').getByText('pending').first()).toBeVisible();
      await expect(page.getByTestId('ab-state')).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
    });
  }

  test('each step is announced once, with its result, by one polite live region', async ({ sandbox }) => {
    const { page } = sandbox;
    await sandbox.open();
    const live = page.getByTestId('step-announcement');
    await expect(live).toHaveAttribute('role', 'status');
    // The counter would say "3 / 12" a second time: the announcement already carries it.
    await expect(sandbox.cursor).toHaveAttribute('aria-live', 'off');
    await sandbox.stepTo(3);
    await expect(live).toHaveText('Step 3 of 12: bind nic0 to P3, ok, PASID 3.');

    await sandbox.deviceCard('accel0').click();
    await page.getByTestId('bind-proc').selectOption('P4');
    await page.getByTestId('bind-button').click();
    await expect(sandbox.cursor).toHaveText('4 / 13');
    await expect(live).toHaveText(/^Step 4 of 13: bind accel0 to P4, failed: ENOSPC\. \S/);

    // Renders that change no step (a selection, the speed) leave the region alone: nothing is said again.
    await live.evaluate((el) => {
      window.liveChanges = 0;
      new MutationObserver((m) => (window.liveChanges += m.length)).observe(el, {
        childList: true,
        characterData: true,
        subtree: true,
      });
    });
    await sandbox.deviceCard('nic0').click();
    await expect(sandbox.inspector('nic0')).toBeVisible();
    await page.getByLabel('Speed').selectOption('250');
    await page.getByRole('button', { name: 'P2', exact: true }).click();
    await expect(sandbox.inspector('P2')).toBeVisible();
    await expect.poll(() => page.evaluate(() => window.liveChanges)).toBe(0);
    await sandbox.stepButton.click();
    await expect(live).toHaveText(/^Step 5 of 13: bind accel0 to P4, failed: ENOSPC/);
  });

  test('under forced colours (Windows High Contrast), pressed toggles and legend swatches stay visible', async ({
    sandbox,
  }) => {
    const { page } = sandbox;
    await page.emulateMedia({ forcedColors: 'active' });
    await sandbox.open();
    await sandbox.stepTo(3);
    const viewToggles = page.getByRole('group', { name: 'Show views' });
    const modes = page.getByRole('group', { name: 'PASID spaces: show as' });
    const legend = page.getByRole('list', { name: 'Grid legend' });
    await legend.getByRole('button', { name: 'Select process P1 in every view' }).click();
    await sandbox.deviceCard('nic0').click();
    const actors = page.getByRole('tablist', { name: 'Actor' });
    // Pressed and not pressed siblings; before, the browser drew both black on white.
    for (const [what, pressed, unpressed] of [
      [
        'views',
        viewToggles.getByRole('button', { pressed: true }),
        viewToggles.getByRole('button', { pressed: false }),
      ],
      ['mode', modes.getByRole('button', { pressed: true }), modes.getByRole('button', { pressed: false })],
      ['tab', actors.getByRole('tab', { selected: true }), actors.getByRole('tab', { selected: false })],
      [
        'legend process',
        legend.getByRole('button', { pressed: true }),
        legend.getByRole('button', { pressed: false }).first(),
      ],
    ] as const) {
      await expect(pressed.first(), what).toBeVisible();
      expect(await colours(pressed.first()), `${what}: pressed and not pressed look different`).not.toBe(
        await colours(unpressed.first())
      );
    }
    // The selected device card keeps its own border colour (it is left to the browser: see styles.css).
    const border = (l: Locator) => l.evaluate((e) => getComputedStyle(e as unknown as PageElement).borderTopColor);
    expect(await border(sandbox.deviceCard('nic0'))).not.toBe(await border(sandbox.deviceCard('accel0')));
    // A swatch whose colour is its meaning keeps it, instead of the system's background colour
    // (which the panel around it, white in the author's style, now has).
    const bg = (l: Locator) => l.evaluate((e) => getComputedStyle(e as unknown as PageElement).backgroundColor);
    const canvas = await bg(page.getByTestId('view-pasids'));
    const kernel = legend.getByRole('listitem').filter({ hasText: 'kernel' }).locator('.vz-swatch');
    const p1 = legend.getByRole('button', { name: 'Select process P1 in every view' }).locator('.vz-swatch');
    expect(await bg(kernel)).toBe('rgb(31, 41, 55)');
    expect(await bg(p1)).not.toBe(canvas);
    expect(await bg(p1)).not.toBe(await bg(kernel));
  });
});
