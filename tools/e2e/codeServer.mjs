#!/usr/bin/env node
// Editor tests inside a real VS Code without internet: code-server (VS Code
// 1.100.3's server and workbench) on loopback, driven by headless Chromium
// through playwright-core. It runs the same suite as `npm run test:vscode`
// (test/e2e/suite, bundled to out/e2e/suite) in the Node extension host, saves
// docs/screenshot.png, prints `N passed, N failed` and exits with the suite's
// code. See /work/shared/notes/vscode-e2e.md for the background.
//
// It installs what it needs: Debian packages libkrb5-dev, ripgrep and chromium
// (apt-get, when missing) and code-server + playwright-core into .cache/e2e
// (ignored by git; not the project's dependencies).
//
// Options: --smoke (only the harness test), --keep (keep the temp folders),
// --no-screenshot, --headed (needs a display). Env: E2E_TIMEOUT_SCALE (>1 on
// slow machines), E2E_GREP (mocha grep), CHROMIUM_PATH, E2E_EXTENSION_PATH
// (another extension folder to test instead of this one, already built).
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { buildExtension, buildSuite, log, prepareWorkspace, printResults, root, suiteOutDir } from './common.mjs';

const CODE_SERVER_VERSION = '4.100.3'; // VS Code 1.100.3; the newest that installs on Node 20
const PLAYWRIGHT_VERSION = '1.56.1';
const RIPGREP_CACHE = 'vscode-ripgrep-cache-1.15.11';
const RIPGREP_ARCHIVE = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';
const toolsDir = join(root, '.cache', 'e2e');

const args = new Set(process.argv.slice(2));
const smoke = args.has('--smoke');
const keep = args.has('--keep');
const wantScreenshot = !args.has('--no-screenshot') && !smoke;
const scale = Number(process.env.E2E_TIMEOUT_SCALE ?? 1);
// The suite's own timeouts (150 s to start, 60-120 s a test) end it sooner.
const SUITE_DEADLINE_MS = 9 * 60_000 * scale;

const t0 = Date.now();
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)} s`;

function run(cmd, argv, opts = {}) {
  const r = spawnSync(cmd, argv, { stdio: 'inherit', ...opts });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} exited with ${r.status}`);
}

