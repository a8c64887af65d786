import { Injectable, Logger } from '@nestjs/common';
import type { ChatSessionResponse } from '@atrium/protocol';
import type { Caller } from '../logging/request-context';
import { WorkflowsService } from '../workflows/workflows.service';
import { ChatSessionTokens } from './chat-session-tokens';
import { FeaturesService } from './features.service';

/** Chat session tokens for the Canvas chat bubble of the admin's workflow page. */
@Injectable()
export class ChatSessionService {
  private readonly logger = new Logger('ChatSessions');

  constructor(
    private readonly workflows: WorkflowsService,
    private readonly tokens: ChatSessionTokens,
    private readonly features: FeaturesService,
  ) {}

  /**
   * Any caller who may read workflows may chat with one, published or not, so the
   * route's `workflows.read` permission is the whole check; the workflow must exist.
   */
  async issue(workflowId: string, caller: Caller): Promise<ChatSessionResponse> {
    this.features.assertCanvasEnabled();
    await this.workflows.getEntity(workflowId);
    const issued = await this.tokens.issue({ userId: caller.id, workflowId, role: caller.role });
    const expiresAt = issued.expiresAt.toISOString();
    // Never the token itself.
    this.logger.log({ workflow_id: workflowId, user_id: caller.id, role: caller.role, expires_at: expiresAt, ttl_seconds: this.tokens.ttlSeconds }, 'Chat session token issued');
    return { client_secret: issued.token, expires_at: expiresAt };
  }
}
