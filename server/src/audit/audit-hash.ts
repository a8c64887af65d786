import { createHash } from 'node:crypto';
import { canonicalJson } from '../common/canonical-json';

export const GENESIS_HASH = '0'.repeat(64);

/** The fields a row's hash covers: everything but the id and the hash itself. */
export interface HashedAuditFields {
  seq: number;
  at: Date;
  actorId: string | null;
  actorEmail: string | null;
  actorRole: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  workflowId: string | null;
  summary: Record<string, unknown>;
  requestId: string | null;
  ip: string | null;
  userAgent: string | null;
  prevHash: string;
}

export function auditRowHash(row: HashedAuditFields): string {
  const content = canonicalJson({
    seq: row.seq,
    at: row.at.toISOString(),
    actor_id: row.actorId,
    actor_email: row.actorEmail,
    actor_role: row.actorRole,
    action: row.action,
    target_type: row.targetType,
    target_id: row.targetId,
    workflow_id: row.workflowId,
    summary: row.summary,
    request_id: row.requestId,
    ip: row.ip,
    user_agent: row.userAgent,
  });
  return createHash('sha256').update(row.prevHash).update('\n').update(content).digest('hex');
}
