#!/usr/bin/env node
'use strict';
// Launcher for the `atrium` command (package.json "bin"). The command itself is TypeScript
// (server/src/cli/atrium.ts) compiled by `npm run build:server` into dist/; this file only
// finds it, or says how to build it.
const { existsSync } = require('node:fs');
const { join, resolve } = require('node:path');

const root = resolve(__dirname, '..', '..');
const compiled = join(root, 'dist', 'app', 'server', 'src', 'cli', 'atrium.js');
if (!existsSync(compiled)) {
  process.stderr.write(`atrium: not built yet. Run \`npm run build:server\` (or \`npm run build\`) in ${root} first.\n`);
  process.exit(1);
}
require(compiled)
  .main()
  .then((code) => {
    if (typeof code === 'number') process.exitCode = code;
  })
  .catch((e) => {
    process.stderr.write(`atrium: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
