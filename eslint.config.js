// One flat config for every workspace: typescript-eslint's type-aware rules plus the
// security plugin, so the same findings show in editors, `npm run lint` and CI.
import js from '@eslint/js';
import security from 'eslint-plugin-security';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', 'manifests/dev/**', 'manifests/stage/**', 'manifests/prod/**', 'e2e/report/**', 'load/results/**', '.tools/**', '.semgrep/**', '.data/**', '**/.data/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  security.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', '*.mjs', '*.config.ts', 'scripts/*.mjs', 'scripts/*.d.mts', 'scripts/tools/*.d.mts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Object-injection flags every `obj[key]`; typed keys make it noise here. Real injection
      // sinks (child_process, eval, non-literal regexp/fs paths) stay on.
      'security/detect-object-injection': 'off',
      // Fastify plugins and hooks are async by contract even when they await nothing.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // Tests and tooling build file paths from temp folders they created themselves.
    files: ['**/test/**/*.ts', '**/bench/**', 'app/fuzz/**', 'app/src/harness/**', 'scripts/**', 'load/runner/**', '**/*.config.ts'],
    rules: { 'security/detect-non-literal-fs-filename': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
