import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { DomainError } from '../common/errors/domain-error';
import type { Caller } from '../logging/request-context';
import type { WorkflowEntity } from '../workflows/entities/workflow.entity';
import type { ThreadOwner } from '../workflows/executor/workflow-executor.types';
import type { ThreadScope } from './chatkit.store';

export type ChatkitRequest = Request & { caller?: Caller };

/**
 * The one place that decides who owns the threads a ChatKit request touches.
 *
 * Today the caller is a signed-in user (Bearer JWT checked by the global auth guard,
 * permission `workflows.read`): the owner is `user:<id>`. Anonymous visitors and
 * workflow-bound session tokens (the publishing issue) plug in here; callers only
 * ever see a `ThreadOwner`.
 */
@Injectable()
export class ChatkitAuth {
  // `workflow` is part of the signature so publication rules (public, login required,
  // allowed origins, session-token binding) can be decided here without touching callers.
  resolveOwner(req: ChatkitRequest, _workflow: Pick<WorkflowEntity, 'id'>): ThreadOwner {
    const caller = req.caller;
    if (!caller) throw new DomainError('auth.unauthenticated', 'Sign in first: send an Authorization: Bearer <token> header.');
    return { kind: 'user', id: caller.id, key: `user:${caller.id}` };
  }
}

export function scopeOf(workflowId: string, owner: ThreadOwner): ThreadScope {
  return { workflowId, ownerKey: owner.key };
}
