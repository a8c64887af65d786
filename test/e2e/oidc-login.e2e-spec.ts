import { createHash } from 'node:crypto';
import { createTestApp, type TestApp } from '../support/test-app';
import { createWorkflow } from '../support/chatkit';
import { BrowserChatClient, publishWorkflow, setCookieOf } from '../support/public-chat';
import { OidcTestProvider, signInAtProvider } from '../fixtures/oidc-provider';

const BASE = 'http://atrium.test';
const CALLBACK = `${BASE}/api/auth/oidc/callback`;
const CLIENT_ID = 'atrium-e2e';
const CLIENT_SECRET = 'client-secret-e2e-0123456789abcdef';

const pathOf = (url: string) => {
  const u = new URL(url, BASE);
  return `${u.pathname}${u.search}`;
};

/**
 * Workflows published with "require login": the OIDC authorization-code flow with PKCE
 * against a real OpenID provider (oidc-provider in a child process), the login
 * session cookie, and the owner taken from the verified ID token.
 */
describe('OIDC login for login-only chats', () => {
  let idp: OidcTestProvider;
  let t: TestApp;
  let loginOnly: string;
  let openChat: string;

  beforeAll(async () => {
    idp = await OidcTestProvider.start([{ client_id: CLIENT_ID, client_secret: CLIENT_SECRET, redirect_uris: [CALLBACK] }]);
    t = await createTestApp({
      captureLogs: true,
      env: { PUBLIC_BASE_URL: BASE, OIDC_ISSUER: idp.issuer, OIDC_CLIENT_ID: CLIENT_ID, OIDC_CLIENT_SECRET: CLIENT_SECRET },
    });
    const admin = await t.userWithToken('admin');
    loginOnly = await createWorkflow(t, admin.token, {}, 'Employees only');
    openChat = await createWorkflow(t, admin.token, {}, 'Open chat');
    await publishWorkflow(t, admin.token, loginOnly, { requireLogin: true });
    await publishWorkflow(t, admin.token, openChat);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await idp?.stop();
  });

  const expectedOwner = (sub: string) => `oidc:${createHash('sha256').update(idp.issuer).digest('hex').slice(0, 12)}:${sub}`;
  const ownerOf = async (threadId: string) => (await t.dataSource.query(`SELECT owner_key FROM chat_threads WHERE id = $1`, [threadId]))[0]?.owner_key as string;

  /** The whole browser round trip: chat → 401 with login URL → provider → callback → cookie. */
  async function signIn(browser: BrowserChatClient, login: string): Promise<{ callback: Awaited<ReturnType<typeof t.http.get>> }> {
    const refused = await browser.list();
    expect(refused.status).toBe(401);
    const loginUrl = refused.json.error.details.login_url as string;

    const start = await t.http.get(pathOf(loginUrl));
    expect(start.status).toBe(302);
    const flow = setCookieOf(start, 'atrium_oidc_flow')!;
    expect(flow.attributes).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Lax', 'Path=/api/auth/oidc']));
    const authorize = new URL(start.headers.location);
    expect(authorize.origin).toBe(idp.issuer);

    const back = await signInAtProvider(authorize.href, login, CALLBACK);
    const callback = await t.http.get(pathOf(back)).set('Cookie', `atrium_oidc_flow=${encodeURIComponent(flow.value)}`);
    browser.remember(callback);
    return { callback };
  }

  it('login-required chat: 401 with the login URL, then a full OIDC login; chat works and the owner is the IdP subject', async () => {
    const browser = new BrowserChatClient(t, loginOnly);
    const refused = await browser.create('hello?');
    expect(refused.status).toBe(401);
    expect(refused.json.error.code).toBe('chatkit.auth.login_required');
    expect(refused.json.error.details.login_url).toBe(`${BASE}/api/auth/oidc/login?return_to=${encodeURIComponent(`/chat/${loginOnly}`)}`);
    expect(setCookieOf(refused.raw, 'atrium_visitor')).toBeUndefined();

    // The authorization request: code flow, PKCE S256, state, nonce, our callback.
    const start = await t.http.get(pathOf(refused.json.error.details.login_url));
    const authorize = new URL(start.headers.location);
    expect(Object.fromEntries(authorize.searchParams)).toEqual(
      expect.objectContaining({
        client_id: CLIENT_ID,
        response_type: 'code',
        redirect_uri: CALLBACK,
        scope: 'openid email profile',
        code_challenge_method: 'S256',
        code_challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
        state: expect.any(String),
        nonce: expect.any(String),
      }),
    );

    const { callback } = await signIn(browser, 'alice');
    expect(callback.status).toBe(302);
    expect(callback.headers.location).toBe(`/chat/${loginOnly}`);
    const session = setCookieOf(callback, 'atrium_session')!;
    expect(session.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(session.attributes).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Lax', 'Path=/']));
    expect(session.attributes).not.toContain('Secure'); // http here; Secure on https
    // The flow cookie is single-use.
    expect(setCookieOf(callback, 'atrium_oidc_flow')?.value).toBe('');

    const created = await browser.create('Hello as Alice');
    expect(created.status).toBe(200);
    const threadId = created.events[0].thread.id as string;
    expect(await ownerOf(threadId)).toBe(expectedOwner('alice'));
    expect(await t.dataSource.query(`SELECT subject, email, name FROM login_sessions WHERE owner_key = $1`, [expectedOwner('alice')])).toEqual([
      { subject: 'alice', email: 'alice@idp.test', name: 'Employee alice' },
    ]);
  });

  it('the same employee sees their history from another device; another employee does not', async () => {
    const laptop = new BrowserChatClient(t, loginOnly);
    await signIn(laptop, 'carol');
    const threadId = (await laptop.create('started on the laptop')).events[0].thread.id as string;

    const phone = new BrowserChatClient(t, loginOnly);
    await signIn(phone, 'carol');
    expect(phone.cookies.get('atrium_session')).not.toBe(laptop.cookies.get('atrium_session'));
    expect((await phone.list()).json.data.map((th: { id: string }) => th.id)).toEqual([threadId]);

    const dave = new BrowserChatClient(t, loginOnly);
    await signIn(dave, 'dave');
    expect((await dave.list()).json.data).toEqual([]);
    expect((await dave.get(threadId)).status).toBe(404);
  });

  it('a forged subject cookie is refused', async () => {
    const real = new BrowserChatClient(t, loginOnly);
    await signIn(real, 'erin');
    const value = real.cookies.get('atrium_session')!;
    const forgeries = ['erin', expectedOwner('erin'), `${value.slice(0, -1)}${value.endsWith('A') ? 'B' : 'A'}`, 'A'.repeat(43), JSON.stringify({ sub: 'erin' })];
    for (const forged of forgeries) {
      const mallory = new BrowserChatClient(t, loginOnly);
      mallory.cookies.set('atrium_session', forged);
      const res = await mallory.list();
      expect({ forged, status: res.status, code: res.json.error.code }).toEqual({ forged, status: 401, code: 'chatkit.auth.login_required' });
    }
    // Headers a client controls do not sign anyone in either.
    const spoof = await t.http
      .post(`/api/chatkit?workflow_id=${loginOnly}`)
      .set('X-Forwarded-User', 'erin')
      .set('X-Remote-User', 'erin')
      .set('Cookie', 'sub=erin; user=erin')
      .send({ type: 'threads.list', params: {} });
    expect(spoof.status).toBe(401);
  });

  it('logout ends the session: the old cookie no longer works', async () => {
    const browser = new BrowserChatClient(t, loginOnly);
    await signIn(browser, 'frank');
    const cookie = browser.cookies.get('atrium_session')!;
    expect((await browser.list()).status).toBe(200);
    const out = await t.http.post('/api/auth/oidc/logout').set('Cookie', `atrium_session=${cookie}`);
    expect(out.status).toBe(204);
    expect(setCookieOf(out, 'atrium_session')?.value).toBe('');
    const replay = new BrowserChatClient(t, loginOnly);
    replay.cookies.set('atrium_session', cookie);
    expect((await replay.list()).status).toBe(401);
  });

  it('a signed-in employee keeps their identity on public chats that do not require login', async () => {
    const browser = new BrowserChatClient(t, loginOnly);
    await signIn(browser, 'grace');
    const open = new BrowserChatClient(t, openChat);
    open.cookies.set('atrium_session', browser.cookies.get('atrium_session')!);
    const created = await open.create('hi');
    expect(await ownerOf(created.events[0].thread.id)).toBe(expectedOwner('grace'));
    expect(setCookieOf(created.raw, 'atrium_visitor')).toBeUndefined();
  });

  it('only same-site relative return paths are accepted', async () => {
    for (const bad of ['//evil.test/x', 'https://evil.test/', '/\\evil.test', 'javascript:alert(1)', 'chat/x', '/chat/\r\nSet-Cookie:x']) {
      const res = await t.http.get(`/api/auth/oidc/login?return_to=${encodeURIComponent(bad)}`);
      expect({ bad, status: res.status, code: res.body.error?.code }).toEqual({ bad, status: 400, code: 'auth.oidc.return_to_invalid' });
      expect(setCookieOf(res, 'atrium_oidc_flow')).toBeUndefined();
    }
    const ok = await t.http.get(`/api/auth/oidc/login?return_to=${encodeURIComponent(`/chat/${loginOnly}?embed=1`)}`);
    expect(ok.status).toBe(302);
  });

  it('the callback refuses a missing or mismatched state, a replayed code, and reports a refused sign-in', async () => {
    const start = await t.http.get(`/api/auth/oidc/login?return_to=/chat/${loginOnly}`);
    const flow = setCookieOf(start, 'atrium_oidc_flow')!.value;
    const state = new URL(start.headers.location).searchParams.get('state')!;
    const back = await signInAtProvider(start.headers.location, 'heidi', CALLBACK);

    const noCookie = await t.http.get(pathOf(back));
    expect(noCookie.status).toBe(400);
    expect(noCookie.body.error.code).toBe('auth.oidc.state_invalid');

    const tampered = `${flow.slice(0, -3)}${flow.endsWith('AAA') ? 'BBB' : 'AAA'}`;
    const badCookie = await t.http.get(pathOf(back)).set('Cookie', `atrium_oidc_flow=${encodeURIComponent(tampered)}`);
    expect(badCookie.body.error.code).toBe('auth.oidc.state_invalid');

    const otherState = pathOf(back).replace(`state=${encodeURIComponent(state)}`, 'state=somebody-elses-state');
    const wrongState = await t.http.get(otherState).set('Cookie', `atrium_oidc_flow=${encodeURIComponent(flow)}`);
    expect(wrongState.status).toBe(400);
    expect(wrongState.body.error.code).toBe('auth.oidc.state_invalid');

    const first = await t.http.get(pathOf(back)).set('Cookie', `atrium_oidc_flow=${encodeURIComponent(flow)}`);
    expect(first.status).toBe(302);
    const replay = await t.http.get(pathOf(back)).set('Cookie', `atrium_oidc_flow=${encodeURIComponent(flow)}`);
    expect(replay.status).toBe(400);
    expect(replay.body.error.code).toBe('auth.oidc.callback_failed');

    const denied = await t.http.get(`/api/auth/oidc/callback?error=access_denied&state=${encodeURIComponent(state)}`).set('Cookie', `atrium_oidc_flow=${encodeURIComponent(flow)}`);
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('auth.oidc.denied');
  });

  it('never logs the client secret, codes, or cookie values', async () => {
    const browser = new BrowserChatClient(t, loginOnly);
    const { callback } = await signIn(browser, 'ivan');
    expect(callback.status).toBe(302);
    await browser.list();
    const logs = t.logs!.text;
    expect(logs).toContain('Signed in through the identity provider');
    expect(logs).not.toContain(CLIENT_SECRET);
    expect(logs).not.toContain(browser.cookies.get('atrium_session')!);
    expect(logs).not.toMatch(/code=(?!%5Bredacted%5D)[A-Za-z0-9_-]{10,}/);
  });
});
