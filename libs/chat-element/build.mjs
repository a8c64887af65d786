#!/usr/bin/env node
// Builds <atrium-chat> into dist/chat-element/: atrium-chat.js (ES module) and
// atrium-chat.iife.js (classic script; defines the element, creates no other global),
// both minified with sourcemaps. Prints raw and gzip sizes and fails when either
// bundle is over the budget (60 KB gzip).
//
//   node libs/chat-element/build.mjs            (npm run build:element)
import { build } from 'esbuild';
import { readFileSync, mkdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const outdir = join(root, 'dist', 'chat-element');
const BUDGET_GZIP = 60 * 1024;

const common = {
  entryPoints: [join(here, 'src', 'index.ts')],
  bundle: true,
  minify: true,
  sourcemap: true,
  target: ['es2022', 'chrome111', 'firefox113', 'safari16.4'],
  platform: 'browser',
  legalComments: 'eof',
  tsconfig: join(root, 'tsconfig.json'),
  logLevel: 'warning',
  metafile: true,
  define: { 'process.env.NODE_ENV': '"production"' },
};

mkdirSync(outdir, { recursive: true });
const outputs = [
  { file: 'atrium-chat.js', format: 'esm' },
  { file: 'atrium-chat.iife.js', format: 'iife' },
];

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
let failed = false;
for (const { file, format } of outputs) {
  const outfile = join(outdir, file);
  await build({ ...common, format, outfile });
  const bytes = readFileSync(outfile);
  const gz = gzipSync(bytes, { level: 9 }).length;
  const over = gz > BUDGET_GZIP;
  failed ||= over;
  console.log(`${relative(root, outfile).padEnd(38)} ${format.padEnd(4)}  raw ${kb(bytes.length).padStart(9)}  gzip ${kb(gz).padStart(8)}  ${over ? `OVER BUDGET (${kb(BUDGET_GZIP)})` : `ok (budget ${kb(BUDGET_GZIP)})`}`);
}
if (failed) {
  console.error('chat-element: bundle exceeds the 60 KB gzip budget');
  process.exit(1);
}
