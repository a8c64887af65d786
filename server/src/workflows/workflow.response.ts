import type { WorkflowResponse, WorkflowVersionResponse } from '@atrium/protocol';
import type { WorkflowEntity } from './entities/workflow.entity';
import type { WorkflowVersionEntity } from './entities/workflow-version.entity';

/** The public chat page of a workflow: `<PUBLIC_BASE_URL>/chat/<id>`. */
export function shareUrlOf(publicBaseUrl: string, workflowId: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/chat/${workflowId}`;
}

/** `publicBaseUrl` given: published workflows carry their `share_url`. */
export function toWorkflowResponse(w: WorkflowEntity, publicBaseUrl?: string): WorkflowResponse {
  return {
    id: w.id,
    name: w.name,
    description: w.description,
    kind: w.kind,
    version: w.version,
    definition: w.definition,
    is_public: w.isPublic,
    ...(w.publishedAt ? { published_at: w.publishedAt.toISOString() } : {}),
    ...(w.publishedBy ? { published_by: w.publishedBy } : {}),
    require_login: w.requireLogin,
    allowed_origins: w.allowedOrigins,
    created_at: w.createdAt.toISOString(),
    ...(w.createdBy ? { created_by: w.createdBy } : {}),
    updated_at: w.updatedAt.toISOString(),
    ...(w.updatedBy ? { updated_by: w.updatedBy } : {}),
    ...(w.isPublic && publicBaseUrl !== undefined ? { share_url: shareUrlOf(publicBaseUrl, w.id) } : {}),
  };
}

export function toWorkflowVersionResponse(v: WorkflowVersionEntity): WorkflowVersionResponse {
  return {
    workflow_id: v.workflowId,
    version: v.version,
    name: v.name,
    description: v.description,
    definition: v.definition,
    created_at: v.createdAt.toISOString(),
    ...(v.createdBy ? { created_by: v.createdBy } : {}),
  };
}

/** The part of a workflow an audit row summarises (no large instructions text). */
export function auditSnapshot(w: WorkflowEntity): Record<string, unknown> {
  return {
    name: w.name,
    kind: w.kind,
    version: w.version,
    tool_packs: w.definition.tool_packs,
    model: w.definition.model,
    instructions_chars: w.definition.instructions.length,
  };
}

/** The publication settings an audit row of a publish/revoke records (before and after). */
export function publishSnapshot(w: WorkflowEntity): Record<string, unknown> {
  return {
    is_public: w.isPublic,
    require_login: w.requireLogin,
    allowed_origins: [...w.allowedOrigins],
    published_at: w.publishedAt ? w.publishedAt.toISOString() : null,
    published_by: w.publishedBy,
  };
}
