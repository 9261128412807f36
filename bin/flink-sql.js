#!/usr/bin/env node
// The `flink-sql` command: a shim over the bundled CLI (built by `npm run build`).
require('../out/cli.js');
