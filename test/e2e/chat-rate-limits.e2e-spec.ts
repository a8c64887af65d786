import Redis from 'ioredis';
import { __resetOutOfContextForTests } from 'nestjs-pino/PinoLogger';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTestApp, type TestApp } from '../support/test-app';
import { createWorkflow } from '../support/chatkit';
import { BrowserChatClient, publishWorkflow } from '../support/public-chat';

const REDIS_URL = 'redis://127.0.0.1:6379';

async function publishedWorkflow(t: TestApp, name = 'Rate-limited chat'): Promise<string> {
  const admin = await t.userWithToken('admin');
  const id = await createWorkflow(t, admin.token, {}, name);
  await publishWorkflow(t, admin.token, id);
  return id;
}

function expectRateLimited(res: { status: number; headers: Record<string, string>; json?: any; body?: any }) {
  const body = res.json ?? res.body;
  expect(res.status).toBe(429);
  expect(body.error.code).toBe('rate_limited');
  const retryAfter = Number(res.headers['retry-after']);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expect(body.error.details.retry_after_seconds).toBe(retryAfter);
}

/** Per-IP, per-identity and per-workflow limits on the chat routes (memory storage). */
describe('chat rate limits', () => {
  it('per IP: over ATRIUM_RATE_LIMIT_IP a minute → 429 rate_limited with Retry-After (the session route included)', async () => {
    const t = await createTestApp({ env: { ATRIUM_RATE_LIMIT_IP: '4', ATRIUM_LOGIN_RATE_LIMIT: '1000' } });
    try {
      const wf = await publishedWorkflow(t);
      const admin = await t.userWithToken('admin');
      // Different visitors, same IP.
      for (let i = 0; i < 3; i++) expect((await new BrowserChatClient(t, wf).list()).status).toBe(200);
      expect((await t.http.post(`/api/workflows/${wf}/chatkit/session`).set('Authorization', `Bearer ${admin.token}`)).status).toBe(201);
      expectRateLimited(await new BrowserChatClient(t, wf).list());
      expectRateLimited(await new BrowserChatClient(t, wf, { token: admin.token }).list());
      const session = await t.http.post(`/api/workflows/${wf}/chatkit/session`).set('Authorization', `Bearer ${admin.token}`);
      expectRateLimited({ status: session.status, headers: session.headers as Record<string, string>, body: session.body });
      // Other routes are not chat-limited, and sign-in has its own limit.
      expect((await t.http.get(`/api/workflows/${wf}`).set('Authorization', `Bearer ${admin.token}`)).status).toBe(200);
      expect((await t.http.post('/api/auth/login').send({ email: admin.email, password: admin.password })).status).toBe(200);
    } finally {
      await t.close();
    }
  });

  it('per identity: one visitor over ATRIUM_RATE_LIMIT_IDENTITY is limited, another visitor is not', async () => {
    const t = await createTestApp({ env: { ATRIUM_RATE_LIMIT_IDENTITY: '3' } });
    try {
      const wf = await publishedWorkflow(t);
      const a = new BrowserChatClient(t, wf);
      for (let i = 0; i < 3; i++) expect((await a.list()).status).toBe(200);
      expectRateLimited(await a.list());
      expect((await new BrowserChatClient(t, wf).list()).status).toBe(200);
      // A signed-in user is an identity too.
      const u = await t.userWithToken('employee');
      const user = new BrowserChatClient(t, wf, { token: u.token });
      for (let i = 0; i < 3; i++) expect((await user.list()).status).toBe(200);
      expectRateLimited(await user.list());
    } finally {
      await t.close();
    }
  });

  it('per workflow: public callers of one workflow share ATRIUM_RATE_LIMIT_WORKFLOW; other workflows and signed-in users are unaffected', async () => {
    const t = await createTestApp({ env: { ATRIUM_RATE_LIMIT_WORKFLOW: '3' } });
    try {
      const busy = await publishedWorkflow(t, 'Busy');
      const quiet = await publishedWorkflow(t, 'Quiet');
      for (let i = 0; i < 3; i++) expect((await new BrowserChatClient(t, busy).list()).status).toBe(200);
      expectRateLimited(await new BrowserChatClient(t, busy).list());
      expect((await new BrowserChatClient(t, quiet).list()).status).toBe(200);
      const u = await t.userWithToken('employee');
      expect((await new BrowserChatClient(t, busy, { token: u.token }).list()).status).toBe(200);
    } finally {
      await t.close();
    }
  });

  it('the sign-in limit does not apply to chat, and chat limits do not apply to sign-in', async () => {
    const t = await createTestApp({ env: { ATRIUM_LOGIN_RATE_LIMIT: '2', ATRIUM_RATE_LIMIT_IP: '2' } });
    try {
      const wf = await publishedWorkflow(t); // signs in once (admin)
      for (let i = 0; i < 2; i++) expect((await new BrowserChatClient(t, wf).list()).status).toBe(200);
      expectRateLimited(await new BrowserChatClient(t, wf).list());
      const ok = await t.http.post('/api/auth/login').send({ email: 'nobody@example.test', password: 'wrong-password' });
      expect(ok.status).toBe(401);
      const limited = await t.http.post('/api/auth/login').send({ email: 'nobody@example.test', password: 'wrong-password' });
      expect(limited.status).toBe(429);
      expect(limited.body.error.message).toMatch(/sign-in attempts/);
    } finally {
      await t.close();
    }
  });
});

