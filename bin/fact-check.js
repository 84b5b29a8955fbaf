#!/usr/bin/env node
// Entry point of the `fact-check` CLI: the bundled build in dist/.
require('../dist/cli.js')
  .runAsync(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
