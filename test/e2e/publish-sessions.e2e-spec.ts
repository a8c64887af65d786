import { JwtService } from '@nestjs/jwt';
import { createTestApp, type TestApp } from '../support/test-app';
import { ChatSessionTokens } from '../../server/src/publish/chat-session-tokens';

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;

describe('chat session tokens (Canvas bubble)', () => {
  let t: TestApp;
  let admin: { token: string; id: string };
  let employee: { token: string; id: string };
  let auditor: { token: string; id: string };
  let draftId: string;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await createTestApp({ captureLogs: true });
    admin = await t.userWithToken('admin');
    employee = await t.userWithToken('employee');
    auditor = await t.userWithToken('auditor');
    draftId = (await t.http.post('/api/workflows').set(auth(admin.token)).send({ name: 'Draft for canvas' }).expect(201)).body.id;
  });
  afterAll(() => t.close());

  it('issues an HS256 JWT bound to the workflow and the user, valid for 300 s by default', async () => {
    const before = Math.floor(Date.now() / 1000);
    const res = await t.http.post(`/api/workflows/${draftId}/chatkit/session`).set(auth(employee.token)).expect(201);
    expect(Object.keys(res.body).sort()).toEqual(['client_secret', 'expires_at']);
    const [header] = res.body.client_secret.split('.');
    expect(JSON.parse(Buffer.from(header, 'base64url').toString('utf8'))).toMatchObject({ alg: 'HS256' });
    const claims = claimsOf(res.body.client_secret);
    expect(claims).toMatchObject({ typ: 'chat_session', sub: employee.id, workflow_id: draftId, role: 'employee' });
    expect((claims.exp as number) - (claims.iat as number)).toBe(300);
    expect(claims.iat).toBeGreaterThanOrEqual(before);
    expect(new Date(res.body.expires_at).getTime()).toBe((claims.exp as number) * 1000);

    expect(await t.app.get(ChatSessionTokens).verify(res.body.client_secret)).toEqual({ userId: employee.id, workflowId: draftId, role: 'employee' });
  });

  it('every role that may read workflows gets one, published or not; unknown workflows are 404', async () => {
    for (const u of [admin, employee, auditor]) {
      const res = await t.http.post(`/api/workflows/${draftId}/chatkit/session`).set(auth(u.token)).expect(201);
      expect(claimsOf(res.body.client_secret).sub).toBe(u.id);
    }
    await t.http.post(`/api/workflows/${draftId}/chatkit/session`).expect(401);
    const missing = await t.http.post('/api/workflows/00000000-0000-4000-8000-000000000000/chatkit/session').set(auth(employee.token)).expect(404);
    expect(missing.body.error.code).toBe('workflow.not_found');
  });

  it('logs the issuance without the token', async () => {
    const res = await t.http.post(`/api/workflows/${draftId}/chatkit/session`).set(auth(admin.token)).set('X-Request-Id', 'chat-session-log').expect(201);
    await new Promise((r) => setTimeout(r, 50));
    const line = t.logs!.records().find((r) => r.msg === 'Chat session token issued' && r.request_id === 'chat-session-log');
    expect(line).toMatchObject({ workflow_id: draftId, user_id: admin.id, role: 'admin', ttl_seconds: 300, expires_at: res.body.expires_at });
    const secret = res.body.client_secret as string;
    expect(t.logs!.text).not.toContain(secret);
    expect(t.logs!.text).not.toContain(secret.split('.')[2]);
  });

  it('a chat session token is not an access token', async () => {
    const res = await t.http.post(`/api/workflows/${draftId}/chatkit/session`).set(auth(admin.token)).expect(201);
    expect((await t.http.get('/api/auth/me').set(auth(res.body.client_secret)).expect(401)).body.error.code).toBe('auth.invalid_token');
    expect((await t.http.get('/api/workflows').set(auth(res.body.client_secret)).expect(401)).body.error.code).toBe('auth.invalid_token');
  });

  describe('ChatSessionTokens.verify', () => {
    let tokens: ChatSessionTokens;
    let jwt: JwtService;
    const now = () => Math.floor(Date.now() / 1000);
    beforeAll(() => {
      tokens = t.app.get(ChatSessionTokens);
      jwt = t.app.get(JwtService);
    });

    const expectCode = async (token: string, code: string) => {
      await expect(tokens.verify(token)).rejects.toMatchObject({ code });
    };

    it('refuses an expired token with auth.token_expired', async () => {
      const expired = await jwt.signAsync({ typ: 'chat_session', sub: employee.id, workflow_id: draftId, role: 'employee', iat: now() - 400, exp: now() - 100 });
      await expectCode(expired, 'auth.token_expired');
    });

    it('refuses alg none, other algorithms, forged signatures, other types and garbage with auth.invalid_token', async () => {
      const good = (await tokens.issue({ userId: employee.id, workflowId: draftId, role: 'employee' })).token;
      const [, payload] = good.split('.');
      await expectCode(`${b64({ alg: 'none', typ: 'JWT' })}.${payload}.`, 'auth.invalid_token');
      await expectCode(`${b64({ alg: 'HS512', typ: 'JWT' })}.${payload}.${good.split('.')[2]}`, 'auth.invalid_token');
      await expectCode(`${b64({ alg: 'RS256', typ: 'JWT' })}.${payload}.${good.split('.')[2]}`, 'auth.invalid_token');
      await expectCode(`${good.split('.')[0]}.${payload}.${Buffer.from('x'.repeat(32)).toString('base64url')}`, 'auth.invalid_token');
      const other = await jwt.signAsync({ typ: 'chat_session', sub: employee.id, workflow_id: draftId, role: 'employee' }, { secret: 'another-secret-another-secret-another-secret', expiresIn: 60 });
      await expectCode(other, 'auth.invalid_token');
      await expectCode(employee.token, 'auth.invalid_token'); // an access token
      await expectCode(await jwt.signAsync({ typ: 'chat_session', sub: employee.id, role: 'employee' }, { expiresIn: 60 }), 'auth.invalid_token');
      await expectCode(await jwt.signAsync({ typ: 'chat_session', sub: employee.id, workflow_id: draftId, role: 'root' }, { expiresIn: 60 }), 'auth.invalid_token');
      await expectCode('not.a.jwt', 'auth.invalid_token');
      await expectCode('', 'auth.invalid_token');
    });
  });
});

describe('chat session token lifetime from configuration', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { ATRIUM_CHAT_SESSION_TTL_SECONDS: '60' } });
  });
  afterAll(() => t.close());

  it('uses ATRIUM_CHAT_SESSION_TTL_SECONDS', async () => {
    const admin = await t.userWithToken('admin');
    const id = (await t.http.post('/api/workflows').set('Authorization', `Bearer ${admin.token}`).send({ name: 'Short' }).expect(201)).body.id;
    const res = await t.http.post(`/api/workflows/${id}/chatkit/session`).set('Authorization', `Bearer ${admin.token}`).expect(201);
    const claims = claimsOf(res.body.client_secret);
    expect((claims.exp as number) - (claims.iat as number)).toBe(60);
  });
});
