import type { Params, ParamMap } from '@angular/router';
import { AUDIT_ACTIONS } from '@atrium/protocol';

/** The audit filters as held in the URL (`?action=a,b&actor_email=&workflow_id=&from=YYYY-MM-DD&to=YYYY-MM-DD`). */
export interface AuditFilter {
  actions: string[];
  actorEmail: string;
  workflowId: string;
  /** First day included, local time, `YYYY-MM-DD`; empty for no lower bound. */
  from: string;
  /** Last day included, local time, `YYYY-MM-DD`; empty for no upper bound. */
  to: string;
}

export const EMPTY_FILTER: AuditFilter = { actions: [], actorEmail: '', workflowId: '', from: '', to: '' };

const ACTION = /^[a-z_]+(\.[a-z_]+)+$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseFilter(params: ParamMap): AuditFilter {
  const actions = (params.get('action') ?? '')
    .split(',')
    .map((a) => a.trim())
    .filter((a) => ACTION.test(a));
  const day = (raw: string | null): string => (raw && DAY.test(raw) && parseDay(raw) ? raw : '');
  const workflowId = (params.get('workflow_id') ?? '').trim();
  return {
    actions: [...new Set(actions)],
    actorEmail: (params.get('actor_email') ?? '').trim().slice(0, 320),
    workflowId: UUID.test(workflowId) ? workflowId.toLowerCase() : '',
    from: day(params.get('from')),
    to: day(params.get('to')),
  };
}

/** Query params for the router (null removes a param). */
export function filterToParams(filter: AuditFilter): Params {
  return {
    action: filter.actions.length ? filter.actions.join(',') : null,
    actor_email: filter.actorEmail || null,
    workflow_id: filter.workflowId || null,
    from: filter.from || null,
    to: filter.to || null,
  };
}

export function sameFilter(a: AuditFilter, b: AuditFilter): boolean {
  return (
    a.actions.join(',') === b.actions.join(',') &&
    a.actorEmail === b.actorEmail &&
    a.workflowId === b.workflowId &&
    a.from === b.from &&
    a.to === b.to
  );
}

export function isEmptyFilter(filter: AuditFilter): boolean {
  return sameFilter(filter, EMPTY_FILTER);
}

/** Local midnight of a `YYYY-MM-DD` day, or null when it is not a real date. */
export function parseDay(day: string): Date | null {
  const match = DAY.exec(day) ? day.split('-').map(Number) : null;
  if (!match) return null;
  const [y, m, d] = match;
  const date = new Date(y, m - 1, d);
  return date.getFullYear() === y && date.getMonth() === m - 1 && date.getDate() === d ? date : null;
}

export function formatDay(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + days);
}

/** The server's filter parameters: days become instants (`to` is exclusive: the day after, at midnight). */
export function filterToApiParams(filter: AuditFilter): Record<string, string> {
  const params: Record<string, string> = {};
  if (filter.actions.length) params['action'] = filter.actions.join(',');
  if (filter.actorEmail) params['actor_email'] = filter.actorEmail;
  if (filter.workflowId) params['workflow_id'] = filter.workflowId;
  const from = filter.from ? parseDay(filter.from) : null;
  const to = filter.to ? parseDay(filter.to) : null;
  if (from) params['from'] = from.toISOString();
  if (to) params['to'] = addDays(to, 1).toISOString();
  return params;
}

/** Groups for the action picker, in AUDIT_ACTIONS order. */
export const ACTION_GROUPS: readonly { label: string; actions: readonly string[] }[] = [
  { label: 'Sign-in', actions: AUDIT_ACTIONS.filter((a) => a.startsWith('auth.')) },
  { label: 'Users', actions: AUDIT_ACTIONS.filter((a) => a.startsWith('user.')) },
  { label: 'Workflows', actions: AUDIT_ACTIONS.filter((a) => a.startsWith('workflow.')) },
  {
    label: 'Other',
    actions: AUDIT_ACTIONS.filter((a) => !a.startsWith('auth.') && !a.startsWith('user.') && !a.startsWith('workflow.')),
  },
].filter((group) => group.actions.length > 0);

const ACTION_LABELS: Readonly<Record<string, string>> = {
  'auth.login_failed': 'Failed sign-in',
  'user.created': 'User added',
  'user.updated': 'User edited',
  'user.role_changed': 'Role changed',
  'user.deactivated': 'User deactivated',
  'user.reactivated': 'User reactivated',
  'workflow.created': 'Workflow created',
  'workflow.updated': 'Workflow edited',
  'workflow.deleted': 'Workflow deleted',
  'workflow.published': 'Workflow published',
  'workflow.publish_updated': 'Publishing changed',
  'workflow.unpublished': 'Workflow unpublished',
};

/** A readable name for an action; unknown (newer) actions show their code. */
export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? action;
}

const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#2f6f9f', '#17becf', '#8c6d31'];

/** A stable colour per action (chart bars and the action badges share it). */
export function actionColor(action: string): string {
  const index = (AUDIT_ACTIONS as readonly string[]).indexOf(action);
  return index >= 0 ? PALETTE[index % PALETTE.length] : '#8c8c8c';
}
