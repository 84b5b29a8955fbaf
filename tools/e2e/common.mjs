// Shared by the two editor-test runners (codeServer.mjs for code-server +
// headless Chromium, electron.mjs for @vscode/test-electron):
// building the extension and the suite, and laying out a fresh workspace.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const suiteOutDir = join(root, 'out', 'e2e', 'suite');

export function log(msg) {
  process.stdout.write(`[e2e] ${msg}\n`);
}

/** Bundles the extension (tools/build.mjs); fails if its client is missing. */
export function buildExtension({ required = true } = {}) {
  log('building the extension (node tools/build.mjs)');
  const r = spawnSync(process.execPath, [join(root, 'tools', 'build.mjs')], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`tools/build.mjs failed (exit ${r.status})`);
  if (required && !existsSync(join(root, 'dist', 'client.js'))) {
    throw new Error('dist/client.js was not built: client/src/extension.ts is missing');
  }
}

/**
 * Bundles test/e2e/suite into out/e2e/suite/index.js: CommonJS, since the
 * extension host `require`s it; `vscode` stays external (the host provides it)
 * and mocha is bundled in (mocha 12 is ES modules, which older VS Code builds'
 * Node cannot require).
 */
export async function buildSuite() {
  // esbuild does not type-check; tsc does, so a type error fails here, not in the editor.
  log('type-checking test/e2e (tsc -p test/e2e/tsconfig.json)');
  const tsc = spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'test', 'e2e', 'tsconfig.json')], {
    cwd: root,
    stdio: 'inherit',
  });
  if (tsc.status !== 0) throw new Error('test/e2e does not type-check');
  log('bundling the suite into out/e2e/suite');
  const { build } = await import('esbuild');
  await build({
    entryPoints: [join(root, 'test', 'e2e', 'suite', 'index.ts')],
    outfile: join(suiteOutDir, 'index.js'),
    bundle: true,
    platform: 'node',
    target: 'node18',
    format: 'cjs',
    sourcemap: 'inline',
    external: ['vscode'],
    mainFields: ['module', 'main'],
    logLevel: 'error',
  });
}

/**
 * A fresh copy of test/e2e/fixtures/workspace in a temp folder, with the
 * project's corpus copied in as `sources/` and workspace settings pointing at
 * it (the bundled corpus off), so tests may edit sources on disk.
 * Returns { base, workspace, controlDir }; the caller removes `base`.
 */
export function prepareWorkspace() {
  const base = mkdtempSync(join(tmpdir(), 'fact-check-e2e-'));
  const workspace = join(base, 'workspace');
  cpSync(join(root, 'test', 'e2e', 'fixtures', 'workspace'), workspace, { recursive: true });
  const sources = join(workspace, 'sources');
  cpSync(join(root, 'corpus'), sources, { recursive: true });
  mkdirSync(join(workspace, '.vscode'), { recursive: true });
  writeFileSync(
    join(workspace, '.vscode', 'settings.json'),
    JSON.stringify(
      {
        'factCheck.corpus.folders': [sources],
        'factCheck.corpus.includeBundled': false,
        'factCheck.severity.unverified': 'information',
      },
      null,
      2,
    ) + '\n',
  );
  const controlDir = join(base, 'control');
  mkdirSync(controlDir);
  return { base, workspace, controlDir };
}

/** Prints every test of results.json and the closing `N passed, N failed` line. */
export function printResults(results) {
  for (const t of results.tests) {
    const mark = t.state === 'passed' ? 'ok  ' : t.state === 'failed' ? 'FAIL' : 'skip';
    const dur = t.durationMs !== undefined ? ` (${t.durationMs} ms)` : '';
    process.stdout.write(`  ${mark} ${t.title}${dur}\n`);
    if (t.error) process.stdout.write(t.error.replace(/^/gm, '       ') + '\n');
  }
  process.stdout.write(`VS Code ${results.vscodeVersion}, suite took ${(results.durationMs / 1000).toFixed(1)} s\n`);
  const skipped = results.pending ? `, ${results.pending} skipped` : '';
  process.stdout.write(`e2e: ${results.passed} passed, ${results.failed} failed${skipped}\n`);
}
