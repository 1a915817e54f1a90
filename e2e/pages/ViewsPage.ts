/**
 * Page object for the live views (PASID spaces, SMMUv3 / VT-d tables, bindings, queues,
 * statechart): test-id and role locators only; assertions stay in the specs.
 */
import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import type { PageSandboxApi } from '../pageGlobals.ts';

declare const window: { __sandbox?: PageSandboxApi };

export class ViewsPage {
  readonly page: Page;
  readonly pasids: Locator;
  readonly smmu: Locator;
  readonly vtd: Locator;
  readonly bindings: Locator;
  readonly queues: Locator;
  readonly chart: Locator;

  constructor(page: Page) {
    this.page = page;
    this.pasids = page.getByTestId('view-pasids');
    this.smmu = page.getByTestId('view-smmu');
    this.vtd = page.getByTestId('view-vtd');
    this.bindings = page.getByTestId('view-bindings');
    this.queues = page.getByTestId('view-queues');
    this.chart = page.getByTestId('view-statechart');
  }

  /**
   * Steps through the test driver until `cursor` steps are applied. Unlike the Step button this
   * does not scroll the page, so the view being watched stays on screen (off-screen views skip
   * their per-step work until they are scrolled back).
   */
  async stepTo(cursor: number, total: number): Promise<void> {
    const counter = this.page.getByTestId('cursor');
    const now = Number((await counter.textContent())?.split('/')[0]?.trim() ?? '0');
    for (let c = now + 1; c <= cursor; c++) {
      await this.page.evaluate(() => window.__sandbox?.step());
      await expect(counter).toHaveText(`${c} / ${total}`);
    }
  }

  /** Moves the cursor to `cursor` in one move (back, or a jump), as the step log's links do. */
  async seekTo(cursor: number, total: number): Promise<void> {
    await this.page.evaluate((c) => window.__sandbox?.seek(c), cursor);
    await expect(this.page.getByTestId('cursor')).toHaveText(`${cursor} / ${total}`);
  }

  /** Scrolls a view into view (where it keeps itself up to date). */
  async show(view: Locator): Promise<void> {
    await view.scrollIntoViewIfNeeded();
  }

  /** Scrolls the page so that a view sits just above the window: off screen, 20 px away. */
  async justAbove(view: Locator): Promise<void> {
    await view.evaluate((el) => {
      type Scrollable = {
        scrollIntoView(o: { block: string }): void;
        getBoundingClientRect(): { bottom: number };
        ownerDocument: { defaultView: { scrollBy(x: number, y: number): void } };
      };
      const e = el as unknown as Scrollable;
      e.scrollIntoView({ block: 'start' });
      // From where scrollIntoView left it (below the sticky playback bar, not at the very top).
      e.ownerDocument.defaultView.scrollBy(0, e.getBoundingClientRect().bottom + 20);
    });
  }

  /** Switches a view (by its test id, e.g. "view-smmu") to its table or diagram mode. */
  async mode(view: Locator, mode: 'table' | 'diagram'): Promise<void> {
    const id = await view.getAttribute('data-testid');
    const button = this.page.getByTestId(`${id}-mode-${mode}`);
    await button.click();
    // A click lost to a moving view (views above grew under it before readingView.ts anchored the
    // one being read) fails here, by name, rather than in the table assertions that follow.
    await expect(button).toHaveAttribute('aria-pressed', 'true');
  }

  /** A diagram card by row key, e.g. "smmu0:CD[1][1]". */
  card(key: string): Locator {
    return this.page.locator(`[data-testid="entry-card"][data-key="${key}"]`);
  }

  /** Rows of a table (test id) whose text contains `text`. */
  row(tableId: string, text: string | RegExp): Locator {
    return this.page.getByTestId(tableId).getByRole('row').filter({ hasText: text });
  }

  /** The PASID grid's canvas. */
  grid(): Locator {
    return this.page.getByTestId('pasid-grid');
  }

  queue(kind: 'cmdq' | 'evtq' | 'iq' | 'frcd' | 'writes' | 'cpu'): Locator {
    return this.page.getByTestId(`queue-${kind}`);
  }

  bindingNode(id: string): Locator {
    return this.page.locator(`[data-id="${id}"]`);
  }
}
