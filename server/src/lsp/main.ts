/**
 * Entry point of the language server (dist/server.js, `fact-check-ls`).
 * Creates the connection from the command line (`--stdio` for editors such
 * as Neovim and Helix, `--node-ipc` from VS Code) and hands it to the server.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

const USAGE = `Usage: fact-check-ls --stdio

The Fact Check for Drafts language server. Start it from your editor's LSP
client; it speaks LSP over standard input/output (--stdio), Node IPC
(--node-ipc) or a socket (--socket=PORT).
`;

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(USAGE);
  process.exit(0);
}
if (args.includes('--version') || args.includes('-v')) {
  // dist/server.js sits next to package.json's folder in the package and the .vsix.
  let version = 'unknown';
  try {
    version = (JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as { version?: string }).version ?? version;
  } catch {
    // A copied bundle without its package.json still runs.
  }
  process.stdout.write(`fact-check-ls ${version}\n`);
  process.exit(0);
}
if (!args.some((a) => /^--(stdio|node-ipc|socket|pipe)\b/.test(a))) {
  // createConnection would throw a cryptic error; say what is expected instead.
  process.stderr.write(`fact-check-ls: no transport given.\n\n${USAGE}`);
  process.exit(2);
}

// Test hooks (a memory probe, injected faults) exist only for the test suite.
startServer(createConnection(ProposedFeatures.all), { testHooks: process.env.FACT_CHECK_TEST_HOOKS === '1' });
