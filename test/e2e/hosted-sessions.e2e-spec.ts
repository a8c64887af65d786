import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { FakeOpenAIServer, reply } from '../fixtures/fake-openai-server';
import { createTestApp, type TestApp } from '../support/test-app';

const API_KEY = 'sk-hosted-test-0123456789abcdefghijklmnop';
const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

async function hostedWorkflow(t: TestApp, adminToken: string, opts: { publish?: { require_login?: boolean }; kind?: 'agent' | 'hosted' } = {}): Promise<string> {
  const kind = opts.kind ?? 'hosted';
  const res = await t.http
    .post('/api/workflows')
    .set(auth(adminToken))
    .send({ name: `Hosted ${Math.random()}`, kind, definition: kind === 'hosted' ? { hosted_workflow_id: 'wf_agent_builder_123' } : {} })
    .expect(201);
  if (opts.publish) await t.http.post(`/api/workflows/${res.body.id}/publish`).set(auth(adminToken)).send(opts.publish).expect(200);
  return res.body.id as string;
}

describe('hosted ChatKit sessions', () => {
  let fake: FakeOpenAIServer;
  let t: TestApp;
  let admin: { token: string; id: string };
  let employee: { token: string; id: string };

  beforeAll(async () => {
    fake = await FakeOpenAIServer.start({ apiKey: API_KEY });
    t = await createTestApp({ captureLogs: true, env: { OPENAI_API_KEY: API_KEY, OPENAI_BASE_URL: fake.baseUrl } });
    admin = await t.userWithToken('admin');
    employee = await t.userWithToken('employee');
  });
  afterAll(async () => {
    await t.close();
    await fake.close();
  });

  const sessionRequests = () => fake.requests.filter((r) => r.path === '/v1/chatkit/sessions');

  it('creates a session through the SDK with the caller as user and answers the client secret', async () => {
    const id = await hostedWorkflow(t, admin.token);
    const res = await t.http.post('/api/chatkit/sessions').set(auth(employee.token)).set('X-Request-Id', 'hosted-ok').send({ workflow_id: id }).expect(200);
    expect(res.body).toEqual({
      status: 'success',
      data: { client_secret: expect.stringMatching(/^ek_/), session_id: expect.stringMatching(/^cksess_/), expires_at: expect.any(String) },
    });
    expect(new Date(res.body.data.expires_at).getTime()).toBeGreaterThan(Date.now());
    const upstream = sessionRequests().at(-1)!;
    expect(upstream.body).toEqual({ user: `user:${employee.id}`, workflow: { id: 'wf_agent_builder_123' } });
    expect(upstream.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(upstream.headers['openai-beta']).toBe('chatkit_beta=v1');

    await new Promise((r) => setTimeout(r, 50));
    const line = t.logs!.records().find((r) => r.msg === 'Hosted ChatKit session created' && r.request_id === 'hosted-ok');
    expect(line).toMatchObject({ workflow_id: id, session_id: res.body.data.session_id, caller_via: 'access_token', user_id: employee.id });
    expect(t.logs!.text).not.toContain(res.body.data.client_secret);
    expect(t.logs!.text).not.toContain(API_KEY);
  });

  it('concurrent requests get distinct sessions', async () => {
    const id = await hostedWorkflow(t, admin.token);
    const results = await Promise.all(Array.from({ length: 6 }, () => t.http.post('/api/chatkit/sessions').set(auth(employee.token)).send({ workflow_id: id })));
    expect(results.map((r) => r.status)).toEqual(Array(6).fill(200));
    expect(new Set(results.map((r) => r.body.data.session_id)).size).toBe(6);
    expect(new Set(results.map((r) => r.body.data.client_secret)).size).toBe(6);
  });

  it('accepts a chat session token for that workflow only', async () => {
    const id = await hostedWorkflow(t, admin.token);
    const other = await hostedWorkflow(t, admin.token);
    const chat = (await t.http.post(`/api/workflows/${id}/chatkit/session`).set(auth(employee.token)).expect(201)).body.client_secret;
    await t.http.post('/api/chatkit/sessions').set(auth(chat)).send({ workflow_id: id }).expect(200);
    expect(sessionRequests().at(-1)!.body.user).toBe(`user:${employee.id}`);
    const mismatch = await t.http.post('/api/chatkit/sessions').set(auth(chat)).send({ workflow_id: other }).expect(403);
    expect(mismatch.body.error.code).toBe('chatkit.auth.workflow_mismatch');
  });

  it('lets anonymous callers in only for published workflows that do not require login', async () => {
    const draft = await hostedWorkflow(t, admin.token);
    const open = await hostedWorkflow(t, admin.token, { publish: {} });
    const loginOnly = await hostedWorkflow(t, admin.token, { publish: { require_login: true } });

    const ok = await t.http.post('/api/chatkit/sessions').send({ workflow_id: open }).expect(200);
    expect(ok.body.status).toBe('success');
    const visitor = sessionRequests().at(-1)!.body.user as string;
    expect(visitor).toMatch(/^visitor:.+/);
    // The visitor cookie keeps the same upstream user (and so the same hosted threads) on the next visit.
    const cookie = ([] as string[]).concat(ok.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]);
    expect(cookie.length).toBeGreaterThan(0);
    await t.http.post('/api/chatkit/sessions').set('Cookie', cookie.join('; ')).send({ workflow_id: open }).expect(200);
    expect(sessionRequests().at(-1)!.body.user).toBe(visitor);
    // Pages on origins the workflow does not allow are refused.
    const foreign = await t.http.post('/api/chatkit/sessions').set('Origin', 'https://elsewhere.example.com').send({ workflow_id: open }).expect(403);
    expect(foreign.body.error.code).toBe('chatkit.auth.origin_not_allowed');

    expect((await t.http.post('/api/chatkit/sessions').send({ workflow_id: draft }).expect(403)).body.error.code).toBe('chatkit.auth.not_published');
    expect((await t.http.post('/api/chatkit/sessions').send({ workflow_id: '00000000-0000-4000-8000-000000000000' }).expect(404)).body.error.code).toBe('workflow.not_found');
    const login = await t.http.post('/api/chatkit/sessions').send({ workflow_id: loginOnly }).expect(401);
    expect(login.body.error.code).toBe('chatkit.auth.login_required');
    // Signed-in users may use drafts and login-only workflows.
    await t.http.post('/api/chatkit/sessions').set(auth(employee.token)).send({ workflow_id: draft }).expect(200);
    await t.http.post('/api/chatkit/sessions').set(auth(employee.token)).send({ workflow_id: loginOnly }).expect(200);
  });

  it('refuses bad credentials instead of treating the caller as anonymous, and validates the body', async () => {
    const open = await hostedWorkflow(t, admin.token, { publish: {} });
    expect((await t.http.post('/api/chatkit/sessions').set(auth('garbage')).send({ workflow_id: open }).expect(401)).body.error.code).toBe('auth.invalid_token');
    expect((await t.http.post('/api/chatkit/sessions').set('Authorization', 'Basic abc').send({ workflow_id: open }).expect(401)).body.error.code).toBe('auth.invalid_token');
    const missing = await t.http.post('/api/chatkit/sessions').set(auth(employee.token)).send({ workflow_id: '00000000-0000-4000-8000-000000000000' }).expect(404);
    expect(missing.body.error.code).toBe('workflow.not_found');
    const bad = await t.http.post('/api/chatkit/sessions').set(auth(employee.token)).send({ workflow_id: 'nope', extra: 1 }).expect(400);
    expect(bad.body.error.details.fields.map((f: { field: string }) => f.field).sort()).toEqual(['extra', 'workflow_id']);
    const malformed = await t.http.post('/api/chatkit/sessions').set(auth(employee.token)).set('Content-Type', 'application/json').send('{"workflow_id":').expect(400);
    expect(malformed.body.error.code).toBe('request.malformed_json');
  });

  it('a workflow that is not hosted, or has no reference, is 500 chatkit.hosted.workflow_reference_missing', async () => {
    const agent = await hostedWorkflow(t, admin.token, { kind: 'agent' });
    const res = await t.http.post('/api/chatkit/sessions').set(auth(employee.token)).send({ workflow_id: agent }).expect(500);
    expect(res.body.error.code).toBe('chatkit.hosted.workflow_reference_missing');
  });

  it('maps an upstream 401 to 401 chatkit.hosted.invalid_api_key without logging the key', async () => {
    const id = await hostedWorkflow(t, admin.token);
    fake.sessions(reply.error(401, `Incorrect API key provided: ${API_KEY}.`, { code: 'invalid_api_key' }));
    const res = await t.http.post('/api/chatkit/sessions').set(auth(employee.token)).send({ workflow_id: id }).expect(401);
    expect(res.body.error.code).toBe('chatkit.hosted.invalid_api_key');
    expect(JSON.stringify(res.body)).not.toContain(API_KEY);
    await new Promise((r) => setTimeout(r, 50));
    expect(t.logs!.text).not.toContain(API_KEY);
  });

  it.each([500, 502, 503])('maps an upstream %i to 503 chatkit.hosted.unavailable', async (status) => {
    const id = await hostedWorkflow(t, admin.token);
    fake.sessions(reply.error(status, 'upstream trouble'));
    const res = await t.http.post('/api/chatkit/sessions').set(auth(employee.token)).send({ workflow_id: id }).expect(503);
    expect(res.body.error.code).toBe('chatkit.hosted.unavailable');
  });

  it('maps other upstream refusals to 502 chatkit.hosted.request_rejected', async () => {
    const id = await hostedWorkflow(t, admin.token);
    fake.sessions(reply.error(404, 'Workflow wf_agent_builder_123 not found.'));
    const res = await t.http.post('/api/chatkit/sessions').set(auth(employee.token)).send({ workflow_id: id }).expect(502);
    expect(res.body.error).toMatchObject({ code: 'chatkit.hosted.request_rejected', details: { upstream_status: 404 } });
    expect(res.body.error.message).toContain('not found');
  });
});

