import { LoginSessions } from '../../server/src/auth/login-sessions.service';
import { createWorkflow } from '../support/chatkit';
import { ensureChatAssetsBuilt } from '../support/chat-assets';
import { publishWorkflow } from '../support/public-chat';
import { createTestApp, type TestApp } from '../support/test-app';

const ISSUER = 'http://127.0.0.1:9/realms/staff';
const ALLOWED = 'https://intranet.example.com';

/** Every <script> of a page: none may be inline code (the page's CSP forbids it). */
function scriptTags(html: string): string[] {
  return [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].map((m) => {
    const attrs = m[1];
    const inline = m[2].trim();
    if (!/\bsrc=/.test(attrs) && !/type="application\/json"/.test(attrs) && inline) throw new Error(`inline script: ${m[0].slice(0, 120)}`);
    return attrs;
  });
}

function pageConfig(html: string): Record<string, any> {
  const m = /<script type="application\/json" id="atrium-page-config">([\s\S]*?)<\/script>/.exec(html);
  if (!m) throw new Error('no page config');
  return JSON.parse(m[1]);
}

describe('public chat page (/chat/:workflowId), /embed.js and the chat scripts', () => {
  let t: TestApp;
  let admin: { token: string };
  let published: string;

  beforeAll(async () => {
    ensureChatAssetsBuilt();
    t = await createTestApp({ env: { ATRIUM_SUPPORT_CONTACT: 'it-help@example.com', OIDC_ISSUER: ISSUER, OIDC_CLIENT_ID: 'atrium' } });
    admin = await t.userWithToken('admin');
    published = await createWorkflow(t, admin.token, { greeting: 'Hi! I keep your <to-do> list.', starter_prompts: [{ label: 'My tasks', prompt: 'show my tasks' }] }, 'Tasks & "Reminders" <desk>');
    await publishWorkflow(t, admin.token, published, { allowedOrigins: [ALLOWED] });
  }, 120_000);
  afterAll(() => t.close());

  describe('a published workflow', () => {
    it('renders its name and greeting (escaped) with the chat scripts, and no inline script', async () => {
      const res = await t.http.get(`/chat/${published}`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['cache-control']).toBe('no-store');
      const html = res.text;
      expect(html).toContain('<h1>Tasks &amp; &quot;Reminders&quot; &lt;desk&gt;</h1>');
      expect(html).toContain('<title>Tasks &amp; &quot;Reminders&quot; &lt;desk&gt; · Atrium</title>');
      expect(html).toContain('Hi! I keep your &lt;to-do&gt; list.');
      expect(html).not.toContain('<to-do>');
      expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">');
      const scripts = scriptTags(html);
      expect(scripts.some((a) => /type="module" src="\/chat-assets\/page\.js\?v=[0-9a-f]{16}"/.test(a))).toBe(true);

      const config = pageConfig(html);
      expect(config).toMatchObject({
        state: 'chat',
        workflowId: published,
        name: 'Tasks & "Reminders" <desk>',
        greeting: 'Hi! I keep your <to-do> list.',
        prompts: [{ label: 'My tasks', prompt: 'show my tasks' }],
        requireLogin: false,
        signedIn: false,
        supportContact: 'it-help@example.com',
        chatUrl: `${t.config.publicBaseUrl}/chat/${published}`,
      });
      expect(config.elementUrl).toMatch(/^\/chat-assets\/atrium-chat\.js\?v=[0-9a-f]{16}$/);
      // The JSON block cannot be closed by a value.
      expect(html).not.toMatch(/"greeting":"[^"]*<to-do>/);
    });

    it('sends the workflow’s Content-Security-Policy: frame-ancestors from its allowed origins, scripts only from itself', async () => {
      const res = await t.http.get(`/chat/${published}`);
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain(`frame-ancestors 'self' ${ALLOWED}`);
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-eval');
      expect(csp.match(/script-src[^;]*/)?.[0]).not.toContain('unsafe-inline');
      expect(res.headers['x-frame-options']).toBeUndefined();
    });

    it('serves the scripts it references, immutable under their versioned URL', async () => {
      const config = pageConfig((await t.http.get(`/chat/${published}`)).text);
      const element = await t.http.get(config.elementUrl);
      expect(element.status).toBe(200);
      expect(element.headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect(element.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(element.headers['cross-origin-resource-policy']).toBe('cross-origin');

      const unversioned = await t.http.get('/chat-assets/atrium-chat.iife.js');
      expect(unversioned.status).toBe(200);
      expect(unversioned.headers['cache-control']).toBe('public, no-cache');
      const again = await t.http.get('/chat-assets/atrium-chat.iife.js').set('If-None-Match', unversioned.headers.etag);
      expect(again.status).toBe(304);

      const unknown = await t.http.get('/chat-assets/secrets.txt');
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.code).toBe('route.not_found');
      // Not the admin app's index.html either.
      expect(unknown.headers['content-type']).toMatch(/json/);
    });
  });

  describe('not available', () => {
    const unavailable = (html: string) => {
      expect(html).toContain('This chat isn’t available');
      expect(html).toContain('It may have been taken offline, or the link may be incomplete.');
      expect(html).toContain('Need help? Contact <a href="mailto:it-help@example.com">it-help@example.com</a>.');
      expect(() => pageConfig(html)).toThrow();
    };

    it('answers 404 with a friendly page for an unknown workflow, a malformed id and a draft', async () => {
      const draft = await createWorkflow(t, admin.token, {}, 'Secret draft');
      for (const id of ['7b0f3a58-8c2e-4f7e-9a57-3f1f7f0a1b2c', 'not-a-workflow', draft]) {
        const res = await t.http.get(`/chat/${id}`);
        expect({ id, status: res.status }).toEqual({ id, status: 404 });
        expect(res.headers['content-type']).toMatch(/^text\/html/);
        unavailable(res.text);
        expect(res.text).not.toContain('Secret draft');
        expect(String(res.headers['content-security-policy'])).toContain("frame-ancestors 'self'");
      }
    });

    it('stops showing a workflow once it is unpublished', async () => {
      const id = await createWorkflow(t, admin.token, {}, 'Short-lived');
      await publishWorkflow(t, admin.token, id);
      expect((await t.http.get(`/chat/${id}`)).status).toBe(200);
      const revoke = await t.http.post(`/api/workflows/${id}/publish/revoke`).set('Authorization', `Bearer ${admin.token}`);
      expect(revoke.status).toBe(200);
      const res = await t.http.get(`/chat/${id}`);
      expect(res.status).toBe(404);
      unavailable(res.text);
    });
  });

  describe('a workflow that requires login', () => {
    let loginOnly: string;
    beforeAll(async () => {
      loginOnly = await createWorkflow(t, admin.token, { greeting: 'Staff only' }, 'HR desk');
      await publishWorkflow(t, admin.token, loginOnly, { requireLogin: true });
    });

    it('shows a sign-in card whose link runs the OIDC flow and returns to the chat', async () => {
      const res = await t.http.get(`/chat/${loginOnly}`);
      expect(res.status).toBe(200);
      const loginUrl = `${t.config.publicBaseUrl}/api/auth/oidc/login?return_to=${encodeURIComponent(`/chat/${loginOnly}`)}`;
      expect(res.text).toContain('Sign in to chat');
      expect(res.text).toContain('HR desk is available to signed-in employees.');
      expect(res.text).toContain(`<a class="btn" href="${loginUrl}">Sign in</a>`);
      expect(pageConfig(res.text)).toMatchObject({ state: 'login', requireLogin: true, signedIn: false, loginUrl });

      // The link starts the flow: its return_to is accepted (no provider answers here, hence 502 rather than the redirect).
      const start = await t.http.get(new URL(loginUrl).pathname + new URL(loginUrl).search);
      expect({ status: start.status, code: start.body.error?.code }).toEqual({ status: 502, code: 'auth.oidc.provider_unavailable' });
    });

    it('shows the chat to a browser with a live login session', async () => {
      const { token } = await t.app.get(LoginSessions).create({ issuer: ISSUER, subject: 'emp-42', email: 'emp@example.com', name: 'Emp' }, 3600);
      const res = await t.http.get(`/chat/${loginOnly}`).set('Cookie', `atrium_session=${token}`);
      expect(res.status).toBe(200);
      expect(res.text).not.toContain('Sign in to chat');
      expect(res.text).toContain('Staff only');
      expect(pageConfig(res.text)).toMatchObject({ state: 'chat', signedIn: true });
    });
  });

  describe('/embed.js', () => {
    it('is JavaScript any site may load, cached for five minutes, with conditional requests', async () => {
      const res = await t.http.get('/embed.js');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect(res.headers['cache-control']).toBe('public, max-age=300');
      expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
      expect(res.headers['access-control-allow-origin']).toBe('*');
      expect(res.headers.etag).toMatch(/^"[0-9a-f]{16}"$/);
      expect(res.text).toContain('data-atrium-chat-bubble');
      const again = await t.http.get('/embed.js').set('If-None-Match', res.headers.etag);
      expect(again.status).toBe(304);
    });
  });

  describe('GET /api/embed/:workflowId (the bubble’s configuration)', () => {
    it('answers allowed origins (and requests without Origin) with what the bubble shows', async () => {
      for (const origin of [ALLOWED, undefined]) {
        let req = t.http.get(`/api/embed/${published}`);
        if (origin) req = req.set('Origin', origin);
        const res = await req;
        expect(res.status).toBe(200);
        expect(res.headers['access-control-allow-origin']).toBe('*');
        expect(res.body).toEqual({
          id: published,
          name: 'Tasks & "Reminders" <desk>',
          greeting: 'Hi! I keep your <to-do> list.',
          starter_prompts: [{ label: 'My tasks', prompt: 'show my tasks' }],
          require_login: false,
          login_url: `${t.config.publicBaseUrl}/api/auth/oidc/login?return_to=${encodeURIComponent(`/chat/${published}?signed_in=1`)}`,
          chat_url: `${t.config.publicBaseUrl}/chat/${published}`,
          element_script: expect.stringMatching(/^\/chat-assets\/atrium-chat\.iife\.js\?v=[0-9a-f]{16}$/),
          support_contact: 'it-help@example.com',
        });
      }
    });

    it('refuses other origins in a way the bubble can read (CORS * on the 403)', async () => {
      const res = await t.http.get(`/api/embed/${published}`).set('Origin', 'https://evil.example.net');
      expect(res.status).toBe(403);
      expect(res.headers['access-control-allow-origin']).toBe('*');
      expect(res.body.error.code).toBe('chatkit.auth.origin_not_allowed');
    });

    it('is 404 for drafts and unknown ids', async () => {
      const draft = await createWorkflow(t, admin.token, {}, 'Another draft');
      for (const id of [draft, 'nope']) {
        const res = await t.http.get(`/api/embed/${id}`);
        expect(res.status).toBe(404);
        expect(res.body.error.code).toBe('workflow.not_found');
      }
    });
  });
});

