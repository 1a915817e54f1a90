/**
 * Page object for the sandbox: role and test-id locators plus the few multi-step moves the
 * specs share. Assertions stay in the specs (web-first `expect(locator)`).
 */
import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

export class SandboxPage {
  readonly page: Page;
  readonly cursor: Locator;
  readonly stepButton: Locator;
  readonly policy: Locator;
  readonly title: Locator;
  readonly notice: Locator;
  readonly fileInput: Locator;
  readonly engineStatus: Locator;

  constructor(page: Page) {
    this.page = page;
    this.cursor = page.getByTestId('cursor');
    this.stepButton = page.getByRole('button', { name: 'Step ▶' });
    this.policy = page.getByLabel('Kernel policy');
    this.title = page.getByTestId('scenario-title');
    this.notice = page.getByTestId('notice');
    this.fileInput = page.getByTestId('file-input');
    this.engineStatus = page.getByTestId('engine-status');
  }

  /** Opens the sandbox (test hooks on) and waits for the RFC-problem scenario, or `scenario`. */
  async open(scenario?: string, steps = 12): Promise<void> {
    await this.page.goto(scenario ? `/?e2e&scenario=${scenario}` : '/?e2e');
    await expect(this.cursor).toHaveText(`0 / ${steps}`);
    await expect(this.engineStatus).toHaveText('engine: worker');
    // The test driver (window.__sandbox) is a lazily loaded module: wait for it too.
    await this.page.waitForFunction(() => (globalThis as { __sandbox?: unknown }).__sandbox !== undefined);
  }

  /** The result cell of step `i` (0-based). */
  result(i: number): Locator {
    return this.page.getByTestId(`step-result-${i}`);
  }

  /** The kernel message cell of step `i`. */
  row(i: number): Locator {
    return this.page.getByTestId(`step-row-${i}`);
  }

  /** Clicks Step until `cursor` steps are applied, checking each move. */
  async stepTo(cursor: number, total = 12): Promise<void> {
    const now = Number((await this.cursor.textContent())?.split('/')[0]?.trim() ?? '0');
    for (let c = now + 1; c <= cursor; c++) {
      await this.stepButton.click();
      await expect(this.cursor).toHaveText(`${c} / ${total}`);
    }
  }

  deviceCard(id: string): Locator {
    return this.page.getByTestId(`device-card-${id}`);
  }

  inspector(id: string): Locator {
    return this.page.getByTestId(`inspector-${id}`);
  }

  bond(dev: string, proc: string): Locator {
    return this.page.getByTestId(`bond-${dev}-${proc}`);
  }
}
