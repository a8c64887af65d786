#!/usr/bin/env node
// Builds the chat page script and the embed script into dist/chat-page/:
//   page.js   ES module, loaded by GET /chat/:workflowId (served as /chat-assets/page.js)
//   embed.js  classic script, served as /embed.js (the chat bubble; defines no globals)
// both minified with sourcemaps. They load <atrium-chat> from dist/chat-element/
// (build it with libs/chat-element/build.mjs). Prints raw and gzip sizes and fails
// when either is over its budget.
//
//   node libs/chat-page/build.mjs
import { build } from 'esbuild';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const outdir = join(root, 'dist', 'chat-page');

const common = {
  bundle: true,
  minify: true,
  sourcemap: true,
  target: ['es2022', 'chrome111', 'firefox113', 'safari16.4'],
  platform: 'browser',
  legalComments: 'eof',
  tsconfig: join(root, 'tsconfig.json'),
  logLevel: 'warning',
};

const outputs = [
  { entry: 'page.ts', file: 'page.js', format: 'esm', budget: 16 * 1024 },
  { entry: 'embed.ts', file: 'embed.js', format: 'iife', budget: 16 * 1024 },
];

mkdirSync(outdir, { recursive: true });
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
let failed = false;
for (const { entry, file, format, budget } of outputs) {
  const outfile = join(outdir, file);
  await build({ ...common, entryPoints: [join(here, 'src', entry)], format, outfile });
  const bytes = readFileSync(outfile);
  const gz = gzipSync(bytes, { level: 9 }).length;
  const over = gz > budget;
  failed ||= over;
  console.log(`${relative(root, outfile).padEnd(38)} ${format.padEnd(4)}  raw ${kb(bytes.length).padStart(9)}  gzip ${kb(gz).padStart(8)}  ${over ? `OVER BUDGET (${kb(budget)})` : `ok (budget ${kb(budget)})`}`);
}
if (failed) {
  console.error('chat-page: a bundle exceeds its gzip budget');
  process.exit(1);
}
