// Entry point of the editor tests: VS Code's extension host loads this module
// (`extensionTestsPath`) and awaits `run()`, both under @vscode/test-electron
// (tools/e2e/electron.mjs) and under code-server (tools/e2e/codeServer.mjs).
//
// Mocha is bundled into this file (see tools/e2e/common.mjs): mocha 12 ships as
// ES modules, which the Node of older VS Code builds cannot `require`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';

export interface E2eResult {
  title: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs?: number;
  error?: string;
}

export interface E2eResults {
  passed: number;
  failed: number;
  pending: number;
  durationMs: number;
  vscodeVersion: string;
  tests: E2eResult[];
}

export async function run(): Promise<void> {
  const started = Date.now();
  const mocha = new Mocha({
    ui: 'tdd',
    reporter: 'spec',
    color: false,
    timeout: Number(process.env.E2E_TEST_TIMEOUT_MS ?? 60_000),
    // Tests share one editor and one workspace; a failure usually makes the
    // next test's preconditions meaningless, but report them all anyway.
    bail: false,
  });
  const grep = process.env.E2E_GREP;
  if (grep) mocha.grep(grep);

  // Define the suites: the test modules are bundled here and call mocha's
  // `suite`/`test`, which need the tdd interface installed first.
  mocha.suite.emit('pre-require', globalThis, 'e2e', mocha);
  require('./smoke.test');
  if (process.env.E2E_ONLY !== 'smoke') require('./factCheck.test');

  const results: E2eResults = {
    passed: 0,
    failed: 0,
    pending: 0,
    durationMs: 0,
    vscodeVersion: vscode.version,
    tests: [],
  };

  const failures = await new Promise<number>((resolve) => {
    const runner = mocha.run((n) => resolve(n));
    runner.on('pass', (t) => {
      results.passed++;
      results.tests.push({ title: t.fullTitle(), state: 'passed', durationMs: t.duration });
    });
    runner.on('fail', (t, err: Error) => {
      results.failed++;
      results.tests.push({
        title: t.fullTitle(),
        state: 'failed',
        durationMs: t.duration,
        error: String(err?.stack ?? err),
      });
    });
    runner.on('pending', (t) => {
      results.pending++;
      results.tests.push({ title: t.fullTitle(), state: 'pending' });
    });
  });
  results.durationMs = Date.now() - started;

  const summary = `${results.passed} passed, ${results.failed} failed` + (results.pending ? `, ${results.pending} skipped` : '');
  console.log(summary);
  const controlDir = process.env.E2E_CONTROL_DIR;
  if (controlDir) {
    fs.mkdirSync(controlDir, { recursive: true });
    fs.writeFileSync(path.join(controlDir, 'results.json'), JSON.stringify(results, null, 2));
  }
  if (failures > 0 || results.passed === 0) {
    throw new Error(`${failures} editor test(s) failed (${summary})`);
  }
}
