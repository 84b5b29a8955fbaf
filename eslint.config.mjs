// Lint: typescript-eslint's type-aware rules, and the boundaries ARCHITECTURE.md
// promises, enforced per folder with no-restricted-imports.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Node built-ins, by both spellings. */
const NODE = ['fs', 'path', 'os', 'url', 'crypto', 'child_process', 'net', 'http', 'https', 'worker_threads', 'stream', 'util', 'zlib'].flatMap((m) => [
  m,
  `node:${m}`,
]);

export default tseslint.config(
  // The .mjs runners (build, editor tests) are plain JavaScript outside the TypeScript projects.
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.cache/**', '.scratch/**', 'bench-results/**', 'coverage/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // `void promise` marks a promise whose outcome nobody waits for, on purpose.
      '@typescript-eslint/no-floating-promises': ['error', { ignoreVoid: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Control characters in patterns are the point where they appear: text is
      // made safe for terminals, and NUL is replaced for PostgreSQL.
      'no-control-regex': 'off',
    },
  },
  // Tests and tools read JSON they produced (CLI output, research data), so values of type any are expected there.
  {
    files: ['test/**/*.ts', 'scripts/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  // The engine is plain functions and types: no editor, protocol or database.
  {
    files: ['server/src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['vscode', 'vscode-*', 'pg', 'pg-*', '../pg/*', '../../pg/*'],
              message: 'The engine (core/) imports no editor, protocol or database code.',
            },
          ],
        },
      ],
    },
  },
  // ... and no Node built-ins, except in the adapters that read files and the cache
  // (issue 14: these move out of core/ with the folder layout).
  {
    files: ['server/src/core/**/*.ts'],
    ignores: [
      'server/src/core/corpus/load.ts',
      'server/src/core/corpus/indexCache.ts',
      'server/src/core/corpus/corpus.ts',
      'server/src/core/dismissals.ts',
      'server/src/core/corpus/fingerprint.ts',
      'server/src/core/analysis/wordnet.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: NODE.map((name) => ({ name, message: 'The engine (core/) uses no Node built-ins; file and process access belongs to the adapters.' })),
          patterns: [{ group: ['vscode', 'vscode-*', 'pg', 'pg-*'], message: 'The engine (core/) imports no editor, protocol or database code.' }],
        },
      ],
    },
  },
  // The client talks to the server only through the protocol module.
  {
    files: ['client/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['../../server/src/*', '!../../server/src/protocol'], message: 'The client imports only the shared protocol (server/src/protocol.ts).' },
          ],
        },
      ],
    },
  },
);
