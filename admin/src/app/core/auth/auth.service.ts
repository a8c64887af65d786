import { DOCUMENT } from '@angular/common';
import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import { ROLES, permissionsOf, type Permission, type UserResponse } from '@atrium/protocol';
import { firstValueFrom } from 'rxjs';

import { HOME_BY_ROLE } from './access';
import { AuthApi } from './auth.api';

const STORAGE_KEY = 'atrium.admin.session';
/** setTimeout fires immediately for delays above 2^31-1 ms (~24.8 days). */
const MAX_TIMER_DELAY_MS = 2_147_483_647;

export interface Session {
  accessToken: string;
  /** Epoch milliseconds after which the token is no longer accepted. */
  expiresAt: number;
  user: UserResponse;
  /** From `GET /api/auth/me`; until it answers, derived from the role. */
  permissions: Permission[];
}

export type SignOutReason = 'signed_out' | 'expired';

/**
 * Holds the signed-in session: the bearer token (kept in localStorage so a reload keeps
 * you signed in), the current user and their permissions. Signs out by itself when the
 * token's lifetime (`expires_in`) runs out, and follows sign-in/sign-out in other tabs.
 */
@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly api = inject(AuthApi);
  private readonly router = inject(Router);
  private readonly window = inject(DOCUMENT).defaultView;

  private readonly session = signal<Session | null>(null);
  private expiryTimer: ReturnType<typeof setTimeout> | undefined;

  readonly user = computed(() => this.session()?.user ?? null);
  readonly role = computed(() => this.session()?.user.role ?? null);
  readonly permissions = computed(() => this.session()?.permissions ?? []);
  readonly isAuthenticated = computed(() => this.session() !== null);
  /** Epoch milliseconds when the session ends, or null when signed out. */
  readonly expiresAt = computed(() => this.session()?.expiresAt ?? null);
  readonly homePath = computed(() => {
    const role = this.role();
    return role ? HOME_BY_ROLE[role] : '/login';
  });

  constructor() {
    this.adopt(this.readStorage());

    const onStorage = (event: StorageEvent): void => this.onStorage(event);
    this.window?.addEventListener('storage', onStorage);
    inject(DestroyRef).onDestroy(() => {
      this.window?.removeEventListener('storage', onStorage);
      this.clearTimer();
    });
  }

  /** The bearer token to send, or null when signed out or past expiry. */
  accessToken(): string | null {
    const session = this.session();
    return session && !this.isPastExpiry(session) ? session.accessToken : null;
  }

  /** True when a session exists but its token has run out (e.g. the tab slept). */
  hasExpired(): boolean {
    const session = this.session();
    return session !== null && this.isPastExpiry(session);
  }

  /** Refreshes the user and permissions from the server, without blocking start-up. */
  refresh(): void {
    if (!this.accessToken()) return;
    this.api.me().subscribe({
      next: (me) => this.update({ user: me.user, permissions: me.permissions }),
      // A 401 is handled by the interceptor (it signs out); anything else keeps the
      // stored session, so a flaky network does not throw the user out.
      error: () => undefined,
    });
  }

  /** Signs in; rejects with the HttpErrorResponse when the server refuses. */
  async login(email: string, password: string): Promise<void> {
    const res = await firstValueFrom(this.api.login({ email, password }));
    this.adopt({
      accessToken: res.access_token,
      expiresAt: Date.now() + res.expires_in * 1000,
      user: res.user,
      permissions: permissionsOf(res.user.role),
    });
    this.writeStorage();
    const me = await firstValueFrom(this.api.me());
    this.update({ user: me.user, permissions: me.permissions });
  }

  signOut(reason: SignOutReason = 'signed_out'): void {
    if (!this.session()) return;
    const returnUrl = this.currentUrl();
    this.discard();
    void this.navigateToLogin(reason, returnUrl);
  }

  /** Forgets the session without navigating (for guards, which redirect themselves). */
  discard(): void {
    this.adopt(null);
    this.writeStorage();
  }

  /** Ends a session the server (or the clock) no longer accepts. Safe to call repeatedly. */
  expireSession(): void {
    this.signOut('expired');
  }

  private navigateToLogin(reason: SignOutReason, returnUrl: string): Promise<boolean> {
    const queryParams: Record<string, string> = {};
    if (reason === 'expired') {
      queryParams['reason'] = 'expired';
      if (isSafeReturnUrl(returnUrl)) queryParams['returnUrl'] = returnUrl;
    }
    return this.router.navigate(['/login'], { queryParams });
  }

  /** Where the user is, or is going (during start-up `router.url` is still `/`). */
  private currentUrl(): string {
    const navigation = this.router.currentNavigation();
    return (navigation?.finalUrl ?? navigation?.extractedUrl)?.toString() ?? this.router.url;
  }

  private update(patch: Pick<Session, 'user' | 'permissions'>): void {
    const current = this.session();
    if (!current) return;
    this.session.set({ ...current, ...patch });
    this.writeStorage();
  }

  /** Makes `session` the current one (or none) and arms the expiry timer. */
  private adopt(session: Session | null): void {
    this.clearTimer();
    this.session.set(session);
    if (!session) return;
    const delay = Math.min(Math.max(session.expiresAt - Date.now(), 0), MAX_TIMER_DELAY_MS);
    this.expiryTimer = setTimeout(() => {
      // A timer clamped to the setTimeout maximum may fire early; re-arm it.
      if (this.isPastExpiry(session)) this.expireSession();
      else this.adopt(session);
    }, delay);
  }

  private clearTimer(): void {
    if (this.expiryTimer !== undefined) clearTimeout(this.expiryTimer);
    this.expiryTimer = undefined;
  }

  private isPastExpiry(session: Session): boolean {
    return Date.now() >= session.expiresAt;
  }

  /** Another tab signed in or out: follow it. */
  private onStorage(event: StorageEvent): void {
    if (event.key !== STORAGE_KEY && event.key !== null) return;
    const next = this.readStorage();
    if (next?.accessToken === this.session()?.accessToken) {
      if (next) this.session.set(next);
      return;
    }
    if (next) {
      this.adopt(next);
      if (this.router.url.startsWith('/login')) void this.router.navigateByUrl(this.homePath());
    } else if (this.session()) {
      const returnUrl = this.currentUrl();
      this.adopt(null);
      void this.navigateToLogin('signed_out', returnUrl);
    }
  }

  private readStorage(): Session | null {
    try {
      const raw = this.window?.localStorage.getItem(STORAGE_KEY);
      if (!raw) return null;
      const parsed: unknown = JSON.parse(raw);
      if (!isSession(parsed) || this.isPastExpiry(parsed)) {
        this.window?.localStorage.removeItem(STORAGE_KEY);
        return null;
      }
      return parsed;
    } catch {
      return null;
    }
  }

  private writeStorage(): void {
    try {
      const session = this.session();
      if (session) this.window?.localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
      else this.window?.localStorage.removeItem(STORAGE_KEY);
    } catch {
      // Storage unavailable (private mode, quota): the session lives for this tab only.
    }
  }
}

function isSession(value: unknown): value is Session {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<Record<keyof Session, unknown>>;
  const user = v.user as Partial<Record<keyof UserResponse, unknown>> | null | undefined;
  return (
    typeof v.accessToken === 'string' &&
    typeof v.expiresAt === 'number' &&
    Array.isArray(v.permissions) &&
    typeof user === 'object' &&
    user !== null &&
    typeof user.id === 'string' &&
    typeof user.email === 'string' &&
    (ROLES as readonly unknown[]).includes(user.role)
  );
}

/** Only same-app paths: no protocol-relative `//host`, no bouncing back to /login. */
export function isSafeReturnUrl(url: string | null | undefined): url is string {
  return (
    typeof url === 'string' &&
    url.startsWith('/') &&
    !url.startsWith('//') &&
    !url.startsWith('/\\') &&
    !url.startsWith('/login')
  );
}
