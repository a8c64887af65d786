#!/usr/bin/env node
// Chat throughput benchmark: N concurrent clients drive threads.create and
// threads.add_user_message against a server using the builtin model provider and
// PostgreSQL persistence. Prints turns/s, time to first event (p50/p99) and the
// server's peak RSS.
//
//   npm run bench:chat                                  # starts its own server (embedded PostgreSQL)
//   npm run bench:chat -- --clients 32 --turns 20000
//   DATABASE_URL=postgres://… npm run bench:chat        # against that database
//   npm run bench:chat -- --url http://host:3000 --email admin@x --password …   # a running server (no RSS figure)
//
// Not part of `npm test`: figures, not assertions.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, chmodSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Agent, request } from 'node:http';

const { values: opts } = parseArgs({
  options: {
    url: { type: 'string' },
    email: { type: 'string', default: 'bench@atrium.local' },
    password: { type: 'string', default: 'bench-password-123' },
    clients: { type: 'string', default: '8' },
    turns: { type: 'string', default: '10000' },
    warmup: { type: 'string', default: '200' },
    'sample-every': { type: 'string', default: '1000' },
    // The spawned server's LOG_LEVEL: `info` adds one request log line per turn.
    'log-level': { type: 'string', default: 'warn' },
  },
});
const clients = Number(opts.clients);
const totalTurns = Number(opts.turns);
const warmup = Number(opts.warmup);
// Keep-alive connections, one per client, like browsers reuse theirs.
const agent = new Agent({ keepAlive: true, maxSockets: clients * 2 });

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
let server;
let serverPid;
let base = opts.url;

