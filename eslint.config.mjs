// Type-aware lint. The layers that must run outside VS Code (Azure access, model, diagnosis, common,
// sandbox, CLI) may not import `vscode`.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '*.js', 'scripts/**'] },
  {
    files: ['src/**/*.ts', 'test/**/*.ts'],
    extends: [tseslint.configs.base],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      eqeqeq: ['error', 'smart'],
      'no-eval': 'error',
    },
  },
  {
    files: ['src/azure/**/*.ts', 'src/model/**/*.ts', 'src/diagnosis/**/*.ts', 'src/sandbox/**/*.ts', 'src/cli/**/*.ts', 'src/common/**/*.ts', 'src/webviews/protocol.ts', 'src/webview-ui/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'This layer runs outside VS Code; keep vscode out of it.' }] }],
    },
  },
);
