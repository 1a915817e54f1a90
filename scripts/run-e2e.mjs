#!/usr/bin/env node
// Runs the Playwright suite in a system Chromium: CHROMIUM_PATH, else Debian's chromium.
// Extra arguments go to `playwright test` (e.g. `npm run test:e2e -- e2e/keyboard.spec.ts`).
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';

const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
const chromium = candidates.find((p) => {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
});

if (!chromium) {
  console.error(
    `run-e2e: no Chromium found (tried ${candidates.join(', ')}).\n` +
      'Install Debian\'s "chromium" package (apt-get install chromium) or set CHROMIUM_PATH to a Chromium binary.'
  );
  process.exit(1);
}

const result = spawnSync('npx', ['playwright', 'test', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, CHROMIUM_PATH: chromium },
});
process.exit(result.status ?? 1);
