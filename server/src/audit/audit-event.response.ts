import type { AuditEventResponse } from '@atrium/protocol';
import type { AuditEventEntity } from './entities/audit-event.entity';

const opt = <K extends string>(key: K, v: string | null) => (v === null ? {} : ({ [key]: v } as Record<K, string>));

export function toAuditEventResponse(e: AuditEventEntity): AuditEventResponse {
  return {
    id: e.id,
    seq: e.seq,
    at: e.at.toISOString(),
    ...opt('actor_id', e.actorId),
    ...opt('actor_email', e.actorEmail),
    ...opt('actor_role', e.actorRole),
    action: e.action,
    target_type: e.targetType,
    ...opt('target_id', e.targetId),
    ...opt('workflow_id', e.workflowId),
    summary: e.summary,
    ...opt('request_id', e.requestId),
    ...opt('ip', e.ip),
    ...opt('user_agent', e.userAgent),
    hash: e.hash,
    prev_hash: e.prevHash,
  };
}

/** Flat columns for CSV export. */
export const AUDIT_CSV_COLUMNS = [
  'seq', 'at', 'action', 'actor_id', 'actor_email', 'actor_role', 'target_type', 'target_id',
  'workflow_id', 'summary', 'request_id', 'ip', 'user_agent', 'prev_hash', 'hash', 'id',
] as const;

export function toAuditCsvRow(e: AuditEventEntity): Record<(typeof AUDIT_CSV_COLUMNS)[number], string | number> {
  return {
    seq: e.seq,
    at: e.at.toISOString(),
    action: e.action,
    actor_id: e.actorId ?? '',
    actor_email: e.actorEmail ?? '',
    actor_role: e.actorRole ?? '',
    target_type: e.targetType,
    target_id: e.targetId ?? '',
    workflow_id: e.workflowId ?? '',
    summary: JSON.stringify(e.summary),
    request_id: e.requestId ?? '',
    ip: e.ip ?? '',
    user_agent: e.userAgent ?? '',
    prev_hash: e.prevHash,
    hash: e.hash,
    id: e.id,
  };
}
