import type { CookieOptions, Request, Response } from 'express';
import type { AppConfig } from '../config/app-config';

/**
 * The value of cookie `name` in the request, or undefined. When a browser sends the
 * name twice (e.g. different paths), the first — most specific path — wins; every
 * cookie Atrium reads is signed or looked up server-side, so a planted duplicate
 * cannot impersonate anyone.
 */
export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    try {
      return decodeURIComponent(value);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** Whether cookies for this request must be `Secure` (https, directly or behind a trusted proxy). */
export function isSecureContext(req: Request, config: AppConfig): boolean {
  return req.secure || config.publicBaseUrl.startsWith('https:');
}

/** Base options of every Atrium cookie: HttpOnly, Secure on https. */
export function baseCookieOptions(req: Request, config: AppConfig, path: string): CookieOptions {
  return { httpOnly: true, secure: isSecureContext(req, config), path };
}

export function clearCookie(res: Response, name: string, options: CookieOptions): void {
  const { maxAge: _maxAge, expires: _expires, ...rest } = options;
  res.clearCookie(name, rest);
}