/** With REDIS_URL, several instances count together (the machine's Redis, a unique key prefix per test). */
describe('chat rate limits shared through Redis', () => {
  let redis: Redis;
  const prefixes: string[] = [];
  beforeAll(() => {
    redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  });
  afterAll(async () => {
    for (const prefix of prefixes) {
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length) await redis.del(...keys);
    }
    await redis.quit();
  });

  it('two app instances share the per-IP counter', async () => {
    const prefix = `atrium-test-${randomBytes(6).toString('hex')}:`;
    prefixes.push(prefix);
    const env = { REDIS_URL, REDIS_KEY_PREFIX: prefix, ATRIUM_RATE_LIMIT_IP: '5' };
    const one = await createTestApp({ env });
    const two = await createTestApp({ env });
    try {
      const wfOne = await publishedWorkflow(one);
      const wfTwo = await publishedWorkflow(two);
      const results: number[] = [];
      for (const [t, wf] of [[one, wfOne], [two, wfTwo], [one, wfOne], [two, wfTwo], [one, wfOne]] as const) results.push((await new BrowserChatClient(t, wf).list()).status);
      expect(results).toEqual([200, 200, 200, 200, 200]);
      // The sixth request is over the shared limit, whichever instance gets it.
      expectRateLimited(await new BrowserChatClient(two, wfTwo).list());
      expectRateLimited(await new BrowserChatClient(one, wfOne).list());
      const keys = await redis.keys(`${prefix}*`);
      expect(keys.length).toBeGreaterThan(0);
      expect(keys.every((k) => k.startsWith(prefix))).toBe(true);
    } finally {
      await one.close();
      await two.close();
    }
  });

  it('if Redis cannot be reached, chat keeps working (limits fail open) and the failure is logged', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    // Log lines written outside a request go to the first app of the process (nestjs-pino); make it this one.
    __resetOutOfContextForTests();
    const t = await createTestApp({ captureLogs: true, env: { REDIS_URL: `redis://:hunter2-redis-pw@127.0.0.1:${port}`, ATRIUM_RATE_LIMIT_IP: '1' } });
    try {
      const wf = await publishedWorkflow(t);
      for (let i = 0; i < 3; i++) expect((await new BrowserChatClient(t, wf).list()).status).toBe(200);
      expect(t.logs!.text).toMatch(/Redis is unreachable at start|Rate-limit storage failed/);
      expect(t.logs!.text).not.toContain('hunter2-redis-pw');
    } finally {
      await t.close();
    }
  });
});
