import type { Role } from '@atrium/protocol';

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  admin: 'Admin',
  employee: 'Employee',
  auditor: 'Auditor',
};

export const ROLE_DESCRIPTIONS: Readonly<Record<Role, string>> = {
  admin: 'Everything: workflows, publishing, users and the audit trail.',
  employee: 'Chats with the workflows published for them.',
  auditor: 'Reads, charts and exports the audit trail. Changes nothing.',
};

/** Display order: most to least common. */
export const ROLE_ORDER: readonly Role[] = ['employee', 'admin', 'auditor'];
