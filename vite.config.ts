import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { precache } from './scripts/vite-precache.ts';

export default defineConfig({
  plugins: [react(), precache()],
  worker: { format: 'es' },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'node',
  },
});
