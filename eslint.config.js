// Lint: typescript-eslint's recommended rules on every TypeScript file, plus the rule that keeps
// workflow code deterministic (no Node built-ins, no activity implementations imported as values).
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules', '.data', '.tools', 'prisma/generated', 'web/dist', 'dist', 'web/**/*.vue'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['workflows/**/*.ts', 'domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'crypto', 'os', 'child_process', 'http', 'https', 'net'],
              message: 'Workflow and domain code must stay deterministic: no Node built-ins.',
            },
            {
              group: ['**/activities/*', '**/infra/*', '**/api/*', '@prisma/*', 'pg'],
              message: 'Import activities with `import type` only; no I/O in workflow or domain code.',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
);
