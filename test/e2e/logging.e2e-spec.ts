import { createTestApp, type TestApp } from '../support/test-app';

describe('structured logs', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ captureLogs: true, env: { OPENAI_API_KEY: 'sk-test-abcdefghijklmnopqrstuvwxyz0123456789' } });
  });
  afterAll(() => t.close());

  it('writes one JSON line per request with request id, user id, method, route, status and latency', async () => {
    const admin = await t.userWithToken('admin');
    const created = await t.http.post('/api/workflows').set('Authorization', `Bearer ${admin.token}`).set('X-Request-Id', 'log-req-1').send({ name: 'Logged' }).expect(201);
    await t.http.get(`/api/workflows/${created.body.id}`).set('Authorization', `Bearer ${admin.token}`).set('X-Request-Id', 'log-req-2').expect(200);
    await new Promise((r) => setTimeout(r, 50));
    const line = t.logs!.records().find((r) => r.request_id === 'log-req-2' && r.latency_ms !== undefined);
    expect(line).toMatchObject({ level: 'info', request_id: 'log-req-2', user_id: admin.id, method: 'GET', route: '/api/workflows/:id', res: { status: 200 }, workflow_id: created.body.id });
    expect(typeof line!.latency_ms).toBe('number');
  });

  it('never logs passwords, tokens, API keys or secrets', async () => {
    const password = 'Sup3r-Secret-Password!';
    const u = await t.userWithToken('employee');
    await t.http.post('/api/auth/login').send({ email: u.email, password }).expect(401);
    await t.http.post('/api/auth/login').send({ email: u.email, password: u.password }).expect(200);
    await t.http.get('/api/auth/me?access_token=should-not-appear-in-logs').set('Authorization', `Bearer ${u.token}`).set('Cookie', 'session=cookie-value-xyz').expect(200);
    // An error path that logs the raw exception: a query failure with parameters.
    await t.http.post('/api/users').set('Authorization', `Bearer ${u.token}`).send({ password }).expect(403);
    await new Promise((r) => setTimeout(r, 50));
    const text = t.logs!.text;
    expect(text.length).toBeGreaterThan(0);
    for (const secret of [password, u.password, u.token, 'should-not-appear-in-logs', 'cookie-value-xyz', 'sk-test-abcdefghijklmnopqrstuvwxyz0123456789', t.config.jwtSecret]) {
      expect(text).not.toContain(secret);
    }
  });
});
