import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { precache } from './scripts/vite-precache.ts';

export default defineConfig({
  plugins: [react(), precache()],
  worker: { format: 'es' },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'node',
    // The property suites take 1–4 s on an idle 2-core machine; 5 s (the default) timed them out
    // when the machine was loaded. A hang still fails, after 30 s.
    testTimeout: 30_000,
  },
});
