import { createTestApp, type TestApp } from '../support/test-app';

describe('users', () => {
  let t: TestApp;
  let admin: { token: string; id: string };
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.userWithToken('admin');
  });
  afterAll(() => t.close());

  it('admins create, list, change the role of and deactivate users; each change is audited', async () => {
    const created = (await t.http.post('/api/users').set(auth(admin.token)).send({ email: 'Ann@Example.test', name: 'Ann', role: 'employee', password: 'long-enough-pw' }).expect(201)).body;
    expect(created).toMatchObject({ email: 'ann@example.test', role: 'employee', is_active: true });
    expect(created.password).toBeUndefined();
    await t.http.post('/api/users').set(auth(admin.token)).send({ email: 'ann@example.test', name: 'Ann 2', role: 'employee', password: 'long-enough-pw' }).expect(409);

    const list = (await t.http.get('/api/users?q=ann').set(auth(admin.token)).expect(200)).body;
    expect(list.total).toBe(1);

    await t.http.patch(`/api/users/${created.id}`).set(auth(admin.token)).send({ role: 'auditor' }).expect(200);
    await t.http.patch(`/api/users/${created.id}`).set(auth(admin.token)).send({ is_active: false }).expect(200);
    const rows = await t.dataSource.query(`SELECT action, actor_id, summary FROM audit_events WHERE target_id = $1 ORDER BY seq`, [created.id]);
    expect(rows.map((r: { action: string }) => r.action)).toEqual(['user.created', 'user.role_changed', 'user.deactivated']);
    expect(rows[1].summary).toMatchObject({ before: { role: 'employee' }, after: { role: 'auditor' } });
    expect(rows.every((r: { actor_id: string }) => r.actor_id === admin.id)).toBe(true);
  });

  it('refuses invalid roles and unknown fields with 400', async () => {
    const res = await t.http.post('/api/users').set(auth(admin.token)).send({ email: 'b@example.test', name: 'B', role: 'root', password: 'long-enough-pw', is_admin: true }).expect(400);
    const fields = res.body.error.details.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['role', 'is_admin']));
  });

  it('an admin cannot demote or deactivate themselves', async () => {
    const res = await t.http.patch(`/api/users/${admin.id}`).set(auth(admin.token)).send({ role: 'employee' }).expect(409);
    expect(res.body.error.code).toBe('user.cannot_change_self');
  });

  it('non-admins get 403 on user management', async () => {
    for (const role of ['employee', 'auditor'] as const) {
      const u = await t.userWithToken(role);
      expect((await t.http.get('/api/users').set(auth(u.token)).expect(403)).body.error.code).toBe('auth.forbidden');
      await t.http.post('/api/users').set(auth(u.token)).send({ email: 'c@example.test', name: 'C', role: 'admin', password: 'long-enough-pw' }).expect(403);
    }
  });

  it('a role change takes effect on the next request with the same token', async () => {
    const u = await t.userWithToken('employee');
    await t.http.get('/api/audit').set(auth(u.token)).expect(403);
    await t.http.patch(`/api/users/${u.id}`).set(auth(admin.token)).send({ role: 'auditor' }).expect(200);
    await t.http.get('/api/audit').set(auth(u.token)).expect(200);
  });
});
