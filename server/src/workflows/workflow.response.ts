import type { WorkflowResponse, WorkflowVersionResponse } from '@atrium/protocol';
import type { WorkflowEntity } from './entities/workflow.entity';
import type { WorkflowVersionEntity } from './entities/workflow-version.entity';

export function toWorkflowResponse(w: WorkflowEntity): WorkflowResponse {
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
