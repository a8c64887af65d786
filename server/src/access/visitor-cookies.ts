import { Injectable } from '@nestjs/common';
import type { CookieOptions, Request, Response } from 'express';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { AppConfig } from '../config/app-config';
import { baseCookieOptions, readCookie } from '../common/cookies';
import { deriveKey } from '../common/derived-key';

export const VISITOR_COOKIE = 'atrium_visitor';
/** The visitor cookie is only ever needed by the chat endpoint and its uploads. */
const VISITOR_COOKIE_PATH = '/api/chatkit';
const VISITOR_COOKIE_MAX_AGE_MS = 365 * 24 * 3600 * 1000;
const VERSION = 'v1';
const ID_FORMAT = /^[A-Za-z0-9_-]{22}$/;

/**
 * Anonymous visitors of published workflows: a random id in an HttpOnly cookie,
 * signed with a key derived from the app secret (`v1.<id>.<hmac>`), so a visitor
 * keeps their threads across reloads and nobody can claim another visitor's id.
 */
@Injectable()
export class VisitorCookies {
  private readonly key: Buffer;

  constructor(private readonly config: AppConfig) {
    this.key = deriveKey(config.jwtSecret, 'visitor-cookie');
  }

  /** The visitor id of a validly signed cookie, else undefined (absent, altered or forged). */
  read(req: Request): string | undefined {
    const value = readCookie(req, VISITOR_COOKIE);
    if (!value) return undefined;
    const parts = value.split('.');
    if (parts.length !== 3 || parts[0] !== VERSION || !ID_FORMAT.test(parts[1])) return undefined;
    const expected = this.sign(parts[1]);
    const given = Buffer.from(parts[2], 'base64url');
    return given.length === expected.length && timingSafeEqual(given, expected) ? parts[1] : undefined;
  }

  /** A new visitor: sets the cookie on the response and returns the id. */
  issue(req: Request, res: Response): string {
    const id = randomBytes(16).toString('base64url');
    res.cookie(VISITOR_COOKIE, `${VERSION}.${id}.${this.sign(id).toString('base64url')}`, this.cookieOptions(req));
    return id;
  }

  /**
   * HttpOnly; on https `SameSite=None; Secure`, so a chat bubble embedded on an
   * allowed origin keeps its visitor (only allowed origins get CORS answers with
   * credentials); on plain http `SameSite=Lax` (browsers refuse None without Secure).
   */
  private cookieOptions(req: Request): CookieOptions {
    const base = baseCookieOptions(req, this.config, VISITOR_COOKIE_PATH);
    return { ...base, sameSite: base.secure ? 'none' : 'lax', maxAge: VISITOR_COOKIE_MAX_AGE_MS };
  }

  private sign(id: string): Buffer {
    return createHmac('sha256', this.key).update(`${VERSION}.${id}`).digest();
  }
}
