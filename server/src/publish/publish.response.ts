import type { PublicWorkflowResponse, PublishStateResponse, PublishWorkflowResponse, WorkflowResponse } from '@atrium/protocol';
import type { WorkflowEntity } from '../workflows/entities/workflow.entity';

/** Where the public chat page sends visitors to sign in. */
export function loginUrlOf(workflowId: string): string {
  return `/api/auth/oidc/login?return_to=/chat/${workflowId}`;
}

export function toPublishStateResponse(w: WorkflowResponse): PublishStateResponse {
  return {
    is_public: w.is_public,
    ...(w.published_at ? { published_at: w.published_at } : {}),
    ...(w.published_by ? { published_by: w.published_by } : {}),
    require_login: w.require_login,
    allowed_origins: w.allowed_origins,
    ...(w.share_url ? { share_url: w.share_url } : {}),
  };
}

export function toPublishWorkflowResponse(workflow: WorkflowResponse, message: string): PublishWorkflowResponse {
  return { workflow, publish: toPublishStateResponse(workflow), message };
}

/** Only what the public chat page needs: no instructions, model or tool settings. */
export function toPublicWorkflowResponse(w: WorkflowEntity): PublicWorkflowResponse {
  return {
    id: w.id,
    name: w.name,
    kind: w.kind,
    greeting: w.definition.greeting,
    starter_prompts: w.definition.starter_prompts,
    require_login: w.requireLogin,
    login_url: loginUrlOf(w.id),
  };
}