function have(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

// ---------------------------------------------------------------- installing

function ensureDebianPackages() {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const needed = [];
  if (!existsSync(chromium)) needed.push('chromium');
  if (!have('rg')) needed.push('ripgrep');
  if (!existsSync('/usr/include/krb5.h') && !existsSync('/usr/include/krb5/krb5.h')) needed.push('libkrb5-dev');
  if (needed.length === 0) return;
  if (!have('apt-get')) throw new Error(`missing ${needed.join(', ')} and no apt-get to install them`);
  const sudo = process.getuid?.() === 0 ? [] : ['sudo', '-n'];
  log(`installing Debian packages: ${needed.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const [c1, ...a1] = [...sudo, 'apt-get', 'update', '-q'];
  run(c1, a1, { env });
  const [c2, ...a2] = [...sudo, 'apt-get', 'install', '-y', '-q', '-o', 'Dpkg::Use-Pty=0', ...needed];
  run(c2, a2, { env });
}

function codeServerEntry() {
  return join(toolsDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

function toolsInstalled() {
  try {
    const stamp = JSON.parse(readFileSync(join(toolsDir, 'installed.json'), 'utf8'));
    return (
      stamp.codeServer === CODE_SERVER_VERSION &&
      stamp.playwright === PLAYWRIGHT_VERSION &&
      existsSync(codeServerEntry()) &&
      existsSync(join(toolsDir, 'node_modules', 'code-server', 'lib', 'vscode', 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg'))
    );
  } catch {
    return false;
  }
}

function ensureTools() {
  if (toolsInstalled()) return;
  const major = Number(process.versions.node.split('.')[0]);
  if (major !== 20) log(`warning: code-server ${CODE_SERVER_VERSION} wants Node 20, this is ${process.version}`);
  log(`installing code-server@${CODE_SERVER_VERSION} and playwright-core@${PLAYWRIGHT_VERSION} into .cache/e2e (1-2 min)`);
  // @vscode/ripgrep's postinstall downloads rg unless it finds this archive:
  // give it Debian's rg.
  const cacheDir = join(process.env.TMPDIR || tmpdir(), RIPGREP_CACHE);
  if (!existsSync(join(cacheDir, RIPGREP_ARCHIVE))) {
    mkdirSync(cacheDir, { recursive: true });
    const staging = mkdtempSync(join(tmpdir(), 'rg-'));
    const rg = spawnSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' }).stdout.trim();
    run('cp', [rg, join(staging, 'rg')]);
    run('tar', ['-C', staging, '-czf', join(cacheDir, RIPGREP_ARCHIVE), 'rg']);
    rmSync(staging, { recursive: true, force: true });
  }
  rmSync(join(toolsDir, 'node_modules'), { recursive: true, force: true });
  mkdirSync(toolsDir, { recursive: true });
  writeFileSync(
    join(toolsDir, 'package.json'),
    JSON.stringify({ name: 'fact-check-e2e-tools', private: true, description: 'editor-test tools, installed by tools/e2e/codeServer.mjs' }, null, 2),
  );
  const env = {
    ...process.env,
    npm_config_unsafe_perm: 'true', // code-server's postinstall refuses root without it
    npm_config_yes: 'true', // a nested native build runs `npx node-gyp`
    // npm 11 skips dependencies' install scripts unless allowed; code-server's
    // postinstall runs nested `npm install`s, so allow through the environment.
    npm_config_dangerously_allow_all_scripts: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
  // Native modules build against Node's own headers (Debian's nodejs ships
  // them) rather than downloading them.
  if (!env.npm_config_nodedir && existsSync('/usr/include/node/node.h') && process.execPath.startsWith('/usr/')) {
    env.npm_config_nodedir = '/usr';
  }
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  run(npm, ['install', '--no-save', '--no-package-lock', `code-server@${CODE_SERVER_VERSION}`, `playwright-core@${PLAYWRIGHT_VERSION}`], {
    cwd: toolsDir,
    env,
  });
  if (!existsSync(codeServerEntry())) throw new Error('code-server did not install');
  writeFileSync(join(toolsDir, 'installed.json'), JSON.stringify({ codeServer: CODE_SERVER_VERSION, playwright: PLAYWRIGHT_VERSION }) + '\n');
}

// ------------------------------------------------------------------- running

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url, deadlineMs, child) {
  const until = Date.now() + deadlineMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`code-server exited early with ${child.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`code-server did not answer ${url} within ${deadlineMs} ms`);
}

/** Ends a process group started with `detached: true`: TERM, then KILL. */
async function killGroup(child) {
  if (!child?.pid) return;
  const alive = () => {
    try {
      process.kill(-child.pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const until = Date.now() + 5000;
  while (alive() && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
  if (alive()) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
}

async function main() {
  ensureDebianPackages();
  ensureTools();
  log(`tools ready (${elapsed()})`);

  // E2E_EXTENSION_PATH: run the suite against another build of the extension.
  const extensionPath = process.env.E2E_EXTENSION_PATH ?? root;
  if (!process.env.E2E_EXTENSION_PATH) buildExtension({ required: !smoke });
  await buildSuite();

  const { base, workspace, controlDir } = prepareWorkspace();
  const userDataDir = join(base, 'user-data');
  const extensionsDir = join(base, 'extensions');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(
    join(userDataDir, 'User', 'settings.json'),
    JSON.stringify(
      {
        'security.workspace.trust.enabled': false,
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'chat.commandCenter.enabled': false,
        'workbench.colorTheme': 'Default Light Modern',
        'editor.minimap.enabled': false,
        'window.commandCenter': false,
      },
      null,
      2,
    ),
  );

  const port = await freePort();
  const serverLog = join(base, 'code-server.log');
  const logStream = createWriteStream(serverLog);
  log(`starting code-server ${CODE_SERVER_VERSION} on 127.0.0.1:${port} (log: ${serverLog})`);
  const server = spawn(
    process.execPath,
    [
      codeServerEntry(),
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--user-data-dir',
      userDataDir,
      '--extensions-dir',
      extensionsDir,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      workspace,
    ],
    {
      cwd: base,
      detached: true, // its own process group, ended as a whole below
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        E2E_CONTROL_DIR: controlDir,
        E2E_SCREENSHOT: wantScreenshot ? '1' : '',
        // This runner answers the suite's screenshot and render requests (askRunner).
        E2E_RUNNER_PAGES: '1',
        E2E_ONLY: smoke ? 'smoke' : '',
      },
    },
  );
  server.stdout.pipe(logStream);
  server.stderr.pipe(logStream);

  let browser;
  const cleanup = async () => {
    await browser?.close().catch(() => {});
    await killGroup(server);
    logStream.end();
  };
  const onSignal = async (sig) => {
    log(`${sig}: stopping`);
    await cleanup();
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  let exitCode = 1;
  try {
    await waitForHttp(`http://127.0.0.1:${port}/healthz`, 60_000 * scale, server);
    log(`code-server is up (${elapsed()})`);

    const require = createRequire(join(toolsDir, 'package.json'));
    const { chromium } = require('playwright-core');
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: !args.has('--headed'),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-dev-shm-usage',
      ],
    });
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const pageLog = createWriteStream(join(base, 'page-console.log'));
    page.on('console', (m) => pageLog.write(`[${m.type()}] ${m.text()}\n`));
    page.on('pageerror', (e) => pageLog.write(`[pageerror] ${e.stack ?? e}\n`));

    const suiteExit = new Promise((resolve) => {
      page.exposeFunction('codeAutomationExit', (code) => resolve(Number(code)));
    });

    const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
    const payload = [
      ['extensionDevelopmentPath', remote(extensionPath)],
      ['extensionTestsPath', remote(suiteOutDir)],
      ['skipWelcome', 'true'],
    ];
    const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    await page.goto(url);
    log(`workbench loaded, suite running (${elapsed()})`);

    // The suite asks for screenshots and page renders through files in
    // controlDir (request-N.json, answered by response-N.json): only this
    // side can see the browser. See askRunner() in test/e2e/suite/helpers.ts.
    const saved = new Set();
    let stopped = false;
    const handle = async (req) => {
      if (req.kind === 'screenshot') {
        if (!wantScreenshot) return { ok: true, skipped: true };
        // The suite has put on screen what it wants shown; wait until it is drawn.
        if (req.waitFor) {
          const target = page.locator(req.waitFor.selector);
          await (req.waitFor.hasText ? target.filter({ hasText: req.waitFor.hasText }) : target).first().waitFor({ state: 'visible', timeout: 15_000 * scale });
        }
        for (const extra of req.alsoWaitFor ?? [])
          await page
            .locator(extra)
            .first()
            .waitFor({ state: 'attached', timeout: 5_000 * scale })
            .catch(() => {});
        mkdirSync(join(root, 'docs'), { recursive: true });
        const out = join(root, 'docs', `${req.name}.png`);
        await page.screenshot({ path: out });
        saved.add(req.name);
        log(`saved docs/${req.name}.png`);
        return { ok: true };
      }
      if (req.kind === 'render') {
        // A page the extension produced, opened in the same headless Chromium as a file.
        const other = await context.newPage();
        // Every request the page makes beyond itself: a self-contained page makes none.
        const requests = [];
        other.on('request', (r) => {
          if (r.url() !== `file://${req.file}`) requests.push(r.url());
        });
        try {
          await other.goto(`file://${req.file}`);
          const found = {};
          for (const [key, selector] of Object.entries(req.count ?? {})) found[key] = await other.locator(selector).count();
          const texts = {};
          for (const [key, selector] of Object.entries(req.text ?? {})) texts[key] = await other.locator(selector).allInnerTexts();
          if (wantScreenshot && req.name) {
            await other.screenshot({ path: join(root, 'docs', `${req.name}.png`), fullPage: false });
            saved.add(req.name);
            log(`saved docs/${req.name}.png`);
          }
          return { ok: true, found, texts, requests };
        } finally {
          await other.close();
        }
      }
      return { ok: false, error: `unknown request kind ${req.kind}` };
    };
    const requestLoop = (async () => {
      for (let n = 0; !stopped;) {
        const request = join(controlDir, `request-${n}.json`);
        if (!existsSync(request)) {
          await new Promise((r) => setTimeout(r, 200));
          continue;
        }
        let response;
        try {
          response = await handle(JSON.parse(readFileSync(request, 'utf8')));
        } catch (e) {
          log(`request ${n} failed: ${e.message}`);
          await page.screenshot({ path: join(base, `request-${n}-failed.png`) }).catch(() => {});
          response = { ok: false, error: e.message };
        }
        // Written whole, then renamed, so the suite never reads half an answer.
        writeFileSync(join(controlDir, `response-${n}.tmp`), JSON.stringify(response));
        renameSync(join(controlDir, `response-${n}.tmp`), join(controlDir, `response-${n}.json`));
        n++;
      }
    })();
    const deadline = new Promise((resolve) => setTimeout(() => resolve('timeout'), SUITE_DEADLINE_MS).unref());
    const outcome = await Promise.race([suiteExit, deadline]);
    stopped = true;
    await requestLoop;
    if (outcome === 'timeout') {
      log(`the suite did not finish within ${SUITE_DEADLINE_MS / 1000} s`);
      await page.screenshot({ path: join(base, 'timeout.png') }).catch(() => {});
      exitCode = 1;
    } else {
      exitCode = outcome;
    }

    const resultsFile = join(controlDir, 'results.json');
    if (existsSync(resultsFile)) {
      printResults(JSON.parse(readFileSync(resultsFile, 'utf8')));
    } else {
      log('the suite wrote no results (it did not start, or crashed before the end)');
      process.stdout.write('e2e: 0 passed, 1 failed\n');
      if (exitCode === 0) exitCode = 1;
    }
    for (const name of ['screenshot', 'claims-view', 'report']) if (wantScreenshot && !saved.has(name)) log(`warning: docs/${name}.png was not updated`);
  } catch (e) {
    log(`error: ${e.stack ?? e}`);
    exitCode = 1;
  } finally {
    await cleanup();
    if (exitCode !== 0 || keep) {
      log(`logs kept in ${base} (code-server.log, page-console.log)`);
    } else {
      rmSync(base, { recursive: true, force: true });
    }
  }
  log(`exit code ${exitCode}, total ${elapsed()}`);
  return exitCode;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
