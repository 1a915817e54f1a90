import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures.ts';

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
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

test.describe('accessibility', () => {
  test('axe finds no serious or critical violation on the loaded sandbox', async ({ sandbox }) => {
    await sandbox.open();
    await sandbox.stepTo(4);
    expect(await seriousViolations(sandbox.page)).toEqual([]);
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
});
