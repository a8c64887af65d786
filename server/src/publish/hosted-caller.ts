import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { ChatAccessService, type ChatCredential } from '../access/chat-access.service';
import { DomainError } from '../common/errors/domain-error';
import type { WorkflowEntity } from '../workflows/entities/workflow.entity';

/** Who asks for a hosted ChatKit session, and the `user` OpenAI scopes its threads by. */
export interface HostedCaller {
  /** How the caller proved who they are (access token, chat session token, OIDC login session, visitor cookie). */
  via: ChatCredential;
  /** The same owner key the self-hosted chat uses (`user:<id>`, `oidc:…`, `visitor:<id>`). */
  upstreamUser: string;
}

/**
 * The one place that decides who may open a hosted ChatKit session for a workflow
 * (`POST /api/chatkit/sessions` is `@Public()`; this is its authentication). It applies
 * exactly the rules of the self-hosted chat (`ChatAccessService`, access module):
 *
 * - `Authorization: Bearer <access token>` of an active user whose role may read workflows;
 * - `Authorization: Bearer <chat session token>` issued for this very workflow
 *   (else `403 chatkit.auth.workflow_mismatch`);
 * - no credentials: only for a published workflow (publishing switched on, else
 *   `403 chatkit.auth.not_published`); login-only workflows need an OIDC login session
 *   (else `401 chatkit.auth.login_required`); others get the signed visitor cookie, so a
 *   visitor keeps the same upstream `user` (and its threads) across reloads;
 * - a request with an `Origin` must come from the workflow's allowed origins;
 * - per-identity and per-workflow rate limits.
 *
 * A credential that is present but invalid is refused, never downgraded to anonymous.
 */
@Injectable()
export class HostedCallerResolver {
  constructor(private readonly access: ChatAccessService) {}

  /** `workflow` is null when no workflow has the requested id. */
  async resolve(req: Request, workflow: WorkflowEntity | null): Promise<HostedCaller> {
    if (!workflow) throw DomainError.notFound('workflow.not_found', 'Workflow');
    const { owner, via } = await this.access.resolve(req, workflow);
    return { via, upstreamUser: owner.key };
  }
}
