// Lint rules, including the import boundaries of ARCHITECTURE.md (see docs/boundaries.md).
import js from '@eslint/js'
import prettier from 'eslint-config-prettier'
import tseslint from 'typescript-eslint'

import {boundaryConfigs} from './eslint.boundaries.js'

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      '.tmp/',
      'dist/',
      'dist-check/',
      'bench/results/',
      'test/lint/fixtures/',
      'coverage/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_', varsIgnorePattern: '^_'}],
      'no-console': ['error', {allow: ['error']}],
    },
  },
  {
    // The dashboard's own page scripts run in the browser (plain JS, served from src/dashboard/assets/).
    files: ['src/dashboard/assets/**/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: {
        document: 'readonly',
        window: 'readonly',
        fetch: 'readonly',
        Blob: 'readonly',
        ArrayBuffer: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
      },
    },
  },
  {
    files: ['test/**', 'bench/**', 'fixtures/**', 'bin/**', 'scripts/**', '*.js'],
    rules: {'no-console': 'off'},
  },
  ...boundaryConfigs,
)
