import type { Role } from '@atrium/protocol';

/**
 * Which roles may open each admin area. The nav and the route guards both read this
 * table, so a menu entry and the route behind it cannot disagree. (The server still
 * checks permissions on every call; this only decides what the UI offers.)
 */
export const AREA_ROLES = {
  workflows: ['admin'],
  users: ['admin'],
  audit: ['admin', 'auditor'],
  // Employees chat here; admins see the same list to try what employees get.
  chats: ['employee', 'admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Area = keyof typeof AREA_ROLES;

/** Where each role lands after signing in (and when it opens `/`). */
export const HOME_BY_ROLE: Readonly<Record<Role, `/${Area}`>> = {
  admin: '/workflows',
  auditor: '/audit',
  employee: '/chats',
};

export function canOpenArea(role: Role, area: Area): boolean {
  return (AREA_ROLES[area] as readonly Role[]).includes(role);
}
