import type { AppConfig } from '../config/app-config';
import type { WorkflowEntity } from '../workflows/entities/workflow.entity';

/**
 * `scheme://host[:port]` in canonical form (lower-case host, default port dropped),
 * or undefined when `value` is not an http(s) origin (paths, `null`, other schemes).
 */
export function normalizeOrigin(value: string | undefined): string | undefined {
  if (!value || value === 'null') return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.username || url.password || (url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) return undefined;
  return url.origin;
}

/**
 * The origins that may embed a workflow's chat and call `/api/chatkit` from a browser:
 * Atrium's own origin (PUBLIC_BASE_URL, where the share-link page lives) plus the
 * workflow's `allowed_origins`.
 */
export function allowedOriginsOf(workflow: Pick<WorkflowEntity, 'allowedOrigins'> | undefined, config: AppConfig): string[] {
  const own = new URL(config.publicBaseUrl).origin;
  const extra = (workflow?.allowedOrigins ?? []).map((o) => normalizeOrigin(o)).filter((o): o is string => o !== undefined);
  return [...new Set([own, ...extra])];
}

/**
 * Whether a request's `Origin` may use the workflow's chat (see `allowedOriginsOf`).
 * `null` and anything that is not an http(s) origin never may.
 */
export function isOriginAllowed(origin: string, workflow: Pick<WorkflowEntity, 'allowedOrigins'> | undefined, config: AppConfig): boolean {
  const normalized = normalizeOrigin(origin);
  return normalized !== undefined && allowedOriginsOf(workflow, config).includes(normalized);
}

/**
 * The `frame-ancestors` directive for the public chat page of a workflow
 * (`/chat/:workflowId`): the page may be framed by Atrium itself and by the
 * workflow's allowed origins, by nobody else.
 */
export function frameAncestorsDirective(workflow: Pick<WorkflowEntity, 'allowedOrigins'>, config: AppConfig): string {
  const own = new URL(config.publicBaseUrl).origin;
  const others = allowedOriginsOf(workflow, config).filter((o) => o !== own);
  return ["frame-ancestors 'self'", ...others].join(' ');
}

/**
 * A complete `Content-Security-Policy` value for the public chat page: the app's
 * usual policy with `frame-ancestors` from the workflow's allowed origins. Send it as
 * the page's header (replacing the global one helmet sets).
 */
export function chatPageContentSecurityPolicy(workflow: Pick<WorkflowEntity, 'allowedOrigins'>, config: AppConfig): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: https:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
    frameAncestorsDirective(workflow, config),
  ].join('; ');
}
