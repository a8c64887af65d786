import type { AuditEventResponse } from '@atrium/protocol';

function obj(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : typeof value === 'number' ? String(value) : undefined;
}

/** One line saying what happened, from the event's summary (best effort; the drawer shows everything). */
export function summarizeEvent(event: AuditEventResponse): string {
  const summary = obj(event.summary);
  const before = obj(summary['before']);
  const after = obj(summary['after']);
  const email = str(summary['email']) ?? str(after['email']) ?? str(before['email']);

  switch (event.action) {
    case 'auth.login_failed': {
      const reason = str(summary['reason'])?.replace(/_/g, ' ');
      return [email ?? 'unknown account', reason ? `(${reason})` : ''].filter(Boolean).join(' ');
    }
    case 'user.created':
      return [email, str(after['role']) ? `as ${str(after['role'])}` : ''].filter(Boolean).join(' ');
    case 'user.role_changed':
      return `${email ?? 'user'}: ${str(before['role']) ?? '?'} → ${str(after['role']) ?? '?'}`;
    case 'user.updated': {
      const parts: string[] = [];
      if (str(before['name']) !== str(after['name'])) parts.push(`name “${str(before['name']) ?? ''}” → “${str(after['name']) ?? ''}”`);
      if (summary['password_changed'] === true) parts.push('password changed');
      return [email, parts.join(', ')].filter(Boolean).join(': ');
    }
    case 'user.deactivated':
    case 'user.reactivated':
      return email ?? '';
  }

  if (event.action.startsWith('workflow.')) {
    const name = str(after['name']) ?? str(before['name']) ?? str(summary['name']);
    const version = str(after['version']);
    const parts = [name ? `“${name}”` : undefined, version ? `v${version}` : undefined];
    if (event.action === 'workflow.updated' && str(before['name']) && str(after['name']) && before['name'] !== after['name']) {
      parts.push(`renamed from “${str(before['name'])}”`);
    }
    if ('require_login' in after) parts.push(after['require_login'] ? 'sign-in required' : 'open link');
    return parts.filter(Boolean).join(' · ');
  }
  return email ?? '';
}
