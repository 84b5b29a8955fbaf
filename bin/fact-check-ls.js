#!/usr/bin/env node
// Entry point of the standalone language server (`fact-check-ls --stdio`).
require('../dist/server.js');
