// ESLint (flat config) with typescript-eslint. Chosen over Biome because the rule that keeps
// Node built-ins out of the platform-free packages needs `no-restricted-imports` patterns
// and per-folder overrides, and typescript-eslint's type-aware rules catch floating promises
// in the async pagination code.
import js from '@eslint/js';
import globals from 'globals';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const nodeBuiltins = builtinModules.filter((name) => !name.startsWith('_'));

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '**/src/generated/**',
      '**/.turbo/**',
      'bench/results/**',
      // tsup writes this while a build runs, possibly while lint walks the folder.
      '**/tsup.config.bundled_*',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{js,mjs,cjs}', '**/scripts/**', '**/test/**', 'bench/**', 'examples/**', '**/*.config.ts'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // core and browser run in any JavaScript runtime: web-standard APIs only.
    files: ['packages/core/src/**/*.ts', 'packages/browser/src/**/*.ts'],
    ignores: ['**/*.test.ts', '**/*.test-d.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({
            name,
            message:
              'core and browser must not import Node built-ins; use web-standard APIs or the Platform interface.',
          })),
          patterns: [
            {
              group: ['node:*'],
              message:
                'core and browser must not import Node built-ins; use web-standard APIs or the Platform interface.',
            },
            ...nodeBuiltins.map((name) => ({
              group: [`${name}/*`],
              message: `Node built-in ${name} is not allowed here.`,
            })),
          ],
        },
      ],
    },
  },
);
