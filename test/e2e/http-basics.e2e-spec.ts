import { createTestApp, type TestApp } from '../support/test-app';

describe('errors, health and API docs', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('unknown API routes are 404 in the error shape, with the request id', async () => {
    const res = await t.http.get('/api/nope').set('X-Request-Id', 'trace-123').expect(404);
    expect(res.body).toEqual({ error: { code: 'route.not_found', message: expect.any(String), request_id: 'trace-123' } });
    expect(res.headers['x-request-id']).toBe('trace-123');
  });

  it('a malformed JSON body is a 400, not a 500', async () => {
    const res = await t.http.post('/api/auth/login').set('Content-Type', 'application/json').send('{"email": ').expect(400);
    expect(res.body.error.code).toBe('request.malformed_json');
    expect(res.body.error.request_id).toBeTruthy();
  });

  it('an oversized body is a 413 in the error shape', async () => {
    const res = await t.http.post('/api/auth/login').set('Content-Type', 'application/json').send(JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(2 * 1024 * 1024) })).expect(413);
    expect(res.body.error.code).toBe('request.payload_too_large');
  });

  it('never sends stack traces', async () => {
    const res = await t.http.get('/api/workflows/not-a-uuid').set('Authorization', 'Bearer x').expect(401);
    expect(JSON.stringify(res.body)).not.toMatch(/at \w+ \(|node_modules|\.ts:\d+/);
  });

  it('health: liveness and readiness (database up, migrations applied)', async () => {
    expect((await t.http.get('/api/health').expect(200)).body).toEqual({ status: 'ok' });
    expect((await t.http.get('/api/health/ready').expect(200)).body).toEqual({ status: 'ready', database: 'up', migrations: 'applied' });
  });

  it('serves OpenAPI as JSON and the docs UI', async () => {
    const doc = (await t.http.get('/api/docs.json').expect(200)).body;
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/workflows', '/api/audit', '/api/audit/verify']));
    const ui = await t.http.get('/api/docs').expect(200);
    expect(ui.text).toContain('swagger');
  });

  it('sets security headers', async () => {
    const res = await t.http.get('/api/health').expect(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});

describe('readiness with a pending migration', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers 503 not_ready while a migration is pending', async () => {
    await t.dataSource.undoLastMigration();
    const res = await t.http.get('/api/health/ready').expect(503);
    expect(res.body).toEqual({ status: 'not_ready', database: 'up', migrations: 'pending' });
    await t.dataSource.runMigrations();
  });
});
