import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { CookieOptions, Request, Response } from 'express';
import { createHash, randomBytes } from 'node:crypto';
import { LessThan, MoreThan, Repository } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { baseCookieOptions, clearCookie, readCookie } from '../common/cookies';
import { LoginSessionEntity } from './entities/login-session.entity';

/** The login session cookie: an opaque random token (its hash is the row's key). */
export const LOGIN_SESSION_COOKIE = 'atrium_session';
const TOKEN_FORMAT = /^[A-Za-z0-9_-]{43}$/;
const MAX_SUBJECT_IN_KEY = 150;

/** Someone signed in through the OpenID provider. */
export interface LoginIdentity {
  sessionId: string;
  issuer: string;
  subject: string;
  /** `<issuer-hash>:<sub>`: the owner id of this person's chats. */
  ownerId: string;
  /** `oidc:<issuer-hash>:<sub>`: the same on every device and after every sign-in. */
  ownerKey: string;
  email: string | null;
  name: string | null;
}

/**
 * The owner id of an OIDC subject: a short hash of the issuer (so two providers'
 * subjects never collide) and the subject itself; very long subjects are hashed to
 * fit the 200-character owner keys.
 */
export function oidcOwnerId(issuer: string, subject: string): string {
  const issuerHash = createHash('sha256').update(issuer).digest('hex').slice(0, 12);
  const sub = subject.length <= MAX_SUBJECT_IN_KEY ? subject : `~${createHash('sha256').update(subject).digest('hex')}`;
  return `${issuerHash}:${sub}`;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Login sessions: created after a verified OIDC callback, found from the cookie, revoked on logout. */
@Injectable()
export class LoginSessions {
  constructor(
    @InjectRepository(LoginSessionEntity) private readonly repo: Repository<LoginSessionEntity>,
    private readonly config: AppConfig,
  ) {}

  async create(who: { issuer: string; subject: string; email: string | null; name: string | null }, ttlSeconds: number): Promise<{ token: string; expiresAt: Date; identity: LoginIdentity }> {
    await this.repo.delete({ expiresAt: LessThan(new Date()) });
    const token = randomBytes(32).toString('base64url');
    const ownerId = oidcOwnerId(who.issuer, who.subject);
    const row = this.repo.create({
      tokenHash: hashToken(token),
      issuer: who.issuer,
      subject: who.subject,
      ownerKey: `oidc:${ownerId}`,
      email: who.email,
      name: who.name,
      expiresAt: new Date(Date.now() + ttlSeconds * 1000),
    });
    await this.repo.save(row);
    return { token, expiresAt: row.expiresAt, identity: toIdentity(row) };
  }

  /**
   * The signed-in person behind the request's session cookie, if the cookie names a
   * live session from the configured provider. Anything else (no cookie, a made-up
   * or altered value, an expired or revoked session) is undefined.
   */
  async fromRequest(req: Request): Promise<LoginIdentity | undefined> {
    const token = readCookie(req, LOGIN_SESSION_COOKIE);
    if (!token || !TOKEN_FORMAT.test(token) || !this.config.oidc) return undefined;
    const row = await this.repo.findOne({ where: { tokenHash: hashToken(token), expiresAt: MoreThan(new Date()) } });
    if (!row || row.issuer !== this.config.oidc.issuer) return undefined;
    return toIdentity(row);
  }

  /** Ends the session named by the request's cookie (if any). */
  async revoke(req: Request): Promise<void> {
    const token = readCookie(req, LOGIN_SESSION_COOKIE);
    if (token && TOKEN_FORMAT.test(token)) await this.repo.delete({ tokenHash: hashToken(token) });
  }

  setCookie(req: Request, res: Response, token: string, expiresAt: Date): void {
    res.cookie(LOGIN_SESSION_COOKIE, token, { ...this.cookieOptions(req), maxAge: Math.max(0, expiresAt.getTime() - Date.now()) });
  }

  clearCookie(req: Request, res: Response): void {
    clearCookie(res, LOGIN_SESSION_COOKIE, this.cookieOptions(req));
  }

  /**
   * HttpOnly, SameSite=Lax (sent on the top-level return from the provider), Secure on
   * https; path `/` so the public chat page (`/chat/:id`) can tell a signed-in browser.
   */
  private cookieOptions(req: Request): CookieOptions {
    return { ...baseCookieOptions(req, this.config, '/'), sameSite: 'lax' };
  }
}

function toIdentity(row: LoginSessionEntity): LoginIdentity {
  const ownerId = row.ownerKey.slice('oidc:'.length);
  return { sessionId: row.id, issuer: row.issuer, subject: row.subject, ownerId, ownerKey: row.ownerKey, email: row.email, name: row.name };
}
