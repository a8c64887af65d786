export const ROLES = ['admin', 'employee', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/**
 * What each role may do. Routes declare a permission, never a role, so adding a
 * role is a change to this table alone.
 */
export const PERMISSIONS = {
  'account.self': ['admin', 'employee', 'auditor'],
  'users.read': ['admin'],
  'users.write': ['admin'],
  'workflows.read': ['admin', 'employee', 'auditor'],
  'workflows.write': ['admin'],
  /** Publish, re-publish or revoke a workflow's public chat. */
  'workflows.publish': ['admin'],
  /** Usage telemetry of the chat surfaces (opens, closes, failures per workflow). */
  'telemetry.read': ['admin'],
  'audit.read': ['admin', 'auditor'],
  'health.details': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function roleHasPermission(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export function permissionsOf(role: Role): Permission[] {
  return (Object.keys(PERMISSIONS) as Permission[]).filter((p) => roleHasPermission(role, p));
}
