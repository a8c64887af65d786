import { inject } from '@angular/core';
import { Router, type CanMatchFn, type UrlSegment } from '@angular/router';
import type { Role } from '@atrium/protocol';

import { AREA_ROLES, type Area } from './access';
import { AuthService } from './auth.service';

function attemptedUrl(router: Router, segments: UrlSegment[]): string {
  return router.currentNavigation()?.extractedUrl.toString() ?? '/' + segments.map((s) => s.path).join('/');
}

/** Signed-in users only; others go to /login and come back afterwards. */
export const authGuard: CanMatchFn = (_route, segments) => {
  const auth = inject(AuthService);
  if (auth.accessToken()) return true;

  const router = inject(Router);
  const queryParams: Record<string, string> = {};
  if (auth.hasExpired()) {
    auth.discard();
    queryParams['reason'] = 'expired';
  }
  const returnUrl = attemptedUrl(router, segments);
  if (returnUrl !== '/') queryParams['returnUrl'] = returnUrl;
  return router.createUrlTree(['/login'], { queryParams });
};

/** The login page is for signed-out users; signed-in ones go to their home. */
export const guestGuard: CanMatchFn = () => {
  const auth = inject(AuthService);
  return auth.accessToken() ? inject(Router).parseUrl(auth.homePath()) : true;
};

/**
 * Lets only the given roles match the route. Used with `canMatch`, so a feature's code
 * is not even downloaded for other roles; they land on their own home page instead.
 */
export function roleGuard(...roles: readonly Role[]): CanMatchFn {
  return () => {
    const auth = inject(AuthService);
    const role = auth.role();
    if (role && roles.includes(role)) return true;
    return inject(Router).parseUrl(auth.homePath());
  };
}

/** {@link roleGuard} for an admin area, with the roles from AREA_ROLES. */
export function areaGuard(area: Area): CanMatchFn {
  return roleGuard(...AREA_ROLES[area]);
}
