import { createWorkflow } from '../support/chatkit';
import { publishWorkflow } from '../support/public-chat';
import { createTestApp, type TestApp } from '../support/test-app';

const ALLOWED = 'https://intranet.example.com';
const HOUR = 3_600_000;

describe('chat telemetry (POST /api/telemetry, GET /api/workflows/:id/telemetry)', () => {
  let t: TestApp;
  let admin: { token: string };
  let workflowId: string;

  const rows = async (id: string) =>
    (await t.dataSource.query(`SELECT event, surface FROM telemetry_events WHERE workflow_id = $1 ORDER BY occurred_at, created_at`, [id])) as { event: string; surface: string | null }[];

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.userWithToken('admin');
    workflowId = await createWorkflow(t, admin.token, {}, 'Telemetry');
    await publishWorkflow(t, admin.token, workflowId, { allowedOrigins: [ALLOWED] });
  });
  afterAll(() => t.close());

  it('accepts an event as JSON and as text/plain (navigator.sendBeacon) and stores it without content', async () => {
    const id = await createWorkflow(t, admin.token, {}, 'Accept');
    const json = await t.http.post('/api/telemetry').send({ workflow_id: id, event: 'open', surface: 'page', at: new Date().toISOString() });
    expect(json.status).toBe(204);
    const beacon = await t.http
      .post('/api/telemetry')
      .set('Content-Type', 'text/plain;charset=UTF-8')
      .set('Origin', ALLOWED)
      .send(JSON.stringify({ workflow_id: id, event: 'close', surface: 'bubble' }));
    // Drafts report too (the admin's Canvas chats with unpublished workflows); origin checks use Atrium's own origin then.
    expect(beacon.status).toBe(403);
    await publishWorkflow(t, admin.token, id, { allowedOrigins: [ALLOWED] });
    const again = await t.http
      .post('/api/telemetry')
      .set('Content-Type', 'text/plain;charset=UTF-8')
      .set('Origin', ALLOWED)
      .send(JSON.stringify({ workflow_id: id, event: 'close', surface: 'bubble' }));
    expect(again.status).toBe(204);
    const canvas = await t.http.post('/api/telemetry').set('Origin', t.config.publicBaseUrl).send({ workflow_id: id, event: 'token_refresh_failed', surface: 'canvas' });
    expect(canvas.status).toBe(204);
    expect(await rows(id)).toEqual([
      { event: 'open', surface: 'page' },
      { event: 'close', surface: 'bubble' },
      { event: 'token_refresh_failed', surface: 'canvas' },
    ]);
    const columns = (await t.dataSource.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'telemetry_events' ORDER BY column_name`)) as { column_name: string }[];
    expect(columns.map((c) => c.column_name)).toEqual(['created_at', 'event', 'id', 'occurred_at', 'surface', 'workflow_id']);
  });

  it('refuses message content and any other unknown field, naming it', async () => {
    for (const extra of [{ message: 'my salary is 42k' }, { content: [{ type: 'input_text', text: 'hi' }] }, { user: 'alice@example.com' }]) {
      const res = await t.http.post('/api/telemetry').send({ workflow_id: workflowId, event: 'response_failed', ...extra });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('request.invalid');
      expect(res.body.error.details.fields.map((f: { field: string }) => f.field)).toEqual(Object.keys(extra));
    }
    const beacon = await t.http.post('/api/telemetry').set('Content-Type', 'text/plain').send(JSON.stringify({ workflow_id: workflowId, event: 'open', text: 'hello' }));
    expect(beacon.status).toBe(400);
    expect(await rows(workflowId)).toEqual([]);
  });

  it('validates every field and the workflow', async () => {
    const cases: [Record<string, unknown>, number, string][] = [
      [{ event: 'open' }, 400, 'workflow_id'],
      [{ workflow_id: 'nope', event: 'open' }, 400, 'workflow_id'],
      [{ workflow_id: workflowId, event: 'clicked' }, 400, 'event'],
      [{ workflow_id: workflowId, event: 'open', surface: 'desktop' }, 400, 'surface'],
      [{ workflow_id: workflowId, event: 'open', at: 'yesterday' }, 400, 'at'],
    ];
    for (const [body, status, field] of cases) {
      const res = await t.http.post('/api/telemetry').send(body);
      expect({ body, status: res.status, fields: res.body.error?.details?.fields?.map((f: { field: string }) => f.field) }).toEqual({ body, status, fields: [field] });
    }
    const unknown = await t.http.post('/api/telemetry').send({ workflow_id: '7b0f3a58-8c2e-4f7e-9a57-3f1f7f0a1b2c', event: 'open' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('workflow.not_found');
    const malformed = await t.http.post('/api/telemetry').set('Content-Type', 'text/plain').send('{"workflow_id":');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('request.malformed_json');
    const otherSite = await t.http.post('/api/telemetry').set('Origin', 'https://evil.example.net').send({ workflow_id: workflowId, event: 'open' });
    expect(otherSite.status).toBe(403);
    expect(otherSite.body.error.code).toBe('chatkit.auth.origin_not_allowed');
    expect(await rows(workflowId)).toEqual([]);
  });

  it('counts events per event and hour or day for admins, zeros included', async () => {
    const id = await createWorkflow(t, admin.token, {}, 'Stats');
    const now = Date.now();
    const hourStart = Math.floor(now / HOUR) * HOUR;
    const send = (event: string, at: number, surface = 'page') => t.http.post('/api/telemetry').send({ workflow_id: id, event, surface, at: new Date(at).toISOString() });
    for (const [event, at] of [
      ['open', hourStart - 2 * HOUR + 60_000],
      ['open', hourStart - 2 * HOUR + 120_000],
      ['response_failed', hourStart - 2 * HOUR + 180_000],
      ['open', Math.max(hourStart, now - 1000)],
      ['close', Math.max(hourStart, now - 500)],
    ] as const) {
      expect((await send(event, at)).status).toBe(204);
    }
    // An older event straight into the table (clients can only report the last 24 hours).
    await t.dataSource.query(`INSERT INTO telemetry_events (workflow_id, event, surface, occurred_at) VALUES ($1, 'open', 'bubble', $2)`, [id, new Date(now - 3 * 24 * HOUR)]);

    const hourly = await t.http
      .get(`/api/workflows/${id}/telemetry`)
      .query({ bucket: 'hour', from: new Date(hourStart - 3 * HOUR).toISOString(), to: new Date(now).toISOString() })
      .set('Authorization', `Bearer ${admin.token}`);
    expect(hourly.status).toBe(200);
    const zero = { open: 0, close: 0, response_failed: 0, token_refresh_failed: 0 };
    expect(hourly.body).toEqual({
      workflow_id: id,
      bucket: 'hour',
      from: new Date(hourStart - 3 * HOUR).toISOString(),
      to: new Date(hourStart + HOUR).toISOString(),
      buckets: [
        { start: new Date(hourStart - 3 * HOUR).toISOString(), counts: zero },
        { start: new Date(hourStart - 2 * HOUR).toISOString(), counts: { ...zero, open: 2, response_failed: 1 } },
        { start: new Date(hourStart - HOUR).toISOString(), counts: zero },
        { start: new Date(hourStart).toISOString(), counts: { ...zero, open: 1, close: 1 } },
      ],
      totals: { ...zero, open: 3, close: 1, response_failed: 1 },
    });

    const daily = await t.http.get(`/api/workflows/${id}/telemetry`).query({ bucket: 'day' }).set('Authorization', `Bearer ${admin.token}`);
    expect(daily.status).toBe(200);
    expect(daily.body.buckets).toHaveLength(31);
    expect(daily.body.totals).toEqual({ open: 4, close: 1, response_failed: 1, token_refresh_failed: 0 });
    const threeDaysAgo = new Date(Math.floor((now - 3 * 24 * HOUR) / (24 * HOUR)) * 24 * HOUR).toISOString();
    expect(daily.body.buckets.find((b: { start: string }) => b.start === threeDaysAgo).counts.open).toBe(1);
  });

  it('is for admins only and checks its query', async () => {
    const employee = await t.userWithToken('employee');
    const auditor = await t.userWithToken('auditor');
    const url = `/api/workflows/${workflowId}/telemetry`;
    expect((await t.http.get(url)).status).toBe(401);
    expect((await t.http.get(url).set('Authorization', `Bearer ${employee.token}`)).status).toBe(403);
    expect((await t.http.get(url).set('Authorization', `Bearer ${auditor.token}`)).status).toBe(403);
    const auth = (req: ReturnType<TestApp['http']['get']>) => req.set('Authorization', `Bearer ${admin.token}`);
    expect((await auth(t.http.get('/api/workflows/7b0f3a58-8c2e-4f7e-9a57-3f1f7f0a1b2c/telemetry'))).status).toBe(404);
    for (const query of [{ bucket: 'week' }, { from: 'soon' }, { from: '2026-03-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }, { bucket: 'hour', from: '2026-01-01T00:00:00Z', to: '2026-06-01T00:00:00Z' }, { limit: 5 }]) {
      const res = await auth(t.http.get(url).query(query));
      expect({ query, status: res.status, code: res.body.error?.code }).toEqual({ query, status: 400, code: 'request.invalid' });
    }
  });
});

describe('chat telemetry rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { ATRIUM_TELEMETRY_RATE_LIMIT: '3' } });
  });
  afterAll(() => t.close());

  it('refuses more than ATRIUM_TELEMETRY_RATE_LIMIT events a minute from one IP with 429 and Retry-After', async () => {
    const admin = await t.userWithToken('admin');
    const id = await createWorkflow(t, admin.token, {}, 'Limited');
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 5; i++) {
      last = await t.http.post('/api/telemetry').send({ workflow_id: id, event: 'open' });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([204, 204, 204, 429, 429]);
    expect(last!.body.error.code).toBe('rate_limited');
    expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
    expect(last!.body.error.details.retry_after_seconds).toBeGreaterThan(0);
    const [{ count }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM telemetry_events WHERE workflow_id = $1`, [id]);
    expect(count).toBe(3);
    // Chat requests have their own limits: telemetry never uses them up.
    const chat = await t.http.post(`/api/chatkit?workflow_id=${id}`).set('Authorization', `Bearer ${admin.token}`).set('Content-Type', 'application/json').send(JSON.stringify({ type: 'threads.list', params: {} }));
    expect(chat.status).toBe(200);
  });
});
