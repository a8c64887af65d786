import { JwtService } from '@nestjs/jwt';
import { createTestApp, TEST_JWT_SECRET, type TestApp } from '../support/test-app';
import { createWorkflow } from '../support/chatkit';
import { BrowserChatClient, publishWorkflow, setCookieOf } from '../support/public-chat';

const BASE = 'http://atrium.test';
const EMBED = 'https://intranet.example.test';

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

/** Who may chat on /api/chatkit without OIDC: published workflows, visitors, bearer tokens, origins. */
describe('chat access (/api/chatkit)', () => {
  let t: TestApp;
  let adminToken: string;
  let published: string;
  let unpublished: string;
  let loginOnly: string;
  let embedded: string;

  beforeAll(async () => {
    t = await createTestApp({ env: { PUBLIC_BASE_URL: BASE, ATRIUM_LOGIN_RATE_LIMIT: '10000' } });
    adminToken = (await t.userWithToken('admin')).token;
    published = await createWorkflow(t, adminToken, {}, 'Public help desk');
    unpublished = await createWorkflow(t, adminToken, {}, 'Draft');
    loginOnly = await createWorkflow(t, adminToken, {}, 'Employees only');
    embedded = await createWorkflow(t, adminToken, {}, 'Intranet bubble');
    await publishWorkflow(t, adminToken, published);
    await publishWorkflow(t, adminToken, loginOnly, { requireLogin: true });
    await publishWorkflow(t, adminToken, embedded, { allowedOrigins: [EMBED] });
  });
  afterAll(() => t.close());

  const ownerOf = async (threadId: string) => (await t.dataSource.query(`SELECT owner_key FROM chat_threads WHERE id = $1`, [threadId]))[0]?.owner_key as string | undefined;
  const sessionToken = (claims: Record<string, unknown>, options: { expiresIn?: number } = { expiresIn: 300 }) =>
    t.app.get(JwtService).signAsync({ typ: 'chat_session', role: 'employee', ...claims }, options);

  describe('anonymous visitors of a published workflow', () => {
    it('threads.create works without a token and sets a signed, HttpOnly visitor cookie', async () => {
      const visitor = new BrowserChatClient(t, published);
      const res = await visitor.create('Hello from a visitor');
      expect(res.status).toBe(200);
      expect(res.events[0].type).toBe('thread.created');
      const cookie = setCookieOf(res.raw, 'atrium_visitor');
      expect(cookie).toBeDefined();
      expect(cookie!.value).toMatch(/^v1\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/);
      expect(cookie!.attributes).toEqual(expect.arrayContaining(['HttpOnly', 'Path=/api/chatkit', 'SameSite=Lax']));
      expect(cookie!.attributes.some((a) => a.startsWith('Max-Age='))).toBe(true);
      const visitorId = cookie!.value.split('.')[1];
      expect(await ownerOf(res.events[0].thread.id)).toBe(`visitor:${visitorId}`);

      // A reload (same cookie) lists the thread again and sets no new cookie.
      const again = await visitor.list();
      expect(again.status).toBe(200);
      expect(again.json.data.map((th: { id: string }) => th.id)).toEqual([res.events[0].thread.id]);
      expect(setCookieOf(again.raw, 'atrium_visitor')).toBeUndefined();
    });

    it("visitor A cannot see visitor B's threads (threads.list and threads.get_by_id)", async () => {
      const a = new BrowserChatClient(t, published);
      const b = new BrowserChatClient(t, published);
      const threadA = (await a.create('A secret')).events[0].thread.id as string;
      const threadB = (await b.create('B secret')).events[0].thread.id as string;
      expect((await a.list()).json.data.map((th: { id: string }) => th.id)).toEqual([threadA]);
      expect((await b.list()).json.data.map((th: { id: string }) => th.id)).toEqual([threadB]);
      const peek = await b.get(threadA);
      expect(peek.status).toBe(404);
      expect(peek.json.error.code).toBe('chatkit.thread.not_found');
      expect((await a.get(threadA)).status).toBe(200);
    });

    it('a forged or altered visitor cookie is ignored: the caller becomes a new visitor', async () => {
      const a = new BrowserChatClient(t, published);
      const threadA = (await a.create('mine')).events[0].thread.id as string;
      const [, id, sig] = a.cookies.get('atrium_visitor')!.split('.');

      // Same id, made-up signature; and a bare id.
      for (const forged of [`v1.${id}.${sig.slice(0, -2)}AA`, id, `v1.${id}.`]) {
        const mallory = new BrowserChatClient(t, published);
        mallory.cookies.set('atrium_visitor', forged);
        const res = await mallory.get(threadA);
        expect(res.status).toBe(404);
        const fresh = setCookieOf(res.raw, 'atrium_visitor');
        expect(fresh?.value.split('.')[1]).not.toBe(id);
      }
    });

    it('an unpublished workflow refuses callers without a token (403 chatkit.auth.not_published)', async () => {
      const res = await new BrowserChatClient(t, unpublished).create('hi');
      expect(res.status).toBe(403);
      expect(res.json.error.code).toBe('chatkit.auth.not_published');
      expect(setCookieOf(res.raw, 'atrium_visitor')).toBeUndefined();
      expect(await t.dataSource.query(`SELECT id FROM chat_threads WHERE workflow_id = $1`, [unpublished])).toEqual([]);
    });

    it('a login-only workflow without a configured provider answers 401 login_required without a login URL', async () => {
      const res = await new BrowserChatClient(t, loginOnly).list();
      expect(res.status).toBe(401);
      expect(res.json.error.code).toBe('chatkit.auth.login_required');
      expect(res.json.error.details).toEqual({ login_url: null });
      const login = await t.http.get(`/api/auth/oidc/login?return_to=/chat/${loginOnly}`);
      expect(login.status).toBe(404);
      expect(login.body.error.code).toBe('auth.oidc.not_configured');
    });
  });

  describe('bearer tokens', () => {
    it("a user's access token reaches unpublished workflows; the owner is the user", async () => {
      const u = await t.userWithToken('employee');
      const res = await new BrowserChatClient(t, unpublished, { token: u.token }).create('as a user');
      expect(res.status).toBe(200);
      expect(await ownerOf(res.events[0].thread.id)).toBe(`user:${u.id}`);
      expect(setCookieOf(res.raw, 'atrium_visitor')).toBeUndefined();
    });

    it('a chat session token works for its own workflow and shares the user’s history', async () => {
      const u = await t.userWithToken('employee');
      const token = await sessionToken({ sub: u.id, workflow_id: unpublished });
      const viaSession = new BrowserChatClient(t, unpublished, { token });
      const created = await viaSession.create('from the bubble');
      expect(created.status).toBe(200);
      const threadId = created.events[0].thread.id as string;
      expect(await ownerOf(threadId)).toBe(`user:${u.id}`);
      const viaAccess = await new BrowserChatClient(t, unpublished, { token: u.token }).get(threadId);
      expect(viaAccess.status).toBe(200);
    });

    it('a session token for workflow A on workflow B is 403 chatkit.auth.workflow_mismatch', async () => {
      const u = await t.userWithToken('employee');
      const token = await sessionToken({ sub: u.id, workflow_id: unpublished });
      for (const other of [published, embedded]) {
        const res = await new BrowserChatClient(t, other, { token }).list();
        expect(res.status).toBe(403);
        expect(res.json.error.code).toBe('chatkit.auth.workflow_mismatch');
      }
    });

    it('a session token without workflow_id is refused (401)', async () => {
      const u = await t.userWithToken('employee');
      const token = await sessionToken({ sub: u.id });
      const res = await new BrowserChatClient(t, published, { token }).list();
      expect(res.status).toBe(401);
      expect(res.json.error.code).toBe('auth.invalid_token');
    });

    it('expired tokens are 401 auth.token_expired (session and access tokens)', async () => {
      const u = await t.userWithToken('employee');
      const past = Math.floor(Date.now() / 1000) - 60;
      const expiredSession = await sessionToken({ sub: u.id, workflow_id: published, exp: past }, {});
      const expiredAccess = await t.app.get(JwtService).signAsync({ typ: 'access', sub: u.id, role: 'employee', exp: past });
      for (const token of [expiredSession, expiredAccess]) {
        const res = await new BrowserChatClient(t, published, { token }).list();
        expect(res.status).toBe(401);
        expect(res.json.error.code).toBe('auth.token_expired');
      }
    });

    it('bad signatures, alg "none" and other algorithms are refused (401), never treated as anonymous', async () => {
      const u = await t.userWithToken('admin');
      const jwt = t.app.get(JwtService);
      const exp = Math.floor(Date.now() / 1000) + 300;
      const claims = [
        { typ: 'chat_session', sub: u.id, workflow_id: published, role: 'admin', exp },
        { typ: 'access', sub: u.id, role: 'admin', exp },
      ];
      const tokens: string[] = [];
      for (const c of claims) {
        tokens.push(`${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...c, iss: 'atrium' })}.`);
        tokens.push(await jwt.signAsync(c, { algorithm: 'HS512', secret: TEST_JWT_SECRET }));
        tokens.push(await jwt.signAsync(c, { algorithm: 'HS256', secret: 'another-secret-that-is-long-enough-to-sign' }));
        const good = (await jwt.signAsync(c)).split('.');
        tokens.push(`${good[0]}.${b64({ ...c, iss: 'atrium', sub: '00000000-0000-4000-8000-000000000000' })}.${good[2]}`);
      }
      tokens.push('not-a-jwt');
      for (const token of tokens) {
        const res = await new BrowserChatClient(t, published, { token }).list();
        expect({ token, status: res.status, code: res.json.error.code }).toEqual({ token, status: 401, code: 'auth.invalid_token' });
        expect(setCookieOf(res.raw, 'atrium_visitor')).toBeUndefined();
      }
      const basic = await t.http.post(`/api/chatkit?workflow_id=${published}`).set('Authorization', 'Basic YWRtaW46YWRtaW4=').send({ type: 'threads.list', params: {} });
      expect(basic.status).toBe(401);
    });

    it('a deactivated user’s session token stops working', async () => {
      const u = await t.userWithToken('employee');
      const token = await sessionToken({ sub: u.id, workflow_id: published });
      await t.http.patch(`/api/users/${u.id}`).set('Authorization', `Bearer ${adminToken}`).send({ is_active: false }).expect(200);
      const res = await new BrowserChatClient(t, published, { token }).list();
      expect(res.status).toBe(401);
      expect(res.json.error.code).toBe('auth.invalid_token');
    });
  });

  describe('embed origins and CORS', () => {
    it('a disallowed Origin is 403 chatkit.auth.origin_not_allowed with no CORS headers', async () => {
      for (const origin of ['https://evil.example.test', 'null', `${EMBED}.evil.test`, 'http://intranet.example.test']) {
        const res = await new BrowserChatClient(t, embedded, { origin }).list();
        expect({ origin, status: res.status, code: res.json.error.code }).toEqual({ origin, status: 403, code: 'chatkit.auth.origin_not_allowed' });
        expect(res.headers['access-control-allow-origin']).toBeUndefined();
        expect(res.headers['access-control-allow-credentials']).toBeUndefined();
        expect(setCookieOf(res.raw, 'atrium_visitor')).toBeUndefined();
      }
      // The embed origin of one workflow is not allowed on another, even with a valid token.
      const u = await t.userWithToken('employee');
      const res = await new BrowserChatClient(t, published, { origin: EMBED, token: u.token }).list();
      expect(res.status).toBe(403);
      expect(res.json.error.code).toBe('chatkit.auth.origin_not_allowed');
    });

    it('an allowed origin gets CORS headers with credentials (and Atrium’s own origin is always allowed)', async () => {
      const visitor = new BrowserChatClient(t, embedded, { origin: EMBED });
      const res = await visitor.create('from the intranet');
      expect(res.status).toBe(200);
      expect(res.headers['access-control-allow-origin']).toBe(EMBED);
      expect(res.headers['access-control-allow-credentials']).toBe('true');
      expect(res.headers['vary']).toMatch(/Origin/);
      for (const wf of [embedded, published]) {
        const own = await new BrowserChatClient(t, wf, { origin: BASE }).list();
        expect(own.status).toBe(200);
        expect(own.headers['access-control-allow-origin']).toBe(BASE);
      }
    });

    it('errors after the origin check still carry CORS headers, so an embed can read them', async () => {
      const res = await new BrowserChatClient(t, unpublished, { origin: BASE }).list();
      expect(res.status).toBe(403);
      expect(res.json.error.code).toBe('chatkit.auth.not_published');
      expect(res.headers['access-control-allow-origin']).toBe(BASE);
    });

    it('answers the CORS preflight only for the workflow’s allowed origins', async () => {
      const ok = await t.http
        .options(`/api/chatkit?workflow_id=${embedded}`)
        .set('Origin', EMBED)
        .set('Access-Control-Request-Method', 'POST')
        .set('Access-Control-Request-Headers', 'content-type, authorization');
      expect(ok.status).toBe(204);
      expect(ok.headers['access-control-allow-origin']).toBe(EMBED);
      expect(ok.headers['access-control-allow-credentials']).toBe('true');
      expect(ok.headers['access-control-allow-methods']).toContain('POST');
      expect(ok.headers['access-control-allow-headers']).toBe('content-type, authorization');

      const upload = await t.http.options(`/api/chatkit/attachments/atc_0123456789abcdef/upload?workflow_id=${embedded}`).set('Origin', EMBED).set('Access-Control-Request-Method', 'POST');
      expect(upload.status).toBe(204);
      expect(upload.headers['access-control-allow-origin']).toBe(EMBED);

      for (const [url, origin] of [
        [`/api/chatkit?workflow_id=${embedded}`, 'https://evil.example.test'],
        [`/api/chatkit?workflow_id=${published}`, EMBED],
        ['/api/chatkit', EMBED],
        [`/api/chatkit?workflow_id=00000000-0000-4000-8000-000000000000`, EMBED],
      ]) {
        const res = await t.http.options(url).set('Origin', origin).set('Access-Control-Request-Method', 'POST');
        expect({ url, origin, status: res.status, code: res.body.error?.code }).toEqual({ url, origin, status: 403, code: 'chatkit.auth.origin_not_allowed' });
        expect(res.headers['access-control-allow-origin']).toBeUndefined();
      }
    });
  });
});

describe('chat access behind https', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { PUBLIC_BASE_URL: 'https://chat.example.test' } });
  });
  afterAll(() => t.close());

  it('the visitor cookie is Secure and SameSite=None, so a bubble on an allowed origin keeps its visitor', async () => {
    const admin = await t.userWithToken('admin');
    const wf = await createWorkflow(t, admin.token);
    await publishWorkflow(t, admin.token, wf, { allowedOrigins: ['https://intranet.example.test'] });
    const res = await new BrowserChatClient(t, wf, { origin: 'https://intranet.example.test' }).list();
    expect(res.status).toBe(200);
    expect(setCookieOf(res.raw, 'atrium_visitor')!.attributes).toEqual(expect.arrayContaining(['HttpOnly', 'Secure', 'SameSite=None', 'Path=/api/chatkit']));
  });
});
