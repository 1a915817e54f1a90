/**
 * Types for code that runs inside the page through `page.evaluate`. The e2e project type-checks
 * with Node's lib (no DOM), so each spec declares the few page globals it touches, using these.
 */
export interface PageElement {
  getAttribute(name: string): string | null;
  readonly textContent: string | null;
  readonly parentElement: PageElement | null;
}

export interface PageDocument {
  readonly activeElement: PageElement | null;
  readonly body: PageElement;
}

export interface PageStyle {
  readonly outlineStyle: string;
  readonly outlineWidth: string;
  readonly backgroundColor: string;
  readonly color: string;
  readonly borderTopColor: string;
}

/** The test driver the app installs as `window.__sandbox` (src/app/testHooks.ts). */
export interface PageSandboxApi {
  cursor(): number;
  length(): number;
  crashWorker(): void;
  load(scenario: unknown, source?: string): Promise<boolean>;
  step(): void;
  seek(cursor: number): void;
  waitForCursor(cursor: number): Promise<void>;
}
