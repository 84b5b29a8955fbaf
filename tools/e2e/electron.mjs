#!/usr/bin/env node
// Editor tests with @vscode/test-electron: downloads VS Code (cached in
// .vscode-test/) or uses an installed one, and runs the same suite as
// `npm run test:e2e` (test/e2e/suite) in its extension host.
//
//   npm run test:vscode                         # stable
//   npm run test:vscode -- --vscode-version=min # the oldest engines.vscode allows (^1.91.0 -> 1.91.0)
//   npm run test:vscode -- --vscode-version=1.95.3
//   npm run test:vscode -- --all                # min, then stable
//   VSCODE_VERSION=min npm run test:vscode      # same as --vscode-version=min
//   VSCODE_EXECUTABLE=/path/to/code npm run test:vscode   # an installed VS Code, no download
//
// On Linux without a display it re-runs itself under `xvfb-run -a` when that
// is installed (Debian package xvfb). Exits non-zero when any test fails.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildExtension, buildSuite, log, prepareWorkspace, printResults, root, suiteOutDir } from './common.mjs';

const argv = process.argv.slice(2);
const opt = (name) =>
  argv
    .find((a) => a.startsWith(`--${name}=`))
    ?.split('=')
    .slice(1)
    .join('=');
const keep = argv.includes('--keep');

if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.E2E_UNDER_XVFB) {
  if (spawnSync('sh', ['-c', 'command -v xvfb-run'], { stdio: 'ignore' }).status === 0) {
    log('no DISPLAY: re-running under xvfb-run');
    const r = spawnSync('xvfb-run', ['-a', process.execPath, ...process.argv.slice(1)], {
      stdio: 'inherit',
      env: { ...process.env, E2E_UNDER_XVFB: '1' },
    });
    process.exit(r.status ?? 1);
  }
  log('warning: no DISPLAY and no xvfb-run (apt-get install xvfb); VS Code may fail to start');
}

/** `min` is the lowest version engines.vscode accepts (^1.91.0 -> 1.91.0). */
function resolveVersion(v) {
  if (v !== 'min') return v;
  const range = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).engines.vscode;
  const m = /(\d+\.\d+\.\d+)/.exec(range);
  if (!m) throw new Error(`cannot read a minimum version from engines.vscode "${range}"`);
  return m[1];
}

async function runOnce(version) {
  const { runTests } = await import('@vscode/test-electron');
  const { base, workspace, controlDir } = prepareWorkspace();
  const userDataDir = join(base, 'user-data');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(
    join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ 'security.workspace.trust.enabled': false, 'workbench.startupEditor': 'none', 'update.mode': 'none' }, null, 2),
  );
  const executable = process.env.VSCODE_EXECUTABLE;
  log(executable ? `running in ${executable}` : `running in VS Code ${version}`);
  let code = 1;
  try {
    code = await runTests({
      ...(executable ? { vscodeExecutablePath: executable } : { version }),
      extensionDevelopmentPath: root,
      extensionTestsPath: suiteOutDir,
      extensionTestsEnv: { E2E_CONTROL_DIR: controlDir },
      launchArgs: [
        workspace,
        // No --disable-extensions: it would also turn off built-in ones such as
        // markdown's language support; the fresh extensions dir keeps others out.
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        `--user-data-dir=${userDataDir}`,
        `--extensions-dir=${join(base, 'extensions')}`,
      ],
    });
  } catch (e) {
    // runTests rejects with TestRunFailedError (its `code`) when VS Code exits non-zero.
    log(`VS Code run failed: ${e?.message ?? e}`);
    code = typeof e?.code === 'number' && e.code !== 0 ? e.code : 1;
  }
  const resultsFile = join(controlDir, 'results.json');
  let results;
  if (existsSync(resultsFile)) {
    results = JSON.parse(readFileSync(resultsFile, 'utf8'));
  } else {
    log('the suite wrote no results');
    results = { passed: 0, failed: 1, pending: 0, durationMs: 0, vscodeVersion: version, tests: [] };
    code = code || 1;
  }
  if (keep || code !== 0) log(`workspace kept in ${base}`);
  else rmSync(base, { recursive: true, force: true });
  return { code, results };
}

async function main() {
  const requested = opt('vscode-version') ?? process.env.VSCODE_VERSION ?? 'stable';
  const versions = argv.includes('--all') ? ['min', 'stable'] : [requested];
  buildExtension();
  await buildSuite();
  let passed = 0;
  let failed = 0;
  let worst = 0;
  for (const v of versions) {
    const { code, results } = await runOnce(resolveVersion(v));
    printResults(results);
    passed += results.passed;
    failed += results.failed;
    if (code !== 0) worst = code;
  }
  if (versions.length > 1) process.stdout.write(`test:vscode: ${passed} passed, ${failed} failed\n`);
  return worst;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