async function startServer() {
  const dataDir = mkdtempSync(join(tmpdir(), 'atrium-bench-'));
  chmodSync(dataDir, 0o755);
  const port = 3400 + Math.floor(Math.random() * 500);
  server = spawn(process.execPath, [join(root, 'dist/app/server/src/main.js')], {
    env: { ...process.env, PORT: String(port), ATRIUM_DATA_DIR: dataDir, ATRIUM_ADMIN_EMAIL: opts.email, ATRIUM_ADMIN_PASSWORD: opts.password, LOG_LEVEL: opts['log-level'], OPENAI_API_KEY: '',
      // One user on one IP drives thousands of turns a minute: lift the chat rate limits (per minute) out of the way.
      ATRIUM_RATE_LIMIT_IP: '1000000', ATRIUM_RATE_LIMIT_IDENTITY: '1000000', ATRIUM_RATE_LIMIT_WORKFLOW: '1000000' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  serverPid = server.pid;
  base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${base}/api/health/ready`)).ok) return dataDir;
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('server did not become ready');
}

function rssKb(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return { rss: Number(/VmRSS:\s+(\d+)/.exec(status)[1]), hwm: Number(/VmHWM:\s+(\d+)/.exec(status)[1]) };
  } catch {
    return undefined;
  }
}

/** CPU seconds (user + system) used so far by the server process and by its descendants (the embedded PostgreSQL). */
function cpuSeconds(pid) {
  const tick = 100; // USER_HZ on Linux
  const stat = (p) => {
    try {
      const s = readFileSync(`/proc/${p}/stat`, 'utf8');
      const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
      // utime + stime, and for descendants also the reaped children's (exited backends count too).
      return { ppid: Number(f[1]), cpu: (Number(f[11]) + Number(f[12])) / tick, reaped: (Number(f[13]) + Number(f[14])) / tick };
    } catch {
      return undefined;
    }
  };
  const self = stat(pid);
  if (!self) return undefined;
  const children = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const st = stat(name);
    if (!st) continue;
    if (!children.has(st.ppid)) children.set(st.ppid, []);
    children.get(st.ppid).push({ pid: Number(name), cpu: st.cpu + st.reaped });
  }
  let descendants = 0;
  const walk = (p) => {
    for (const c of children.get(p) ?? []) {
      descendants += c.cpu;
      walk(c.pid);
    }
  };
  walk(pid);
  return { server: self.cpu, db: descendants };
}

async function json(method, path, token, body) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/** One streamed request; resolves with time to first event and the thread id seen. */
function turn(token, workflowId, type, params) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const body = JSON.stringify({ type, params });
    const req = request(
      `${base}/api/chatkit?workflow_id=${workflowId}`,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${token}` } },
      (res) => {
        let ttfe;
        let buf = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => {
          if (ttfe === undefined) ttfe = performance.now() - t0;
          buf += chunk;
        });
        res.on('end', () => {
          if (res.statusCode !== 200) return reject(new Error(`${type}: ${res.statusCode} ${buf.slice(0, 300)}`));
          if (buf.includes('"type":"error"')) return reject(new Error(`stream error: ${buf.slice(0, 300)}`));
          // A tool that failed is answered politely (no error event): count it as an error too.
          if (buf.includes('failed unexpectedly')) return reject(new Error(`tool failed: ${buf.slice(0, 300)}`));
          resolve({ ttfe, threadId: /"thread":\{"id":"([^"]+)"/.exec(buf)?.[1] });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function pct(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main() {
  let dataDir;
  if (!base) dataDir = await startServer();
  // The server seeds its administrator just after it starts listening: retry the first sign-in a little.
  let login;
  for (let attempt = 1; !login; attempt++) {
    try {
      login = await json('POST', '/api/auth/login', undefined, { email: opts.email, password: opts.password });
    } catch (e) {
      if (attempt >= 40 || !String(e).includes(': 401 ')) throw e;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  const token = login.access_token;
  const wf = await json('POST', '/api/workflows', token, {
    name: `Bench ${Date.now()}`,
    definition: { tool_packs: ['tasks'], model: { provider: 'builtin' }, instructions: 'Benchmark' },
  });

  const ttfes = [];
  const rssSamples = [];
  let done = 0;
  let started = 0;
  let errors = 0;
  const phaseStart = { t: 0 };

  async function client(id) {
    let threadId;
    let n = 0;
    while (started < totalTurns + warmup) {
      const mine = started++;
      const text = n % 5 === 4 ? 'show my tasks' : `add task bench ${id}-${n}`;
      const input = { content: [{ type: 'input_text', text }], attachments: [], inference_options: {} };
      try {
        // A new thread every 20 turns keeps threads realistic in size.
        const r = !threadId || n % 20 === 0
          ? await turn(token, wf.id, 'threads.create', { input })
          : await turn(token, wf.id, 'threads.add_user_message', { thread_id: threadId, input });
        if (r.threadId) threadId = r.threadId;
        if (mine >= warmup) {
          if (phaseStart.t === 0) {
            phaseStart.t = performance.now();
            if (serverPid) phaseStart.cpu = cpuSeconds(serverPid);
          }
          ttfes.push(r.ttfe);
          done++;
          if (serverPid && done % Number(opts['sample-every']) === 0) rssSamples.push({ turns: done, ...rssKb(serverPid) });
        }
      } catch (e) {
        errors++;
        if (errors < 5) console.error(String(e));
      }
      n++;
    }
  }

  const t0 = performance.now();
  await Promise.all(Array.from({ length: clients }, (_, i) => client(i)));
  const elapsed = (performance.now() - (phaseStart.t || t0)) / 1000;
  ttfes.sort((a, b) => a - b);
  const final = serverPid ? rssKb(serverPid) : undefined;
  const cpuEnd = serverPid ? cpuSeconds(serverPid) : undefined;

  console.log(`clients              ${clients}`);
  console.log(`turns                ${done} (after ${warmup} warm-up turns), errors ${errors}`);
  console.log(`throughput           ${(done / elapsed).toFixed(0)} turns/s`);
  console.log(`time to first event  p50 ${pct(ttfes, 50).toFixed(2)} ms, p99 ${pct(ttfes, 99).toFixed(2)} ms`);
  if (cpuEnd && phaseStart.cpu) {
    // CPU per turn does not depend on what else loads the machine (throughput does).
    const ms = (sec) => ((sec * 1000) / done).toFixed(2);
    console.log(`CPU per turn         server ${ms(cpuEnd.server - phaseStart.cpu.server)} ms, PostgreSQL ${ms(cpuEnd.db - phaseStart.cpu.db)} ms (load average ${loadavg().map((l) => l.toFixed(2)).join(' ')})`);
  }
  if (final) {
    console.log(`server RSS           now ${(final.rss / 1024).toFixed(0)} MB, peak ${(final.hwm / 1024).toFixed(0)} MB`);
    if (rssSamples.length > 1) {
      console.log(`RSS over the run     ${rssSamples.map((s) => `${s.turns}:${(s.rss / 1024).toFixed(0)}MB`).join(' ')}`);
    }
  }
  if (server) {
    server.kill('SIGINT');
    await new Promise((r) => server.once('exit', r));
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  server?.kill('SIGINT');
  process.exit(1);
});
