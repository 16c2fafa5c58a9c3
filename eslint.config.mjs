// Lint rules from ../shared/STYLE.md: size and complexity caps, no floating promises, and the
// folder boundaries (vscode only in src/extension, openai only in src/core/llm, the webview imports
// no runtime code from core).
import tseslint from 'typescript-eslint';

const restrict = (paths, patterns = []) => ['error', { paths, patterns }];

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'media/**', 'examples/**', 'bench/results.json', '*.js', '*.mjs'] },
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    languageOptions: { parserOptions: { project: ['./tsconfig.json', './tsconfig.webview.json', './test/webview/tsconfig.json', './bench/panel/tsconfig.json', './test/vscode/lmProvider/tsconfig.json'], tsconfigRootDir: import.meta.dirname } },
    rules: {
      curly: 'error',
      eqeqeq: 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }],
      'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: true }],
      complexity: ['error', 12],
      'max-params': ['error', 4],
    },
  },
  {
    files: ['src/core/**/*.ts', 'src/cli/**/*.ts'],
    rules: { 'no-restricted-imports': restrict([{ name: 'vscode', message: 'vscode belongs in src/extension only.' }], [{ group: ['openai', 'openai/*'], message: 'openai belongs in src/core/llm only.' }]) },
  },
  {
    files: ['src/core/llm/**/*.ts'],
    rules: { 'no-restricted-imports': restrict([{ name: 'vscode', message: 'vscode belongs in src/extension only.' }]) },
  },
  {
    files: ['src/extension/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([], [
        { group: ['openai', 'openai/*'], message: 'openai belongs in src/core/llm only.' },
        { group: ['**/webview/*', '!**/webview/protocol'], message: 'The host imports only protocol.ts from src/webview.' },
      ]),
    },
  },
  {
    files: ['src/core/ranking.ts', 'src/core/applyRunEvent.ts', 'src/core/pricing.ts'],
    rules: { 'no-restricted-imports': restrict([], [{ group: ['*', '.*'], message: 'This module imports no runtime code: the webview bundles it.', allowTypeImports: true }]) },
  },
  {
    files: ['src/webview/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([{ name: 'vscode', message: 'The webview runs in a browser.' }], [
        { group: ['**/core/**', '!**/core/ranking', '!**/core/applyRunEvent', '!**/core/pricing', '**/extension/**'], message: 'The webview may only `import type` from core (and the dependency-free core/ranking.ts, core/applyRunEvent.ts and core/pricing.ts).', allowTypeImports: true },
      ]),
    },
  },
);
