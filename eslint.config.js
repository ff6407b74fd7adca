import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const forbidInShared = {
  paths: [
    { name: 'electron', message: 'shared/ is the platform-neutral core: no Electron.' },
    { name: 'react', message: 'shared/ is the platform-neutral core: no React.' },
    { name: 'react-dom', message: 'shared/ is the platform-neutral core: no React.' },
  ],
};

export default tseslint.config(
  {
    ignores: ['node_modules', 'out', 'dist', '.tsbuild', 'test-results', 'playwright-report', 'bench/.work'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/node/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...forbidInShared,
          patterns: [{ group: ['node:*'], message: 'Node-only code lives in shared/node/.' }],
        },
      ],
    },
  },
  { files: ['shared/node/**/*.ts'], rules: { 'no-restricted-imports': ['error', forbidInShared] } },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer talks to main only through window.ppkg.' }],
          patterns: [{ group: ['node:*'], message: 'The renderer cannot use Node modules.' }],
        },
      ],
    },
  },
  // electron-builder loads its hooks with require(): CommonJS on purpose.
  {
    files: ['build/**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
