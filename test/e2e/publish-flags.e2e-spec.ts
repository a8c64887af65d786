import { createTestApp, type TestApp } from '../support/test-app';

describe('feature flags switched off', () => {
  let t: TestApp;
  let admin: { token: string };
  let id: string;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await createTestApp({
      env: { ATRIUM_CHATKIT_PUBLISH_ENABLED: 'false', ATRIUM_CHATKIT_CANVAS_ENABLED: 'false', OPENAI_API_KEY: 'sk-flags-test-key' },
    });
    admin = await t.userWithToken('admin');
    id = (await t.http.post('/api/workflows').set(auth(admin.token)).send({ name: 'Flagged' }).expect(201)).body.id;
  });
  afterAll(() => t.close());

  it('publish and revoke answer 404 feature.disabled and change nothing', async () => {
    const res = await t.http.post(`/api/workflows/${id}/publish`).set(auth(admin.token)).send({}).expect(404);
    expect(res.body.error).toMatchObject({ code: 'feature.disabled', details: { feature: 'chatkit_publish_enabled' } });
    expect(res.body.error.message).toContain('ATRIUM_CHATKIT_PUBLISH_ENABLED');
    expect((await t.http.post(`/api/workflows/${id}/publish/revoke`).set(auth(admin.token)).expect(404)).body.error.code).toBe('feature.disabled');
    expect((await t.http.get(`/api/workflows/${id}`).set(auth(admin.token)).expect(200)).body.is_public).toBe(false);
    const audit = await t.dataSource.query(`SELECT 1 FROM audit_events WHERE action LIKE 'workflow.%publish%'`);
    expect(audit).toHaveLength(0);
  });

  it('the public workflow page answers 404 feature.disabled', async () => {
    expect((await t.http.get(`/api/public/workflows/${id}`).expect(404)).body.error.code).toBe('feature.disabled');
  });

  it('the Canvas chat session route answers 404 feature.disabled', async () => {
    const res = await t.http.post(`/api/workflows/${id}/chatkit/session`).set(auth(admin.token)).expect(404);
    expect(res.body.error).toMatchObject({ code: 'feature.disabled', details: { feature: 'chatkit_canvas_enabled' } });
  });

  it('GET /api/features reports both flags off (and the hosted key present)', async () => {
    expect((await t.http.get('/api/features').expect(200)).body).toEqual({
      chatkit_publish_enabled: false,
      chatkit_canvas_enabled: false,
      oidc_enabled: false,
      hosted_enabled: true,
    });
  });
});