describe('hosted ChatKit sessions without an API key', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers 500 chatkit.hosted.api_key_missing', async () => {
    const admin = await t.userWithToken('admin');
    const id = await hostedWorkflow(t, admin.token);
    const res = await t.http.post('/api/chatkit/sessions').set(auth(admin.token)).send({ workflow_id: id }).expect(500);
    expect(res.body.error.code).toBe('chatkit.hosted.api_key_missing');
    expect(res.body.error.message).toContain('OPENAI_API_KEY');
  });
});

describe('hosted ChatKit sessions when OpenAI does not answer', () => {
  let t: TestApp;
  let hanging: Server;
  const sockets = new Set<Socket>();
  let closedPort: number;

  beforeAll(async () => {
    // Accepts connections and never answers: the SDK's timeout must fire.
    hanging = createServer((s) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    });
    await new Promise<void>((r) => hanging.listen(0, '127.0.0.1', r));
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    closedPort = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    t = await createTestApp({
      env: { OPENAI_API_KEY: API_KEY, OPENAI_BASE_URL: `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/v1`, ATRIUM_MODEL_TIMEOUT_MS: '1000' },
    });
  });
  afterAll(async () => {
    await t.close();
    for (const s of sockets) s.destroy();
    await new Promise<void>((r) => hanging.close(() => r()));
  });

  it('maps a timeout to 503 chatkit.hosted.unavailable', async () => {
    const admin = await t.userWithToken('admin');
    const id = await hostedWorkflow(t, admin.token);
    const started = Date.now();
    const res = await t.http.post('/api/chatkit/sessions').set(auth(admin.token)).send({ workflow_id: id }).expect(503);
    expect(res.body.error.code).toBe('chatkit.hosted.unavailable');
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('maps a refused connection to 503 chatkit.hosted.unavailable', async () => {
    // A second app pointing at a port nobody listens on.
    const t2 = await createTestApp({ env: { OPENAI_API_KEY: API_KEY, OPENAI_BASE_URL: `http://127.0.0.1:${closedPort}/v1` } });
    try {
      const admin = await t2.userWithToken('admin');
      const id = await hostedWorkflow(t2, admin.token);
      const res = await t2.http.post('/api/chatkit/sessions').set(auth(admin.token)).send({ workflow_id: id }).expect(503);
      expect(res.body.error.code).toBe('chatkit.hosted.unavailable');
    } finally {
      await t2.close();
    }
  });
});
