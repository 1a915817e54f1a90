/**
 * E2E: the production build served by `vite preview`, driven in Debian's Chromium (Playwright's
 * own browser download does not work on our machines). Run through `npm run test:e2e`, which
 * finds Chromium and sets CHROMIUM_PATH.
 */
import { defineConfig } from '@playwright/test';

// E2E_PORT: another port, so two checkouts can run their suites side by side (a reused server on
// the default port would be the other checkout's build).
const PORT = Number(process.env.E2E_PORT ?? 4319);
const BASE = `http://127.0.0.1:${PORT}`;

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  timeout: 45_000,
  expect: { timeout: 7_000 },
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    baseURL: BASE,
    viewport: { width: 1440, height: 900 },
    trace: 'on-first-retry',
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: {
    command: `npx vite build --logLevel warn && npx vite preview --strictPort --port ${PORT} --host 127.0.0.1`,
    url: BASE,
    reuseExistingServer: !process.env.CI,
    timeout: 180_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
