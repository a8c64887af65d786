import { Injectable, Logger } from '@nestjs/common';
import type { CookieOptions, Request, Response } from 'express';
import * as oidc from 'openid-client';
import { AppConfig, type OidcSettings } from '../config/app-config';
import { baseCookieOptions, clearCookie, readCookie } from '../common/cookies';
import { deriveKey } from '../common/derived-key';
import { DomainError } from '../common/errors/domain-error';
import { LoginSessions } from './login-sessions.service';
import { openFlowState, sealFlowState } from './oidc-flow-cookie';
import { safeReturnPath } from './return-to';

/** The cookie that carries the sealed flow state from the login route to the callback. */
export const OIDC_FLOW_COOKIE = 'atrium_oidc_flow';
const FLOW_COOKIE_PATH = '/api/auth/oidc';
const FLOW_TTL_SECONDS = 600;
const PROVIDER_TIMEOUT_SECONDS = 10;
const CALLBACK_PATH = '/api/auth/oidc/callback';

/**
 * Sign-in through the configured OpenID provider (authorization code flow with
 * PKCE, state and nonce), for workflows published with "require login".
 *
 * The login route seals `state`, `nonce`, the PKCE verifier and the return path in
 * a short-lived cookie; the callback exchanges the code (client authentication +
 * PKCE), verifies the ID token — signature against the provider's JWKS, issuer,
 * audience, expiry, nonce — and takes the subject from it. The result is a login
 * session (see LoginSessions): only its random token reaches the browser.
 */
@Injectable()
export class OidcService {
  private readonly logger = new Logger('Oidc');
  private readonly flowKey: Buffer;
  private discovery: Promise<oidc.Configuration> | undefined;

  constructor(
    private readonly config: AppConfig,
    private readonly sessions: LoginSessions,
  ) {
    this.flowKey = deriveKey(config.jwtSecret, 'oidc-flow-cookie');
  }

  get enabled(): boolean {
    return this.config.oidc !== undefined;
  }

  /** The URL that starts a sign-in and comes back to `returnTo` (undefined without a provider). */
  loginUrl(returnTo: string): string | undefined {
    if (!this.enabled) return undefined;
    return `${this.config.publicBaseUrl}/api/auth/oidc/login?return_to=${encodeURIComponent(returnTo)}`;
  }