describe('public chat page without an identity provider or support contact', () => {
  let t: TestApp;
  beforeAll(async () => {
    ensureChatAssetsBuilt();
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('explains that sign-in is not set up, and points to the administrator', async () => {
    const admin = await t.userWithToken('admin');
    const id = await createWorkflow(t, admin.token, {}, 'Payroll');
    await publishWorkflow(t, admin.token, id, { requireLogin: true });
    const res = await t.http.get(`/chat/${id}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('Sign-in isn’t set up yet');
    expect(res.text).toContain('Please let your administrator know.');
    expect(res.text).not.toContain('/api/auth/oidc/login');
    expect(pageConfig(res.text)).toMatchObject({ state: 'login', loginUrl: null });
  });

  it('tells visitors of an unknown chat to ask whoever shared the link', async () => {
    const res = await t.http.get('/chat/7b0f3a58-8c2e-4f7e-9a57-3f1f7f0a1b2c');
    expect(res.status).toBe(404);
    expect(res.text).toContain('If you think this is a mistake, ask the person who shared it with you.');
  });
});

describe('public chat page with publishing switched off', () => {
  let t: TestApp;
  beforeAll(async () => {
    ensureChatAssetsBuilt();
    t = await createTestApp({ env: { ATRIUM_CHATKIT_PUBLISH_ENABLED: 'false' } });
  });
  afterAll(() => t.close());

  it('shows "not available" even for workflows still marked published', async () => {
    const admin = await t.userWithToken('admin');
    const id = await createWorkflow(t, admin.token, {}, 'Was public');
    // Published before the switch was turned off (the publish route itself is off now).
    await t.dataSource.query(`UPDATE workflows SET is_public = true, published_at = now() WHERE id = $1`, [id]);
    const res = await t.http.get(`/chat/${id}`);
    expect(res.status).toBe(404);
    expect(res.text).toContain('This chat isn’t available');
    expect((await t.http.get(`/api/embed/${id}`)).status).toBe(404);
  });
});
