import { Injectable } from '@nestjs/common';
import { JwtService, TokenExpiredError } from '@nestjs/jwt';
import type { LoginResponse, MeResponse } from '@atrium/protocol';
import { permissionsOf } from '@atrium/protocol';
import { AppConfig } from '../config/app-config';
import { DomainError } from '../common/errors/domain-error';
import type { Caller } from '../logging/request-context';
import { UsersService } from '../users/users.service';
import { toUserResponse } from '../users/user.response';

export interface AccessTokenClaims {
  sub: string;
  typ: 'access';
  role: string;
}

/** The token of an `Authorization: Bearer <token>` header, or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1];
}

/** How long an active account's role and active flag may be reused without reading the database. */
export const ACTIVE_ACCOUNT_TTL_MS = 2_000;
const ACTIVE_ACCOUNT_CACHE_MAX = 10_000;

@Injectable()
export class AuthService {
  private readonly accounts = new Map<string, { caller: Caller; version: number; until: number }>();

  constructor(
    private readonly users: UsersService,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  async login(email: string, password: string): Promise<LoginResponse> {
    const user = await this.users.verifyCredentials(email, password);
    if (!user) throw new DomainError('auth.invalid_credentials', 'Email or password is incorrect.');
    if (!user.isActive) throw new DomainError('auth.account_disabled', 'This account has been deactivated. Ask an administrator.');
    const claims: AccessTokenClaims = { sub: user.id, typ: 'access', role: user.role };
    const access_token = await this.jwt.signAsync(claims, { expiresIn: this.config.jwtTtlSeconds, algorithm: 'HS256' });
    return { access_token, token_type: 'Bearer', expires_in: this.config.jwtTtlSeconds, user: toUserResponse(user) };
  }

  /**
   * Verifies a user's access token (HS256 only: `alg: none` and every other algorithm
   * are refused) and loads the account: role and active flag come from the database,
   * so a change takes effect at once.
   */
  async verifyAccessToken(token: string): Promise<Caller> {
    let claims: AccessTokenClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessTokenClaims>(token, { algorithms: ['HS256'] });
    } catch (e) {
      if (e instanceof TokenExpiredError) throw new DomainError('auth.token_expired', 'Your session has expired. Sign in again.');
      throw new DomainError('auth.invalid_token', 'The access token is not valid.');
    }
    if (claims.typ !== 'access' || typeof claims.sub !== 'string') {
      throw new DomainError('auth.invalid_token', 'The access token is not valid.');
    }
    return this.activeCaller(claims.sub);
  }

  /**
   * The caller for an active account, or `auth.invalid_token` (deleted or deactivated).
   *
   * Active accounts are cached for {@link ACTIVE_ACCOUNT_TTL_MS} (every authenticated
   * request needs one, a chat turn included). A change made through this instance
   * (UsersService.update: role, deactivation) drops the cache at once; a change made
   * elsewhere (another instance, SQL) takes effect within the TTL. Unknown and
   * deactivated accounts are never cached.
   */
  async activeCaller(userId: string): Promise<Caller> {
    const now = Date.now();
    const version = this.users.accountsVersion;
    const hit = this.accounts.get(userId);
    if (hit && hit.until > now && hit.version === version) return { ...hit.caller };
    const user = await this.users.findActiveById(userId);
    if (!user) {
      this.accounts.delete(userId);
      throw new DomainError('auth.invalid_token', 'This account no longer exists or has been deactivated.');
    }
    const caller: Caller = { kind: 'user', id: user.id, email: user.email, role: user.role };
    if (this.accounts.size >= ACTIVE_ACCOUNT_CACHE_MAX) this.pruneAccounts(now);
    this.accounts.set(userId, { caller, version, until: now + ACTIVE_ACCOUNT_TTL_MS });
    return { ...caller };
  }

  private pruneAccounts(now: number): void {
    for (const [id, entry] of this.accounts) if (entry.until <= now) this.accounts.delete(id);
    // Still full of live entries: start over rather than grow without bound.
    if (this.accounts.size >= ACTIVE_ACCOUNT_CACHE_MAX) this.accounts.clear();
  }

  async me(caller: Caller): Promise<MeResponse> {
    const user = await this.users.get(caller.id);
    return { user: toUserResponse(user), permissions: permissionsOf(user.role) };
  }
}
