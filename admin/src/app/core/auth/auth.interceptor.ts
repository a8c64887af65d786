import { HttpErrorResponse, type HttpInterceptorFn, type HttpRequest } from '@angular/common/http';
import { inject } from '@angular/core';
import type { ApiErrorBody } from '@atrium/protocol';
import { catchError, throwError } from 'rxjs';

import { LOGIN_URL } from './auth.api';
import { AuthService } from './auth.service';

/** Same-origin `/api/...` calls only: the token never leaves for another host. */
function isApiRequest(req: HttpRequest<unknown>): boolean {
  const url = new URL(req.url, globalThis.location?.href ?? 'http://localhost/');
  return url.origin === (globalThis.location?.origin ?? url.origin) && url.pathname.startsWith('/api/');
}

function isLoginRequest(req: HttpRequest<unknown>): boolean {
  return new URL(req.url, globalThis.location?.href ?? 'http://localhost/').pathname === LOGIN_URL;
}

/**
 * Adds `Authorization: Bearer <token>` to API calls, and ends the session when the
 * server answers 401 to an authenticated call (expired, revoked or invalid token):
 * the user is sent to /login with a "session expired" notice. A 401 from the login
 * call itself is a wrong password and is left to the login page.
 */
export const authInterceptor: HttpInterceptorFn = (req, next) => {
  if (!isApiRequest(req) || isLoginRequest(req)) return next(req);

  const auth = inject(AuthService);
  if (auth.hasExpired()) {
    auth.expireSession();
    const body: ApiErrorBody = {
      error: { code: 'auth.token_expired', message: 'Your session has expired.', request_id: '' },
    };
    return throwError(() => new HttpErrorResponse({ status: 401, url: req.url, error: body }));
  }

  const token = auth.accessToken();
  const authed = token ? req.clone({ setHeaders: { Authorization: `Bearer ${token}` } }) : req;
  return next(authed).pipe(
    catchError((err: unknown) => {
      if (token && err instanceof HttpErrorResponse && err.status === 401) auth.expireSession();
      return throwError(() => err);
    }),
  );
};
