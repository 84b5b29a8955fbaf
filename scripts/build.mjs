// Bundles the shipped JavaScript with esbuild: the VS Code client, the language
// server and the CLI. Type checking is separate (`tsc -b`), so this stays fast.
import { build } from 'esbuild';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // Some dependencies are ESM-only; bundling turns them into CommonJS.
  mainFields: ['module', 'main'],
};

const entries = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  { entryPoints: ['server/src/main.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js' },
];
// The bench runs bundled like the shipped server and CLI: under tsx, every call
// across modules goes through an export getter, which made the engine about a
// quarter slower than what users run.
if (process.argv.includes('--bench')) {
  entries.push({ entryPoints: ['scripts/bench.ts'], outfile: 'dist/bench.js' }, { entryPoints: ['scripts/bench-pg.ts'], outfile: 'dist/bench-pg.js' });
}

import { existsSync } from 'node:fs';
for (const e of entries) {
  // An entry that does not exist yet is skipped, so the build works while the project grows.
  if (!existsSync(e.entryPoints[0])) continue;
  await build({ ...common, ...e });
}
if (watch) console.log('watch mode is not supported; re-run the build');
