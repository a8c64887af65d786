import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { AppConfig } from '../config/app-config';
import { errorBody } from '../common/errors/all-exceptions.filter';
import type { WorkflowEntity } from '../workflows/entities/workflow.entity';
import { WorkflowsService } from '../workflows/workflows.service';
import { isOriginAllowed, normalizeOrigin } from './embed-origins';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEADER_LIST = /^[A-Za-z0-9-]+(\s*,\s*[A-Za-z0-9-]+)*$/;
const DEFAULT_ALLOWED_HEADERS = 'Authorization, Content-Type, Accept, X-Request-Id';

/**
 * CORS headers for an allowed origin (credentials included: visitor and login cookies).
 * Only ever called after the origin was checked against the workflow's list.
 */
export function applyCorsHeaders(res: Response, origin: string): void {
  res.setHeader('Access-Control-Allow-Origin', normalizeOrigin(origin) ?? origin);
  res.setHeader('Access-Control-Allow-Credentials', 'true');
  res.setHeader('Access-Control-Expose-Headers', 'X-Request-Id, Retry-After');
  res.vary('Origin');
}

/**
 * Answers CORS preflights (`OPTIONS`) of `/api/chatkit` and its upload routes. The
 * workflow comes from `?workflow_id=` (a preflight has no body): its allowed origins
 * answer with CORS headers; any other origin gets `403 chatkit.auth.origin_not_allowed`
 * and no CORS headers. Without a (known) workflow only Atrium's own origin is allowed.
 * The real request is checked again by ChatAccessService.
 */
@Injectable()
export class ChatkitPreflightMiddleware implements NestMiddleware {
  constructor(
    private readonly workflows: WorkflowsService,
    private readonly config: AppConfig,
  ) {}

  async use(req: Request, res: Response, next: NextFunction): Promise<void> {
    if (req.method !== 'OPTIONS') return next();
    try {
      const origin = req.headers.origin;
      const workflow = await this.workflowOf(req.query.workflow_id);
      if (origin === undefined || !isOriginAllowed(origin, workflow, this.config)) {
        res.status(403).json(errorBody('chatkit.auth.origin_not_allowed', 'This origin may not use this chat. Add it to the workflow\'s allowed origins.'));
        return;
      }
      applyCorsHeaders(res, origin);
      res.vary('Access-Control-Request-Headers');
      const requested = req.headers['access-control-request-headers'];
      res.setHeader('Access-Control-Allow-Methods', 'POST, PUT, OPTIONS');
      res.setHeader('Access-Control-Allow-Headers', typeof requested === 'string' && HEADER_LIST.test(requested) ? requested : DEFAULT_ALLOWED_HEADERS);
      res.setHeader('Access-Control-Max-Age', '600');
      res.status(204).end();
    } catch (e) {
      next(e);
    }
  }

  private async workflowOf(id: unknown): Promise<WorkflowEntity | undefined> {
    if (typeof id !== 'string' || !UUID.test(id)) return undefined;
    try {
      return await this.workflows.getEntity(id);
    } catch {
      return undefined;
    }
  }
}
