import { Injectable } from '@nestjs/common';
import { JwtService, TokenExpiredError } from '@nestjs/jwt';
import { ROLES, type Role } from '@atrium/protocol';
import { AppConfig } from '../config/app-config';
import { DomainError } from '../common/errors/domain-error';

/** Claims of a chat session token (plus `iat`, `exp` and `iss: atrium`). */
export interface ChatSessionClaims {
  typ: 'chat_session';
  /** The user the token was issued to. */
  sub: string;
  /** The only workflow the token may chat with. */
  workflow_id: string;
  role: Role;
}

/** Who a valid chat session token speaks for. */
export interface ChatSessionIdentity {
  userId: string;
  workflowId: string;
  role: Role;
}

export interface IssuedChatSession {
  token: string;
  expiresAt: Date;
}

const invalid = () => new DomainError('auth.invalid_token', 'The chat session token is not valid.');

/**
 * Short-lived (60–300 s, `ATRIUM_CHAT_SESSION_TTL_SECONDS`) HS256 JWTs bound to one
 * workflow and one user, signed with the app's secret. The Canvas chat bubble gets
 * one from `POST /api/workflows/:id/chatkit/session` and sends it to the ChatKit
 * endpoint instead of the user's access token.
 */
@Injectable()
export class ChatSessionTokens {
  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  get ttlSeconds(): number {
    return this.config.chatSessionTtlSeconds;
  }

  async issue(input: { userId: string; workflowId: string; role: Role }): Promise<IssuedChatSession> {
    const claims: ChatSessionClaims = { typ: 'chat_session', sub: input.userId, workflow_id: input.workflowId, role: input.role };
    const token = await this.jwt.signAsync(claims, { expiresIn: this.ttlSeconds, algorithm: 'HS256' });
    const { exp } = this.jwt.decode<{ exp: number }>(token);
    return { token, expiresAt: new Date(exp * 1000) };
  }

  /**
   * Checks signature (HS256 only: `none` and every other algorithm are refused),
   * issuer, expiry and type. Throws `auth.token_expired` or `auth.invalid_token`.
   * It does not look the user up: callers check that the account is still active.
   */
  async verify(token: string): Promise<ChatSessionIdentity> {
    if (typeof token !== 'string' || token.length === 0 || token.length > 4096) throw invalid();
    const decoded = this.jwt.decode<{ header?: { alg?: unknown } } | null>(token, { complete: true });
    if (!decoded || decoded.header?.alg !== 'HS256') throw invalid();
    let claims: Partial<ChatSessionClaims>;
    try {
      claims = await this.jwt.verifyAsync<Partial<ChatSessionClaims>>(token, { algorithms: ['HS256'] });
    } catch (e) {
      if (e instanceof TokenExpiredError) throw new DomainError('auth.token_expired', 'The chat session has expired. Get a new chat session token.');
      throw invalid();
    }
    if (
      claims.typ !== 'chat_session' ||
      typeof claims.sub !== 'string' ||
      typeof claims.workflow_id !== 'string' ||
      !(ROLES as readonly string[]).includes(claims.role as string)
    ) {
      throw invalid();
    }
    return { userId: claims.sub, workflowId: claims.workflow_id, role: claims.role as Role };
  }
}
