// ESLint for the whole repository (`npm run lint`, a counted step of scripts/test): the
// recommended rules of ESLint and typescript-eslint. Formatting is Prettier's (`npm run format:check`).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/', '.run/', 'contracts/src/generated/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: globals.node },
    rules: {
      // A leading underscore marks what must be named but is not used: Express's four-argument
      // error handler, a template that ignores its data, a property left out of a rest copy.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // A variable a closure reads before its one assignment (a shutdown hook, a stream's session)
      // cannot be const: the closure may run first and find it undefined.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
    },
  },
  {
    // Tests and the load drill read the JSON answers of the public API and assert on their shape:
    // typing every body would restate the contracts they are there to check.
    files: ['test/**', '**/test/**', '**/*.test.ts', 'scripts/drill/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
