// Bundles the shipped JavaScript with esbuild: the VS Code client, the language
// server and the CLI. Type checking is separate (`tsc -b`), so this stays fast.
//
//   node tools/build.mjs               development bundles (source maps)
//   node tools/build.mjs --production  minified, no source maps (the .vsix)
//   node tools/build.mjs --bench       also the bench (dist/bench.js, dist/bench-pg.js)
//   node tools/build.mjs --watch       rebuild on every change until stopped
import { existsSync } from 'node:fs';
import { context } from 'esbuild';

const known = new Set(['--watch', '--production', '--bench']);
const unknown = process.argv.slice(2).filter((a) => !known.has(a));
if (unknown.length) {
  console.error(`build: unknown option ${unknown.join(' ')} (use ${[...known].join(', ')})`);
  process.exit(2);
}
const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: watch ? 'info' : 'warning',
  // Some dependencies are ESM-only; bundling turns them into CommonJS.
  mainFields: ['module', 'main'],
};

const entries = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  { entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js' },
];
// The bench runs bundled like the shipped server and CLI: under tsx, every call
// across modules goes through an export getter, which made the engine about a
// quarter slower than what users run.
if (process.argv.includes('--bench')) {
  entries.push({ entryPoints: ['tools/bench/bench.ts'], outfile: 'dist/bench.js' }, { entryPoints: ['tools/bench/benchPg.ts'], outfile: 'dist/bench-pg.js' });
}

// A missing entry point is an error: a build that silently leaves out the
// server or the CLI would ship a package that cannot start.
const missing = entries.map((e) => e.entryPoints[0]).filter((p) => !existsSync(p));
if (missing.length) {
  console.error(`build: entry point${missing.length === 1 ? '' : 's'} not found: ${missing.join(', ')}`);
  process.exit(1);
}

const contexts = await Promise.all(entries.map((e) => context({ ...common, ...e })));
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('build: watching for changes (Ctrl+C to stop)');
} else {
  try {
    await Promise.all(contexts.map((c) => c.rebuild()));
  } finally {
    await Promise.all(contexts.map((c) => c.dispose()));
  }
}
