// Lint: typescript-eslint's recommended rules over every package's TypeScript, `any` refused outside
// tests (tests read untyped JSON answers), type-only imports marked. Formatting is prettier's
// (.prettierrc.json); `npm run lint` runs both, and CI fails on either.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/generated/**',
      '**/dist/**',
      'build/**',
      'schema/contracts/**',
      'sdk/contracts/**',
      'sdk/test/recipes/**',
      'examples/screenshots/**',
      '**/*.js',
      '**/*.mjs',
      '**/*.cjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // type-graphql's resolver lists and class decorators are typed `Function` by type-graphql itself.
      '@typescript-eslint/no-unsafe-function-type': 'off',
    },
  },
  {
    files: ['**/test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
