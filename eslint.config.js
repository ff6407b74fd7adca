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
    languageOptions: {
      globals: { ...globals.node },
      // Type-aware rules: each file is checked with the tsconfig project that owns it.
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      // Promises must be awaited, returned or explicitly voided; none may be passed where a void callback is due.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/only-throw-error': 'error',
      '@typescript-eslint/prefer-promise-reject-errors': 'error',
      '@typescript-eslint/no-unnecessary-type-assertion': 'error',
      '@typescript-eslint/no-for-in-array': 'error',
      '@typescript-eslint/no-implied-eval': 'error',
      // Long functions are hard to review; split them (a warning, so existing ones do not block).
      'max-lines-per-function': ['warn', { max: 150, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    // Plain JavaScript (this config, scripts/) and the tsconfig "paths" stand-ins in __forbidden__/ belong to no
    // tsconfig project.
    files: ['**/*.{js,mjs,cjs,cts}', '**/__forbidden__/**'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // A describe() body is a list of tests, not a function to split.
    files: ['tests/**'],
    rules: { 'max-lines-per-function': 'off' },
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
