// @ts-check
// ESLint 9 flat config: ESLint's recommended rules and typescript-eslint's recommended rules with
// type information, over the sources, tests, benchmarks and scripts (`npm run lint`).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'dist-bench/', 'coverage/', 'reports/', '.stryker-tmp/', '.readme-*/', 'scratch/', 'bench/.data/'] },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // A name that starts with `_` is unused on purpose (a reducer that reads nothing, a skipped tuple item).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // Escaping control characters is a feature (src/text/printable.ts): patterns name them on purpose.
      'no-control-regex': 'off',
      // The input copy throws `InputProblem`, a plain class, so that a value thrown by a caller's getter
      // is told apart without touching it (src/events/plain-input.ts).
      '@typescript-eslint/only-throw-error': ['error', { allow: [{ from: 'file', name: 'InputProblem' }] }],
      // `{}` is the empty shape that XState's and zod's generic parameters expect; empty interfaces stay refused.
      '@typescript-eslint/no-empty-object-type': ['error', { allowObjectTypes: 'always' }],
    },
  },
  {
    // Tests read JSON output, throw odd values and hand methods around on purpose.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/only-throw-error': 'off',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // Configuration files at the root are outside the TypeScript project.
    files: ['*.js', '*.config.ts', 'scripts/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
