/**
 * `createSessionFetch`: a fetch for `api.fetch` that authenticates with a short-lived
 * session token (a JWT from the host, e.g. `POST /api/workflows/:id/chatkit/session`).
 * It refreshes the token `refreshBeforeSeconds` before its `exp` and once more when a
 * request answers 401 (then retries that request once), so a long conversation keeps
 * its thread across token lifetimes. Concurrent requests share one refresh.
 */
import type { FetchLike } from '../types.js';

export interface SessionFetchOptions {
  /** Returns a fresh token; `current` is the token being replaced (null the first time). */
  getClientSecret: (current: string | null) => Promise<string>;
  /** Refresh this many seconds before `exp`. Default 30. */
  refreshBeforeSeconds?: number;
  /** The fetch to wrap (default: the global fetch). */
  fetch?: FetchLike;
  /** Clock in ms (tests). */
  now?: () => number;
}

export interface SessionFetch extends FetchLike {
  /** `{Authorization: "Bearer …"}` with a token that is valid now (for XHR uploads). */
  authHeaders(): Promise<Record<string, string>>;
  /** Forces a refresh (e.g. after the host learned the token was revoked). */
  refresh(): Promise<string>;
}

/** The `exp` claim (seconds) of a JWT, or undefined when it cannot be read. */
export function jwtExpiry(token: string): number | undefined {
  const part = token.split('.')[1];
  if (!part) return undefined;
  try {
    const b64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
    const exp = (JSON.parse(atob(b64)) as { exp?: unknown }).exp;
    return typeof exp === 'number' && Number.isFinite(exp) ? exp : undefined;
  } catch {
    return undefined;
  }
}

export function createSessionFetch(options: SessionFetchOptions): SessionFetch {
  const refreshBefore = (options.refreshBeforeSeconds ?? 30) * 1000;
  const now = options.now ?? (() => Date.now());
  const base: FetchLike = options.fetch ?? ((input, init) => fetch(input, init));
  let token: string | null = null;
  let expiresAt: number | undefined;
  let pending: Promise<string> | null = null;

  const refresh = (): Promise<string> => {
    if (!pending) {
      const previous = token;
      pending = options
        .getClientSecret(previous)
        .then((next) => {
          if (typeof next !== 'string' || !next) throw new Error('getClientSecret returned no token');
          token = next;
          const exp = jwtExpiry(next);
          expiresAt = exp === undefined ? undefined : exp * 1000;
          return next;
        })
        .finally(() => {
          pending = null;
        });
    }
    return pending;
  };

  const valid = async (): Promise<string> => {
    if (pending) return pending;
    if (token === null || (expiresAt !== undefined && expiresAt - now() <= refreshBefore)) return refresh();
    return token;
  };

  const send = (input: RequestInfo | URL, init: RequestInit | undefined, bearer: string): Promise<Response> => {
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    headers.set('Authorization', `Bearer ${bearer}`);
    return base(input instanceof Request ? input.clone() : input, { ...init, headers });
  };

  const sessionFetch = (async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const used = await valid();
    const res = await send(input, init, used);
    if (res.status !== 401) return res;
    // Expired or revoked: one refresh (unless another request already got a new token), one retry.
    const next = token !== used ? (token as string) : await refresh();
    return send(input, init, next);
  }) as SessionFetch;
  sessionFetch.authHeaders = async () => ({ Authorization: `Bearer ${await valid()}` });
  sessionFetch.refresh = refresh;
  return sessionFetch;
}
