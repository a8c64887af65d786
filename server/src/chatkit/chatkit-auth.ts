import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { ChatAccessService } from '../access/chat-access.service';
import type { Caller } from '../logging/request-context';
import type { WorkflowEntity } from '../workflows/entities/workflow.entity';
import type { ThreadOwner } from '../workflows/executor/workflow-executor.types';
import type { ThreadScope } from './chatkit.store';

export type ChatkitRequest = Request & { caller?: Caller };

/**
 * The one place that decides who owns the threads a ChatKit request touches. The
 * rules (bearer access or session token, published workflow with OIDC login or an
 * anonymous visitor cookie, allowed origins, rate limits) live in the access module
 * (ChatAccessService); callers only ever see a `ThreadOwner`.
 */
@Injectable()
export class ChatkitAuth {
  constructor(private readonly access: ChatAccessService) {}

  async resolveOwner(req: ChatkitRequest, workflow: WorkflowEntity): Promise<ThreadOwner> {
    return (await this.access.resolve(req, workflow)).owner;
  }
}

export function scopeOf(workflowId: string, owner: ThreadOwner): ThreadScope {
  return { workflowId, ownerKey: owner.key };
}
