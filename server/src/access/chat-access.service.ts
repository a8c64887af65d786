import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { Request, Response } from 'express';
import { roleHasPermission } from '@atrium/protocol';
import { AppConfig } from '../config/app-config';
import { DomainError } from '../common/errors/domain-error';
import { AuthService, bearerToken } from '../auth/auth.service';
import { LoginSessions } from '../auth/login-sessions.service';
import { OidcService } from '../auth/oidc.service';
import { requestContext, type Caller } from '../logging/request-context';
import { THROTTLERS } from '../rate-limit/rate-limit.constants';
import { RateLimiter } from '../rate-limit/rate-limiter';
import type { WorkflowEntity } from '../workflows/entities/workflow.entity';
import type { ThreadOwner } from '../workflows/executor/workflow-executor.types';
import { ChatSessionTokens } from '../publish/chat-session-tokens';
import { applyCorsHeaders } from './chatkit-cors';
import { isOriginAllowed } from './embed-origins';
import { VisitorCookies } from './visitor-cookies';

/** How the caller proved who they are. */
export type ChatCredential = 'access_token' | 'session_token' | 'login_session' | 'visitor';

export interface ChatAccess {
  owner: ThreadOwner;
  via: ChatCredential;
}

type ChatRequest = Request & { caller?: Caller };

/**
 * Who may chat with a workflow, and as whom (`POST /api/chatkit` and its uploads).
 *
 * 0. A request with an `Origin` must come from one of the workflow's allowed origins
 *    (Atrium's own by default): else `403 chatkit.auth.origin_not_allowed`, no CORS.
 * 1. `Authorization: Bearer`: a user's access token (role may read workflows) → that
 *    user; or a chat session token, which must be for this workflow
 *    (`403 chatkit.auth.workflow_mismatch`) → the user it was issued to. Expired or
 *    badly signed → 401; only HS256 is accepted.
 * 2. No bearer: the workflow must be published, and publishing switched on
 *    (`ATRIUM_CHATKIT_PUBLISH_ENABLED`), else `403 chatkit.auth.not_published`.
 *    - requires login: a live OIDC login session → `oidc:<issuer-hash>:<sub>`, else
 *      `401 chatkit.auth.login_required` with `details.login_url`;
 *    - otherwise: the login session if the browser has one, else the anonymous
 *      visitor of the signed visitor cookie (a new one is issued when missing).
 * Then the per-identity limit, and for public callers the per-workflow limit.
 */
@Injectable()
export class ChatAccessService {
  constructor(
    private readonly config: AppConfig,
    private readonly auth: AuthService,
    private readonly jwt: JwtService,
    private readonly sessionTokens: ChatSessionTokens,
    private readonly loginSessions: LoginSessions,
    private readonly oidc: OidcService,
    private readonly visitors: VisitorCookies,
    private readonly limiter: RateLimiter,
  ) {}

  async resolve(req: ChatRequest, workflow: WorkflowEntity): Promise<ChatAccess> {
    const res = req.res as Response;
    this.checkOrigin(req, res, workflow);
    const access = await this.authenticate(req, res, workflow);
    await this.limiter.consume(THROTTLERS.chatIdentity, access.owner.key, 'chat requests from you');
    if (access.via === 'login_session' || access.via === 'visitor') {
      await this.limiter.consume(THROTTLERS.chatWorkflow, `workflow:${workflow.id}`, 'chat requests to this workflow right now');
    }
    return access;
  }

  private checkOrigin(req: Request, res: Response, workflow: WorkflowEntity): void {
    const origin = req.headers.origin;
    if (origin === undefined) return;
    if (!isOriginAllowed(origin, workflow, this.config)) {
      throw new DomainError('chatkit.auth.origin_not_allowed', "Pages on this origin may not use this workflow's chat. Add the origin to the workflow's allowed origins.", {
        origin: origin.slice(0, 200),
      });
    }
    applyCorsHeaders(res, origin);
  }

  private async authenticate(req: ChatRequest, res: Response, workflow: WorkflowEntity): Promise<ChatAccess> {
    const header = req.headers.authorization;
    if (header !== undefined) {
      const token = bearerToken(header);
      if (!token) throw new DomainError('auth.invalid_token', 'The Authorization header must be "Bearer <token>".');
      return this.fromBearer(req, token, workflow);
    }

    if (!workflow.isPublic || !this.config.chatkitPublishEnabled) {
      throw new DomainError('chatkit.auth.not_published', 'This workflow is not published. Sign in to Atrium, or ask its owner to publish it.');
    }
    const login = await this.loginSessions.fromRequest(req);
    if (login) return { owner: { kind: 'oidc', id: login.ownerId, key: login.ownerKey }, via: 'login_session' };
    if (workflow.requireLogin) {
      const loginUrl = this.oidc.loginUrl(`/chat/${workflow.id}`);
      throw loginUrl
        ? new DomainError('chatkit.auth.login_required', 'Sign in to chat with this workflow.', { login_url: loginUrl })
        : new DomainError('chatkit.auth.login_required', 'This chat requires signing in, but no identity provider is configured on this server (OIDC_ISSUER).', { login_url: null });
    }
    const visitorId = this.visitors.read(req) ?? this.visitors.issue(req, res);
    return { owner: { kind: 'visitor', id: visitorId, key: `visitor:${visitorId}` }, via: 'visitor' };
  }

  private async fromBearer(req: ChatRequest, token: string, workflow: WorkflowEntity): Promise<ChatAccess> {
    // Only routes to the right verifier; each verifies the signature itself.
    const typ = (this.jwt.decode<{ typ?: unknown } | null>(token) ?? {}).typ;
    let caller: Caller;
    let via: ChatCredential;
    if (typ === 'chat_session') {
      const session = await this.sessionTokens.verify(token);
      if (session.workflowId !== workflow.id) {
        throw new DomainError('chatkit.auth.workflow_mismatch', 'This chat session token was issued for another workflow.');
      }
      // The token is short-lived, but a deactivated account stops at once.
      caller = await this.auth.activeCaller(session.userId);
      via = 'session_token';
    } else {
      caller = await this.auth.verifyAccessToken(token);
      via = 'access_token';
    }
    if (!roleHasPermission(caller.role, 'workflows.read')) {
      throw new DomainError('auth.forbidden', `Your role (${caller.role}) does not allow chatting with workflows.`);
    }
    req.caller = caller;
    requestContext.assign({ caller });
    return { owner: { kind: 'user', id: caller.id, key: `user:${caller.id}` }, via };
  }
}
