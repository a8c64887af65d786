/** Every action the audit trail records. Filters and charts in the admin use this list. */
export const AUDIT_ACTIONS = [
  'auth.login_failed',
  'user.created',
  'user.updated',
  'user.role_changed',
  'user.deactivated',
  'user.reactivated',
  'workflow.created',
  'workflow.updated',
  'workflow.deleted',
  'workflow.published',
  'workflow.publish_updated',
  'workflow.unpublished',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
