// Flat config: type-checked typescript-eslint everywhere, plus folder-boundary rules
// (shared/research/aesthetics.md, "Boundaries"): each layer may import only what sits below it.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const ui = ['react', 'react-dom', 'react-dom/*', 'xstate', '@xstate/*', 'zustand', 'zustand/*', 'd3-*'];

/** @param {string[]} groups @param {string} message */
const restrict = (groups, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: groups, message, allowTypeImports: false }] }],
});

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'coverage', 'test-results', 'playwright-report'] },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.js'] }, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.es2023 },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
    },
  },
  {
    files: ['src/**/*.tsx', 'src/hooks/**', 'src/views/**', 'src/app/**'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  // engine: pure TypeScript, imports nothing outside itself.
  {
    files: ['src/engine/**/*.ts'],
    ignores: ['src/engine/**/*.test.ts'],
    rules: restrict(
      [
        ...ui,
        'node:*',
        ...['protocol', 'worker', 'client', 'machines', 'store', 'viz', 'views', 'app', 'hooks', 'cli'].map(
          (f) => `**/${f}/**`
        ),
      ],
      'src/engine is pure: no UI libraries, no Node, no other src folder.'
    ),
  },
  // protocol: types and codecs shared by worker and client; engine types only.
  {
    files: ['src/protocol/**/*.ts'],
    rules: restrict(
      [...ui, 'node:*', '**/worker/**', '**/client/**', '**/views/**', '**/store/**'],
      'src/protocol sits below worker and client.'
    ),
  },
  {
    files: ['src/worker/**/*.ts'],
    rules: restrict(
      [...ui, 'node:*', '**/client/**', '**/views/**', '**/store/**', '**/machines/**'],
      'src/worker hosts the engine only.'
    ),
  },
  {
    files: ['src/viz/**/*.ts'],
    rules: restrict(
      ['react', 'react-dom', 'xstate', 'zustand', '**/engine/**', '**/worker/**'],
      'src/viz is d3 math and painters, no React.'
    ),
  },
  {
    files: ['src/views/**', 'src/app/**', 'src/hooks/**'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: restrict(['**/worker/**', 'node:*'], 'views talk to the client, stores and actors; never to the worker.'),
  },
  // share: link state, drift tokens, image embedding; below the views, beside the client.
  {
    files: ['src/share/**/*.ts'],
    ignores: ['src/share/**/*.test.ts'],
    rules: restrict(
      [
        'react',
        'react-dom',
        'react-dom/*',
        'xstate',
        '@xstate/*',
        'd3-*',
        'node:*',
        '**/views/**',
        '**/app/**',
        '**/worker/**',
        '**/machines/**',
      ],
      'src/share holds link and file logic: no UI, no worker internals.'
    ),
  },
  {
    files: ['src/cli/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: restrict(
      ['react', 'react-dom', 'xstate', 'zustand', 'd3-*', '**/views/**', '**/worker/**', '**/client/**'],
      'src/cli imports the engine only.'
    ),
  },
  {
    files: ['bench/**', 'scripts/**', 'e2e/**', '*.config.*', '.ci/**'],
    languageOptions: { globals: { ...globals.node } },
  },
  // The hand-written service worker template (scripts/vite-precache.ts fills in __PRECACHE__).
  { files: ['src/sw/**'], languageOptions: { globals: { ...globals.serviceworker, __PRECACHE__: 'readonly' } } },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked }
);
