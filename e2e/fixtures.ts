import { test as base } from '@playwright/test';
import { SandboxPage } from './pages/SandboxPage.ts';

/** `test` with a `sandbox` page object. */
export const test = base.extend<{ sandbox: SandboxPage }>({
  sandbox: async ({ page }, use) => {
    await use(new SandboxPage(page));
  },
});

export { expect } from '@playwright/test';
