import { createTestApp, type TestApp } from '../support/test-app';

describe('auth', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('signs in with the right password and returns a token, its lifetime and the user', async () => {
    const u = await t.userWithToken('employee');
    const res = await t.http.post('/api/auth/login').send({ email: u.email.toUpperCase(), password: u.password }).expect(200);
    expect(res.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600, user: { email: u.email, role: 'employee', is_active: true } });
    expect(typeof res.body.access_token).toBe('string');
    expect(res.body.user.password_hash).toBeUndefined();
    const me = await t.http.get('/api/auth/me').set('Authorization', `Bearer ${res.body.access_token}`).expect(200);
    expect(me.body.user.id).toBe(u.id);
    expect(me.body.permissions).toContain('workflows.read');
    expect(me.body.permissions).not.toContain('workflows.write');
  });

  it('refuses a wrong password with 401 and audits the failure', async () => {
    const u = await t.userWithToken('employee');
    const res = await t.http.post('/api/auth/login').send({ email: u.email, password: 'wrong-password' }).expect(401);
    expect(res.body.error).toMatchObject({ code: 'auth.invalid_credentials' });
    expect(res.body.error.request_id).toEqual(res.headers['x-request-id']);
    const rows = await t.dataSource.query(`SELECT action, summary FROM audit_events WHERE action = 'auth.login_failed' AND summary->>'email' = $1`, [u.email]);
    expect(rows).toHaveLength(1);
    expect(rows[0].summary.reason).toBe('wrong_password');
    expect(JSON.stringify(rows)).not.toContain('wrong-password');
  });

  it('refuses an unknown account the same way', async () => {
    const res = await t.http.post('/api/auth/login').send({ email: 'nobody@example.test', password: 'whatever123' }).expect(401);
    expect(res.body.error.code).toBe('auth.invalid_credentials');
  });

  it('answers 401 without a token, with a bad token and with a token signed by someone else', async () => {
    expect((await t.http.get('/api/auth/me').expect(401)).body.error.code).toBe('auth.unauthenticated');
    expect((await t.http.get('/api/auth/me').set('Authorization', 'Bearer nonsense').expect(401)).body.error.code).toBe('auth.invalid_token');
    const u = await t.userWithToken('admin');
    const [h, p] = u.token.split('.');
    const forged = `${h}.${p}.${Buffer.from('x'.repeat(32)).toString('base64url')}`;
    expect((await t.http.get('/api/auth/me').set('Authorization', `Bearer ${forged}`).expect(401)).body.error.code).toBe('auth.invalid_token');
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${p}.`;
    expect((await t.http.get('/api/auth/me').set('Authorization', `Bearer ${none}`).expect(401)).body.error.code).toBe('auth.invalid_token');
  });

  it('rejects a malformed login body with 400 naming the fields', async () => {
    const res = await t.http.post('/api/auth/login').send({ email: 'not-an-email', extra: 1 }).expect(400);
    expect(res.body.error.code).toBe('request.invalid');
    const fields = res.body.error.details.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['email', 'password', 'extra']));
  });

  it('a deactivated account can no longer use its token', async () => {
    const admin = await t.userWithToken('admin');
    const u = await t.userWithToken('employee');
    await t.http.patch(`/api/users/${u.id}`).set('Authorization', `Bearer ${admin.token}`).send({ is_active: false }).expect(200);
    expect((await t.http.get('/api/auth/me').set('Authorization', `Bearer ${u.token}`).expect(401)).body.error.code).toBe('auth.invalid_token');
    expect((await t.http.post('/api/auth/login').send({ email: u.email, password: u.password }).expect(403)).body.error.code).toBe('auth.account_disabled');
  });
});

describe('login rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { ATRIUM_LOGIN_RATE_LIMIT: '3' } });
  });
  afterAll(() => t.close());

  it('answers 429 with Retry-After and code rate_limited past the limit', async () => {
    for (let i = 0; i < 3; i++) await t.http.post('/api/auth/login').send({ email: 'x@example.test', password: 'nope-nope' }).expect(401);
    const res = await t.http.post('/api/auth/login').send({ email: 'x@example.test', password: 'nope-nope' }).expect(429);
    expect(res.body.error.code).toBe('rate_limited');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });
});