  /** `GET /api/auth/oidc/login`: sets the flow cookie and answers where to send the browser. */
  async startLogin(req: Request, res: Response, returnToParam: unknown): Promise<string> {
    const settings = this.settings();
    const returnTo = safeReturnPath(returnToParam, this.config.publicBaseUrl);
    const provider = await this.provider();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(provider, {
      redirect_uri: this.redirectUri(),
      response_type: 'code',
      scope: settings.scopes,
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    const sealed = sealFlowState(this.flowKey, { state, nonce, codeVerifier, returnTo, exp: Math.floor(Date.now() / 1000) + FLOW_TTL_SECONDS });
    res.cookie(OIDC_FLOW_COOKIE, sealed, { ...this.flowCookieOptions(req), maxAge: FLOW_TTL_SECONDS * 1000 });
    return url.href;
  }

  /**
   * `GET /api/auth/oidc/callback`: checks the flow, redeems the code, creates the login
   * session and sets its cookie. Answers the path to return to.
   */
  async finishLogin(req: Request, res: Response): Promise<string> {
    const settings = this.settings();
    const flow = openFlowState(this.flowKey, readCookie(req, OIDC_FLOW_COOKIE));
    clearCookie(res, OIDC_FLOW_COOKIE, this.flowCookieOptions(req));
    if (!flow) {
      throw new DomainError('auth.oidc.state_invalid', 'This sign-in expired or was started in another browser. Start again from the chat.');
    }
    const query = new URL(req.originalUrl, this.config.publicBaseUrl).searchParams;
    if (query.get('state') !== flow.state) {
      throw new DomainError('auth.oidc.state_invalid', 'This sign-in response does not belong to the sign-in this browser started. Start again from the chat.');
    }
    const providerError = query.get('error');
    if (providerError) {
      const details = { error: providerError.slice(0, 100) };
      if (providerError === 'access_denied') throw new DomainError('auth.oidc.denied', 'The sign-in was cancelled or refused by the identity provider.', details);
      throw new DomainError('auth.oidc.callback_failed', `The identity provider reported an error (${details.error}).`, details);
    }

    const provider = await this.provider();
    const currentUrl = new URL(`${this.redirectUri()}?${query.toString()}`);
    let claims: oidc.IDToken | undefined;
    try {
      const tokens = await oidc.authorizationCodeGrant(provider, currentUrl, {
        pkceCodeVerifier: flow.codeVerifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
      claims = tokens.claims();
    } catch (e) {
      throw this.providerFailure(e, 'exchange', 'The sign-in could not be completed with the identity provider. Start again from the chat.');
    }
    if (!claims || typeof claims.sub !== 'string' || claims.sub === '' || claims.sub.length > 255) {
      throw new DomainError('auth.oidc.callback_failed', 'The identity provider did not identify the user (no subject in the ID token).');
    }

    const email = claims.email_verified === true && typeof claims.email === 'string' && claims.email.length <= 320 ? claims.email.toLowerCase() : null;
    const name = typeof claims.name === 'string' ? claims.name.slice(0, 200) : null;
    const session = await this.sessions.create({ issuer: settings.issuer, subject: claims.sub, email, name }, settings.sessionTtlSeconds);
    this.sessions.setCookie(req, res, session.token, session.expiresAt);
    this.logger.log({ owner_key: session.identity.ownerKey }, 'Signed in through the identity provider');
    return flow.returnTo;
  }

  /** `POST /api/auth/oidc/logout`: ends the login session of this browser. */
  async logout(req: Request, res: Response): Promise<void> {
    await this.sessions.revoke(req);
    this.sessions.clearCookie(req, res);
  }

  private settings(): OidcSettings {
    if (!this.config.oidc) throw new DomainError('auth.oidc.not_configured', 'Sign-in with an identity provider is not configured on this server (OIDC_ISSUER).');
    return this.config.oidc;
  }

  private redirectUri(): string {
    return `${this.config.publicBaseUrl}${CALLBACK_PATH}`;
  }

  /** Provider metadata and keys, discovered once (a failed discovery is retried by the next sign-in). */
  private provider(): Promise<oidc.Configuration> {
    const settings = this.settings();
    if (!this.discovery) {
      const execute = [oidc.enableNonRepudiationChecks];
      // http is accepted only for a provider on this machine (checked in AppConfig).
      if (new URL(settings.issuer).protocol === 'http:') execute.push(oidc.allowInsecureRequests);
      this.discovery = oidc
        .discovery(
          new URL(settings.issuer),
          settings.clientId,
          settings.clientSecret === undefined ? undefined : { client_secret: settings.clientSecret },
          settings.clientSecret === undefined ? oidc.None() : oidc.ClientSecretBasic(settings.clientSecret),
          { execute, timeout: PROVIDER_TIMEOUT_SECONDS },
        )
        .catch((e: unknown) => {
          this.discovery = undefined;
          throw this.providerFailure(e, 'discovery', 'The identity provider cannot be reached or did not describe itself correctly. Try again in a moment.');
        });
    }
    return this.discovery;
  }

  /**
   * Maps an openid-client failure to our codes: a failed discovery or a network failure
   * is `provider_unavailable` (502); a refused code or an ID token that does not verify
   * is `callback_failed` (400). Logs what went wrong, never a token or secret.
   */
  private providerFailure(e: unknown, step: 'discovery' | 'exchange', message: string): DomainError {
    if (e instanceof DomainError) return e;
    const err = e as Error & { code?: string; error?: string; status?: number };
    // By name, not instanceof: fetch's errors may come from another realm (jest, workers).
    const network = err.name === 'TypeError' || err.name === 'AbortError' || err.name === 'TimeoutError' || (err.status !== undefined && err.status >= 500);
    const unreachable = step === 'discovery' || network;
    this.logger.warn({ step, err: { name: err.name, code: err.code, error: err.error, status: err.status, message: err.message } }, 'OIDC request failed');
    return unreachable
      ? new DomainError('auth.oidc.provider_unavailable', message)
      : new DomainError('auth.oidc.callback_failed', message, err.error ? { error: String(err.error).slice(0, 100) } : undefined);
  }

  private flowCookieOptions(req: Request): CookieOptions {
    return { ...baseCookieOptions(req, this.config, FLOW_COOKIE_PATH), sameSite: 'lax' };
  }
}
