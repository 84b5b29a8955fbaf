// Lint: typescript-eslint's type-aware rules, and the boundaries ARCHITECTURE.md
// promises, enforced per folder with no-restricted-imports.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Node built-ins, by both spellings. */
const NODE = ['fs', 'path', 'os', 'url', 'crypto', 'child_process', 'net', 'http', 'https', 'worker_threads', 'stream', 'util', 'zlib'].flatMap((m) => [
  m,
  `node:${m}`,
]);

/**
 * The lint rules of one folder of server/src: the packages, sibling folders
 * (by any relative path) and, when `nodeBuiltins`, the Node built-ins (but
 * `allowNode`) and process globals it may not use.
 */
function boundary(folder, { why, packages, folders, nodeBuiltins = false, allowNode = [] }) {
  const builtins = NODE.filter((m) => !allowNode.includes(m.replace(/^node:/, '')));
  const relative = folders.flatMap((f) => ['..', '../..', '../../..'].flatMap((up) => [`${up}/${f}`, `${up}/${f}/*`]));
  return {
    files: [`server/src/${folder}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          // Exact package names are paths: as a pattern, 'pg' would also match a folder named pg.
          paths: [...packages.filter((p) => !p.includes('*')), ...(nodeBuiltins ? builtins : [])].map((name) => ({ name, message: why })),
          patterns: [{ group: [...packages.filter((p) => p.includes('*')), ...relative], message: why }],
        },
      ],
      ...(nodeBuiltins
        ? { 'no-restricted-globals': ['error', ...['process', 'Buffer', '__dirname', '__filename', 'require'].map((name) => ({ name, message: why }))] }
        : {}),
    },
  };
}

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
    files: ['test/**/*.ts', 'tools/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  // The folder boundaries (ARCHITECTURE.md): what each part of server/src may import.
  boundary('core', {
    why: 'The engine (core/) is plain functions and types: files, the disk cache and the environment belong to the adapters (node/), which pass in what it needs.',
    packages: ['vscode', 'vscode-*', 'pg', 'pg-*'],
    folders: ['node', 'pg', 'shared', 'formats', 'cli', 'lsp', 'tools'],
    nodeBuiltins: true,
  }),
  boundary('node', {
    why: 'The Node adapters (node/) serve the engine and know nothing of the editor, the database or the front ends.',
    packages: ['vscode', 'vscode-*', 'pg', 'pg-*'],
    folders: ['pg', 'shared', 'formats', 'cli', 'lsp'],
  }),
  boundary('pg', {
    why: 'The database backend (pg/) knows nothing of the editor or the front ends.',
    packages: ['vscode', 'vscode-*'],
    folders: ['shared', 'formats', 'cli', 'lsp'],
  }),
  boundary('shared', {
    why: 'The shared folder (shared/) is loaded by the client too: message types and settings only.',
    packages: ['vscode', 'vscode-languageserver', 'vscode-languageserver/*', 'vscode-languageclient', 'vscode-languageclient/*', 'pg', 'pg-*'],
    folders: ['node', 'pg', 'formats', 'cli', 'lsp'],
  }),
  boundary('formats', {
    why: 'The report formats (formats/) turn a check result into text; they read nothing and know no front end.',
    packages: ['vscode', 'vscode-*', 'pg', 'pg-*'],
    folders: ['node', 'pg', 'cli', 'lsp'],
    // Path and URL helpers compute; they read nothing.
    nodeBuiltins: true,
    allowNode: ['path', 'url'],
  }),
  boundary('cli', { why: 'The CLI (cli/) is no language server.', packages: ['vscode', 'vscode-*'], folders: ['lsp'] }),
  boundary('lsp', {
    why: 'The language server (lsp/) is no CLI, and reaches the database only through pg/.',
    packages: ['vscode', 'pg', 'pg-*'],
    folders: ['cli'],
  }),
  // The client talks to the server only through the shared folder.
  {
    files: ['client/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../../server/src/*', '!../../server/src/shared'],
              message: 'The client imports only the shared folder (server/src/shared/: protocol and settings).',
            },
          ],
        },
      ],
    },
  },
);
