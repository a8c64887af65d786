import { createTestApp, type TestApp } from '../support/test-app';

describe('workflows', () => {
  let t: TestApp;
  let admin: { token: string; id: string };
  let employee: { token: string };
  let auditor: { token: string };
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.userWithToken('admin');
    employee = await t.userWithToken('employee');
    auditor = await t.userWithToken('auditor');
  });
  afterAll(() => t.close());

  it('creates a workflow with defaults filled in, version 1, unpublished, and audits it', async () => {
    const res = await t.http
      .post('/api/workflows')
      .set(auth(admin.token))
      .send({ name: '  Expense helper ', description: 'Explains expense rules', definition: { instructions: 'Be precise.', greeting: 'Hello!' } })
      .expect(201);
    expect(res.body).toMatchObject({
      name: 'Expense helper',
      kind: 'agent',
      version: 1,
      is_public: false,
      require_login: false,
      allowed_origins: [],
      created_by: admin.id,
      definition: { instructions: 'Be precise.', greeting: 'Hello!', tool_packs: [], starter_prompts: [], model: { provider: 'auto' } },
    });
    expect(res.body.published_at).toBeUndefined();
    const audit = await t.dataSource.query(`SELECT action, actor_id, workflow_id FROM audit_events WHERE target_id = $1`, [res.body.id]);
    expect(audit).toEqual([{ action: 'workflow.created', actor_id: admin.id, workflow_id: res.body.id }]);
  });

  it('validates the definition and names each bad field', async () => {
    const res = await t.http
      .post('/api/workflows')
      .set(auth(admin.token))
      .send({ name: 'Bad', definition: { model: { temperature: 7 }, starter_prompts: [{ label: '' }], surprise: true } })
      .expect(400);
    expect(res.body.error.code).toBe('request.invalid');
    const fields = res.body.error.details.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['definition.model.temperature', 'definition.starter_prompts[0].label', 'definition.starter_prompts[0].prompt', 'definition.surprise']));
  });

  it('rejects unknown tool packs with workflow.definition_invalid naming the field', async () => {
    const res = await t.http.post('/api/workflows').set(auth(admin.token)).send({ name: 'X', definition: { tool_packs: ['no-such-pack'] } }).expect(400);
    expect(res.body.error.code).toBe('workflow.definition_invalid');
    expect(res.body.error.details.fields[0].field).toBe('definition.tool_packs[0]');
  });

  it('updates bump the version, keep history, and honour expected_version', async () => {
    const created = (await t.http.post('/api/workflows').set(auth(admin.token)).send({ name: 'Versioned', definition: { greeting: 'v1' } }).expect(201)).body;
    const v2 = (await t.http.patch(`/api/workflows/${created.id}`).set(auth(admin.token)).send({ definition: { greeting: 'v2' }, expected_version: 1 }).expect(200)).body;
    expect(v2.version).toBe(2);
    expect(v2.definition.greeting).toBe('v2');
    expect(v2.definition.model.provider).toBe('auto');
    const conflict = await t.http.patch(`/api/workflows/${created.id}`).set(auth(admin.token)).send({ name: 'Stale', expected_version: 1 }).expect(409);
    expect(conflict.body.error.code).toBe('workflow.version_conflict');
    const unchanged = (await t.http.patch(`/api/workflows/${created.id}`).set(auth(admin.token)).send({ definition: { greeting: 'v2' } }).expect(200)).body;
    expect(unchanged.version).toBe(2);
    const versions = (await t.http.get(`/api/workflows/${created.id}/versions`).set(auth(employee.token)).expect(200)).body.data;
    expect(versions.map((v: { version: number; definition: { greeting: string } }) => [v.version, v.definition.greeting])).toEqual([[2, 'v2'], [1, 'v1']]);
    const one = (await t.http.get(`/api/workflows/${created.id}/versions/1`).set(auth(auditor.token)).expect(200)).body;
    expect(one.definition.greeting).toBe('v1');
    await t.http.get(`/api/workflows/${created.id}/versions/9`).set(auth(admin.token)).expect(404);
  });

  it('lists with search and pagination; employees and auditors read but cannot write', async () => {
    for (const name of ['Alpha search', 'Beta search', 'Gamma other']) {
      await t.http.post('/api/workflows').set(auth(admin.token)).send({ name }).expect(201);
    }
    const page = (await t.http.get('/api/workflows?q=search&limit=1&offset=0').set(auth(employee.token)).expect(200)).body;
    expect(page.total).toBe(2);
    expect(page.data).toHaveLength(1);
    const page2 = (await t.http.get('/api/workflows?q=search&limit=1&offset=1').set(auth(auditor.token)).expect(200)).body;
    expect(page2.data[0].id).not.toBe(page.data[0].id);
    const drafts = (await t.http.get('/api/workflows?status=draft&limit=200').set(auth(admin.token)).expect(200)).body;
    expect(drafts.data.every((w: { is_public: boolean }) => !w.is_public)).toBe(true);
    await t.http.get('/api/workflows?limit=0').set(auth(admin.token)).expect(400);

    const denied = await t.http.post('/api/workflows').set(auth(employee.token)).send({ name: 'Nope' }).expect(403);
    expect(denied.body.error.code).toBe('auth.forbidden');
    await t.http.patch(`/api/workflows/${page.data[0].id}`).set(auth(auditor.token)).send({ name: 'Nope' }).expect(403);
    await t.http.delete(`/api/workflows/${page.data[0].id}`).set(auth(auditor.token)).expect(403);
    await t.http.get('/api/workflows').expect(401);
  });

  it('deletes with an audit row; unknown ids are 404 and malformed ids 400', async () => {
    const w = (await t.http.post('/api/workflows').set(auth(admin.token)).send({ name: 'Doomed' }).expect(201)).body;
    await t.http.delete(`/api/workflows/${w.id}`).set(auth(admin.token)).expect(204);
    expect((await t.http.get(`/api/workflows/${w.id}`).set(auth(admin.token)).expect(404)).body.error.code).toBe('workflow.not_found');
    await t.http.get('/api/workflows/not-a-uuid').set(auth(admin.token)).expect(400);
    const rows = await t.dataSource.query(`SELECT action FROM audit_events WHERE target_id = $1 ORDER BY seq`, [w.id]);
    expect(rows.map((r: { action: string }) => r.action)).toEqual(['workflow.created', 'workflow.deleted']);
  });
});
