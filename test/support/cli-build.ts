import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '..', '..');
const DIST = join(REPO_ROOT, 'dist');
const CLI_DIR = join(DIST, 'app', 'server', 'src', 'cli');
const STAMP = join(DIST, 'app', '.build-stamp');
const LOCK = join(DIST, '.build-lock');

/** The compiled entry points, as `npm run build:server` (nest build) produces them. */
export const BUILT = {
  atrium: join(CLI_DIR, 'atrium.js'),
  atriumMcp: join(CLI_DIR, 'atrium-mcp.js'),
};

/** What the CLI and MCP binaries are built from (their code, the API types, the build setup). */
const SOURCES = ['server/src/cli', 'server/bin', 'libs/protocol/src', 'nest-cli.json', 'tsconfig.json', 'server/tsconfig.build.json', 'package.json'];

/**
 * One id per jest run, shared by its workers, so that a build made earlier in the same
 * run is never deleted under another test file's feet: jest's workers are processes it
 * forked (with an IPC channel), so the id is their parent's pid; in band, jest's own.
 */
const RUN_ID = String(typeof process.send === 'function' ? process.ppid : process.pid);

function newestMtime(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let newest = s.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

function upToDate(): boolean {
  if (!existsSync(STAMP) || !existsSync(BUILT.atrium) || !existsSync(BUILT.atriumMcp)) return false;
  if (readFileSync(STAMP, 'utf8').trim() === RUN_ID) return true;
  const built = statSync(STAMP).mtimeMs;
  return SOURCES.every((p) => !existsSync(join(REPO_ROOT, p)) || newestMtime(join(REPO_ROOT, p)) <= built);
}

async function withLock<T>(fn: () => Promise<T>): Promise<T> {
  mkdirSync(DIST, { recursive: true });
  const deadline = Date.now() + 5 * 60_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      // A lock left by a killed run is stale after 5 minutes.
      if (Date.now() - statSync(LOCK).mtimeMs > 5 * 60_000) rmSync(LOCK, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`Timed out waiting for the build lock ${LOCK}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/**
 * Compiles the server (`nest build`, what `npm run build:server` runs) unless this jest
 * run already did, or the build is newer than every CLI source, so the tests run the
 * real built binaries even on a fresh clone. Test files take turns (a lock folder).
 */
export async function ensureServerBuilt(): Promise<typeof BUILT> {
  await withLock(async () => {
    if (upToDate()) return;
    const started = Date.now();
    const nest = require.resolve('@nestjs/cli/bin/nest.js', { paths: [REPO_ROOT] });
    const { code, output } = await new Promise<{ code: number | null; output: string }>((done) => {
      const child = spawn(process.execPath, [nest, 'build'], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (d: Buffer) => (output += d.toString()));
      child.stderr.on('data', (d: Buffer) => (output += d.toString()));
      child.on('close', (c) => done({ code: c, output }));
    });
    if (code !== 0 || !existsSync(BUILT.atrium)) throw new Error(`nest build failed (exit ${code}):\n${output}`);
    // Sources edited during the build leave the stamp older than them: the next run rebuilds.
    writeFileSync(STAMP, RUN_ID);
    utimesSync(STAMP, new Date(started), new Date(started));
  });
  return BUILT;
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node <file> ...args` asynchronously (the server under test lives in this process). */
export function runNode(file: string, args: string[], opts: { env: Record<string, string>; input?: string; timeoutMs?: number }): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [file, ...args], { env: opts.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${file} ${args.join(' ')} did not finish within ${opts.timeoutMs ?? 20_000} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, opts.timeoutMs ?? 20_000);
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr });
    });
    child.stdin.end(opts.input ?? '');
  });
}
