import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { requestContext } from './request-context';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Bag = Record<string, unknown> | undefined;

function pick(bags: Bag[], key: string): string | undefined {
  for (const bag of bags) {
    const v = bag?.[key];
    if (typeof v === 'string' && v.length > 0 && v.length <= 200) return v;
  }
  return undefined;
}

/**
 * Copies domain ids found in the request (route params, query, ChatKit envelope)
 * into the request context so every log line of the request carries them.
 *
 * A global guard that always lets the request through, not an interceptor: Nest
 * wraps every request in an RxJS pipeline (and binds async resources) as soon as one
 * interceptor is registered, which cost more than this copy. As a guard it runs with
 * the other global guards, before the route's own, so a refused request's log line
 * carries the ids too.
 */
@Injectable()
export class DomainContextGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<{ params?: Bag; query?: Bag; body?: Bag; route?: { path?: string } }>();
    const body = req.body && typeof req.body === 'object' ? req.body : undefined;
    const params = body?.params && typeof body.params === 'object' ? (body.params as Bag) : undefined;
    const metadata = body?.metadata && typeof body.metadata === 'object' ? (body.metadata as Bag) : undefined;
    const route = req.route?.path ?? '';

    let workflowId = pick([req.query, metadata, params], 'workflow_id');
    if (!workflowId && route.startsWith('/api/workflows/:id')) workflowId = pick([req.params], 'id');
    const threadId = pick([params, req.params], 'thread_id');
    const action = typeof body?.type === 'string' ? body.type : undefined;

    requestContext.assign({
      ...(workflowId && UUID.test(workflowId) ? { workflowId } : {}),
      ...(threadId ? { threadId } : {}),
      ...(action ? { action } : {}),
    });
    return true;
  }
}
