import { AsyncLocalStorage } from 'node:async_hooks';
import type { Role } from '@atrium/protocol';

/** Who is calling. `user` for signed-in accounts; later issues add visitors and sessions. */
export interface Caller {
  kind: 'user';
  id: string;
  email: string;
  role: Role;
}

/** Per-request facts every log line and audit row needs, without request-scoped providers. */
export interface RequestContext {
  requestId: string;
  ip?: string;
  userAgent?: string;
  caller?: Caller;
  workflowId?: string;
  threadId?: string;
  action?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export const requestContext = {
  run<T>(ctx: RequestContext, fn: () => T): T {
    return storage.run(ctx, fn);
  },
  get(): RequestContext | undefined {
    return storage.getStore();
  },
  /** Adds fields to the current request's context (no-op outside a request). */
  assign(fields: Partial<RequestContext>): void {
    const ctx = storage.getStore();
    if (ctx) Object.assign(ctx, fields);
  },
};

/**
 * Fields added to every log line written while handling a request. The request id
 * itself is bound by pino-http's per-request logger, so it is not repeated here.
 */
export function logFieldsOf(ctx: RequestContext | undefined): Record<string, string> {
  if (!ctx) return {};
  const out: Record<string, string> = {};
  if (ctx.caller) out.user_id = ctx.caller.id;
  if (ctx.workflowId) out.workflow_id = ctx.workflowId;
  if (ctx.threadId) out.thread_id = ctx.threadId;
  if (ctx.action) out.action = ctx.action;
  return out;
}
