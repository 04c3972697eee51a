// ESLint for every part: TypeScript rules everywhere, React's hook rules and the accessibility
// rules (jsx-a11y) on the renderer. Type-aware rules are left out on purpose: `tsc` already runs
// in `npm run typecheck`, and without the type information the lint of the whole tree takes
// seconds instead of a minute on two cores.
import js from '@eslint/js';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    // The electronegativity canary is insecure on purpose (see the file).
    ignores: ['scripts/electronegativity-canary/', 'node_modules/', 'dist/', 'release/', 'renderer/dist/', 'test/.cache/', 'test-results/', 'playwright-report/', 'native/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // Unused values are mistakes; a leading underscore marks one that is meant to be unused.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // `!` after a lookup that the code has just checked is how this code base says "known to exist".
      '@typescript-eslint/no-non-null-assertion': 'off',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    // The two rules of hooks. The plugin's other rules describe what the React Compiler needs
    // (no ref reads in render, no setState in effects); the app does not use the compiler, and
    // its latest-value refs and server-value syncing are deliberate patterns.
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['renderer/**/*.tsx'],
    ...jsxA11y.flatConfigs.recommended,
    rules: { ...jsxA11y.flatConfigs.recommended.rules, 'jsx-a11y/no-autofocus': ['error', { ignoreNonDOM: true }] },
  },
  {
    // Command-line tools, benchmarks and build scripts talk to a terminal.
    files: ['scripts/**', 'test/bench/**', 'electron/web/cli.ts', 'electron/backend/features/agreement/agreement-cli.ts', '**/*.mjs'],
    rules: { 'no-console': 'off' },
  },
);
