#!/usr/bin/env node
// Entry point of the `fact-check` CLI: the bundled build in dist/.
process.exitCode = require('../dist/cli.js').run(process.argv.slice(2));
