import { createServer, type Server } from 'node:http';
import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createTestApp, type TestApp } from '../support/test-app';
import { setCookieOf } from '../support/public-chat';

const BASE = 'http://atrium.test';
const CLIENT_ID = 'atrium-rogue-test';
const CLIENT_SECRET = 'rogue-test-secret-0123456789';

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

function rs256(payload: Record<string, unknown>, key: KeyObject, kid: string): string {
  const input = `${b64({ alg: 'RS256', typ: 'JWT', kid })}.${b64(payload)}`;
  return `${input}.${createSign('RSA-SHA256').update(input).sign(key).toString('base64url')}`;
}

/**
 * A provider whose token endpoint answers whatever ID token the test scripts, to prove
 * that Atrium takes the subject only from an ID token it verified: signed with a key
 * of the provider's JWKS, for this client, with the nonce of this sign-in.
 */
class ScriptedProvider {
  readonly published = generateKeyPairSync('rsa', { modulusLength: 2048 });
  readonly rogue = generateKeyPairSync('rsa', { modulusLength: 2048 });
  nextIdToken: (nonce: string) => string = () => '';
  lastTokenRequest = new URLSearchParams();
  lastTokenAuthorization: string | undefined;
  private server!: Server;
  issuer = '';

  async start(): Promise<void> {
    this.server = createServer((req, res): void => {
      const url = new URL(req.url ?? '/', this.issuer);
      const json = (status: number, body: unknown): void => void res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (url.pathname === '/.well-known/openid-configuration') {
        return json(200, {
          issuer: this.issuer,
          authorization_endpoint: `${this.issuer}/authorize`,
          token_endpoint: `${this.issuer}/token`,
          jwks_uri: `${this.issuer}/jwks`,
          response_types_supported: ['code'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['RS256'],
          code_challenge_methods_supported: ['S256'],
          token_endpoint_auth_methods_supported: ['client_secret_basic'],
        });
      }
      if (url.pathname === '/jwks') {
        return json(200, { keys: [{ ...this.published.publicKey.export({ format: 'jwk' }), kid: 'published', alg: 'RS256', use: 'sig' }] });
      }
      if (url.pathname === '/token' && req.method === 'POST') {
        let body = '';
        req.on('data', (c: Buffer) => (body += c.toString()));
        req.on('end', () => {
          this.lastTokenRequest = new URLSearchParams(body);
          this.lastTokenAuthorization = req.headers.authorization;
          const nonce = this.pendingNonce;
          json(200, { access_token: 'at-scripted', token_type: 'Bearer', expires_in: 60, id_token: this.nextIdToken(nonce) });
        });
        return;
      }
      json(404, { error: 'not_found' });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.issuer = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  pendingNonce = '';

  claims(nonce: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
    const now = Math.floor(Date.now() / 1000);
    return { iss: this.issuer, aud: CLIENT_ID, sub: 'mallory', nonce, iat: now, exp: now + 300, ...extra };
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

describe('OIDC callback: the subject comes only from a verified ID token', () => {
  const idp = new ScriptedProvider();
  let t: TestApp;

  beforeAll(async () => {
    await idp.start();
    t = await createTestApp({ env: { PUBLIC_BASE_URL: BASE, OIDC_ISSUER: idp.issuer, OIDC_CLIENT_ID: CLIENT_ID, OIDC_CLIENT_SECRET: CLIENT_SECRET } });
  });
  afterAll(async () => {
    await t?.close();
    await idp.stop();
  });

  /** Starts a sign-in and calls the callback as the provider would redirect the browser. */
  async function callbackWith(idToken: (nonce: string) => string) {
    const start = await t.http.get('/api/auth/oidc/login?return_to=/');
    expect(start.status).toBe(302);
    const authorize = new URL(start.headers.location);
    idp.pendingNonce = authorize.searchParams.get('nonce')!;
    idp.nextIdToken = idToken;
    const flow = setCookieOf(start, 'atrium_oidc_flow')!.value;
    const state = authorize.searchParams.get('state')!;
    return t.http.get(`/api/auth/oidc/callback?code=scripted-code&state=${encodeURIComponent(state)}`).set('Cookie', `atrium_oidc_flow=${encodeURIComponent(flow)}`);
  }

  it('accepts a correctly signed ID token (control), sending the PKCE verifier and client credentials', async () => {
    const res = await callbackWith((nonce) => rs256(idp.claims(nonce), idp.published.privateKey, 'published'));
    expect(res.status).toBe(302);
    expect(setCookieOf(res, 'atrium_session')?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(idp.lastTokenRequest.get('grant_type')).toBe('authorization_code');
    expect(idp.lastTokenRequest.get('code_verifier')).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
    expect(idp.lastTokenRequest.get('redirect_uri')).toBe(`${BASE}/api/auth/oidc/callback`);
    // client_secret_basic: form-urlencoded id and secret, base64 (RFC 6749 §2.3.1).
    const [scheme, basic] = (idp.lastTokenAuthorization ?? '').split(' ');
    expect(scheme).toBe('Basic');
    expect(Buffer.from(basic, 'base64').toString().split(':').map(decodeURIComponent)).toEqual([CLIENT_ID, CLIENT_SECRET]);
  });

  it.each([
    ['signed with a key the provider never published', (n: string) => rs256(idp.claims(n), idp.rogue.privateKey, 'published')],
    ['unsigned (alg none)', (n: string) => `${b64({ alg: 'none', typ: 'JWT' })}.${b64(idp.claims(n))}.`],
    ['with another nonce (replayed from another sign-in)', (n: string) => rs256(idp.claims(`${n}x`), idp.published.privateKey, 'published')],
    ['for another client', (n: string) => rs256(idp.claims(n, { aud: 'someone-else' }), idp.published.privateKey, 'published')],
    ['from another issuer', (n: string) => rs256(idp.claims(n, { iss: 'https://evil.example.test' }), idp.published.privateKey, 'published')],
    ['expired', (n: string) => rs256(idp.claims(n, { exp: Math.floor(Date.now() / 1000) - 3600, iat: Math.floor(Date.now() / 1000) - 7200 }), idp.published.privateKey, 'published')],
  ])('refuses an ID token %s: no session', async (_what, token) => {
    const before = Number((await t.dataSource.query(`SELECT count(*) AS n FROM login_sessions`))[0].n);
    const res = await callbackWith(token);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('auth.oidc.callback_failed');
    expect(setCookieOf(res, 'atrium_session')).toBeUndefined();
    expect(Number((await t.dataSource.query(`SELECT count(*) AS n FROM login_sessions`))[0].n)).toBe(before);
  });
});

describe('OIDC provider unreachable', () => {
  let t: TestApp;
  beforeAll(async () => {
    // A port nothing listens on.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    t = await createTestApp({ env: { PUBLIC_BASE_URL: BASE, OIDC_ISSUER: `http://127.0.0.1:${port}`, OIDC_CLIENT_ID: CLIENT_ID } });
  });
  afterAll(() => t.close());

  it('the login route answers 502 auth.oidc.provider_unavailable', async () => {
    const res = await t.http.get('/api/auth/oidc/login?return_to=/');
    expect(res.status).toBe(502);
    expect(res.body.error.code).toBe('auth.oidc.provider_unavailable');
  });
});
