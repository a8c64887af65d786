import { createTestApp, type TestApp } from '../support/test-app';

describe('publishing workflows', () => {
  let t: TestApp;
  let admin: { token: string; id: string; email: string };
  let employee: { token: string };
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const BASE = 'https://atrium.example.test';

  beforeAll(async () => {
    t = await createTestApp({ env: { PUBLIC_BASE_URL: `${BASE}/` } });
    admin = await t.userWithToken('admin');
    employee = await t.userWithToken('employee');
  });
  afterAll(() => t.close());

  async function workflow(name = 'Benefits helper'): Promise<string> {
    const res = await t.http
      .post('/api/workflows')
      .set(auth(admin.token))
      .send({ name, definition: { greeting: 'Hi! Ask me about benefits.', instructions: 'Secret instructions', starter_prompts: [{ label: 'Leave', prompt: 'How much leave do I have?' }] } })
      .expect(201);
    return res.body.id as string;
  }

  const auditRows = (id: string) =>
    t.dataSource.query(`SELECT action, actor_id, summary FROM audit_events WHERE target_id = $1 AND action LIKE 'workflow.%publish%' ORDER BY seq`, [id]) as Promise<
      { action: string; actor_id: string; summary: { before: Record<string, unknown>; after: Record<string, unknown> } }[]
    >;

  it('publishes with normalised origins, answers the publish envelope and audits before/after', async () => {
    const id = await workflow();
    const res = await t.http
      .post(`/api/workflows/${id}/publish`)
      .set(auth(admin.token))
      .send({ require_login: true, allowed_origins: ['HTTPS://Intranet.Example.com:443', 'http://localhost:4200', 'https://intranet.example.com'] })
      .expect(200);
    const shareUrl = `${BASE}/chat/${id}`;
    expect(res.body.publish).toEqual({
      is_public: true,
      published_at: expect.any(String),
      published_by: admin.id,
      require_login: true,
      allowed_origins: ['https://intranet.example.com', 'http://localhost:4200'],
      share_url: shareUrl,
    });
    expect(res.body.workflow).toMatchObject({ id, is_public: true, require_login: true, share_url: shareUrl, published_by: admin.id });
    expect(res.body.message).toContain(shareUrl);

    const rows = await auditRows(id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'workflow.published',
      actor_id: admin.id,
      summary: {
        before: { is_public: false, require_login: false, allowed_origins: [], published_at: null, published_by: null },
        after: { is_public: true, require_login: true, allowed_origins: ['https://intranet.example.com', 'http://localhost:4200'], published_by: admin.id },
      },
    });

    // The workflow API shows the state and the share URL too.
    const got = (await t.http.get(`/api/workflows/${id}`).set(auth(employee.token)).expect(200)).body;
    expect(got).toMatchObject({ is_public: true, share_url: shareUrl });
    const list = (await t.http.get('/api/workflows?status=published').set(auth(employee.token)).expect(200)).body;
    expect(list.data.find((w: { id: string }) => w.id === id).share_url).toBe(shareUrl);
  });

  it('re-publishing updates the settings (no 409), keeps omitted ones and audits workflow.publish_updated', async () => {
    const id = await workflow();
    const first = (await t.http.post(`/api/workflows/${id}/publish`).set(auth(admin.token)).send({ allowed_origins: ['https://a.example.com'] }).expect(200)).body;
    const second = await t.http.post(`/api/workflows/${id}/publish`).set(auth(admin.token)).send({ require_login: true }).expect(200);
    expect(second.body.publish).toMatchObject({ is_public: true, require_login: true, allowed_origins: ['https://a.example.com'], published_at: first.publish.published_at });
    const third = await t.http.post(`/api/workflows/${id}/publish`).set(auth(admin.token)).send({ allowed_origins: [] }).expect(200);
    expect(third.body.publish).toMatchObject({ require_login: true, allowed_origins: [] });

    const rows = await auditRows(id);
    expect(rows.map((r) => r.action)).toEqual(['workflow.published', 'workflow.publish_updated', 'workflow.publish_updated']);
    expect(rows[1].summary.before).toMatchObject({ is_public: true, require_login: false, allowed_origins: ['https://a.example.com'] });
    expect(rows[1].summary.after).toMatchObject({ is_public: true, require_login: true, allowed_origins: ['https://a.example.com'] });

    // Same settings again: nothing changes and nothing is audited.
    const same = await t.http.post(`/api/workflows/${id}/publish`).set(auth(admin.token)).send({ require_login: true, allowed_origins: [] }).expect(200);
    expect(same.body.message).toContain('nothing changed');
    expect(await auditRows(id)).toHaveLength(3);
  });

  it('revoking clears every publish field, audits workflow.unpublished, and is idempotent', async () => {
    const id = await workflow();
    await t.http.post(`/api/workflows/${id}/publish`).set(auth(admin.token)).send({ require_login: true, allowed_origins: ['https://a.example.com'] }).expect(200);
    const res = await t.http.post(`/api/workflows/${id}/publish/revoke`).set(auth(admin.token)).expect(200);
    expect(res.body.publish).toEqual({ is_public: false, require_login: false, allowed_origins: [] });
    expect(res.body.workflow).toMatchObject({ id, is_public: false, require_login: false, allowed_origins: [] });
    expect(res.body.workflow.share_url).toBeUndefined();
    expect(res.body.workflow.published_at).toBeUndefined();
    expect(typeof res.body.message).toBe('string');

    const rows = await auditRows(id);
    expect(rows.map((r) => r.action)).toEqual(['workflow.published', 'workflow.unpublished']);
    expect(rows[1].summary.before).toMatchObject({ is_public: true, require_login: true, allowed_origins: ['https://a.example.com'], published_by: admin.id });
    expect(rows[1].summary.after).toEqual({ is_public: false, require_login: false, allowed_origins: [], published_at: null, published_by: null });

    const again = await t.http.post(`/api/workflows/${id}/publish/revoke`).set(auth(admin.token)).expect(200);
    expect(again.body.message).toContain('was not published');
    expect(await auditRows(id)).toHaveLength(2);

    // Re-publishing after a revoke starts from cleared settings.
    const back = await t.http.post(`/api/workflows/${id}/publish`).set(auth(admin.token)).send({}).expect(200);
    expect(back.body.publish).toMatchObject({ is_public: true, require_login: false, allowed_origins: [] });
    expect((await auditRows(id)).map((r) => r.action)).toEqual(['workflow.published', 'workflow.unpublished', 'workflow.published']);
  });

  it.each([
    ['*', 'wildcard'],
    ['https://*.example.com', 'wildcard'],
    ['https://a.example.com/app', 'no path'],
    ['intranet.example.com', 'scheme://host'],
    ['ftp://files.example.com', 'scheme://host'],
  ])('rejects the origin %j with 400 naming the field', async (origin, hint) => {
    const id = await workflow();
    const res = await t.http.post(`/api/workflows/${id}/publish`).set(auth(admin.token)).send({ allowed_origins: ['https://ok.example.com', origin] }).expect(400);
    expect(res.body.error.code).toBe('request.invalid');
    expect(res.body.error.details.fields).toEqual([{ field: 'allowed_origins[1]', message: expect.stringContaining(hint) }]);
    expect((await t.http.get(`/api/workflows/${id}`).set(auth(admin.token)).expect(200)).body.is_public).toBe(false);
    expect(await auditRows(id)).toHaveLength(0);
  });

  it('rejects malformed bodies and unknown fields', async () => {
    const id = await workflow();
    const res = await t.http.post(`/api/workflows/${id}/publish`).set(auth(admin.token)).send({ require_login: 'yes', allowed_origins: 'https://a.example.com', public: true }).expect(400);
    const fields = res.body.error.details.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['require_login', 'allowed_origins', 'public']));
  });

  it('is admin-only and answers 404 for an unknown workflow', async () => {
    const id = await workflow();
    const forbidden = await t.http.post(`/api/workflows/${id}/publish`).set(auth(employee.token)).send({}).expect(403);
    expect(forbidden.body.error.code).toBe('auth.forbidden');
    await t.http.post(`/api/workflows/${id}/publish/revoke`).set(auth(employee.token)).expect(403);
    await t.http.post(`/api/workflows/${id}/publish`).send({}).expect(401);
    const missing = await t.http.post('/api/workflows/00000000-0000-4000-8000-000000000000/publish').set(auth(admin.token)).send({}).expect(404);
    expect(missing.body.error.code).toBe('workflow.not_found');
    await t.http.post('/api/workflows/00000000-0000-4000-8000-000000000000/publish/revoke').set(auth(admin.token)).expect(404);
  });

  it('the public workflow endpoint shows only what the chat page needs, and only while published', async () => {
    const id = await workflow('Public helper');
    const before = await t.http.get(`/api/public/workflows/${id}`).expect(404);
    expect(before.body.error.code).toBe('workflow.not_found');

    await t.http.post(`/api/workflows/${id}/publish`).set(auth(admin.token)).send({ require_login: true }).expect(200);
    const res = await t.http.get(`/api/public/workflows/${id}`).expect(200);
    expect(res.body).toEqual({
      id,
      name: 'Public helper',
      kind: 'agent',
      greeting: 'Hi! Ask me about benefits.',
      starter_prompts: [{ label: 'Leave', prompt: 'How much leave do I have?' }],
      require_login: true,
      login_url: `/api/auth/oidc/login?return_to=/chat/${id}`,
    });
    expect(JSON.stringify(res.body)).not.toContain('Secret instructions');

    await t.http.post(`/api/workflows/${id}/publish/revoke`).set(auth(admin.token)).expect(200);
    expect((await t.http.get(`/api/public/workflows/${id}`).expect(404)).body.error.code).toBe('workflow.not_found');
    expect((await t.http.get('/api/public/workflows/00000000-0000-4000-8000-000000000000').expect(404)).body.error.code).toBe('workflow.not_found');
    expect((await t.http.get('/api/public/workflows/not-a-uuid').expect(404)).body.error.code).toBe('workflow.not_found');
  });

  it('GET /api/features is public and reports what is on', async () => {
    const res = await t.http.get('/api/features').expect(200);
    expect(res.body).toEqual({ chatkit_publish_enabled: true, chatkit_canvas_enabled: true, oidc_enabled: false, hosted_enabled: false });
  });
});
