/**
 * Stable error codes returned in `{"error": {"code", ...}}` bodies, with the HTTP
 * status each maps to. Clients (admin, chat element, CLI) switch on these codes,
 * so a code, once published, keeps its meaning.
 */
export const ERROR_STATUS = {
  // generic
  'request.invalid': 400,
  'request.malformed_json': 400,
  'request.payload_too_large': 413,
  'route.not_found': 404,
  'internal': 500,
  'rate_limited': 429,
  'feature.disabled': 404,

  // auth
  'auth.unauthenticated': 401,
  'auth.invalid_token': 401,
  'auth.token_expired': 401,
  'auth.invalid_credentials': 401,
  'auth.account_disabled': 403,
  'auth.forbidden': 403,
  // OpenID Connect sign-in (workflows that require login)
  'auth.oidc.not_configured': 404,
  'auth.oidc.return_to_invalid': 400,
  'auth.oidc.state_invalid': 400,
  'auth.oidc.denied': 403,
  'auth.oidc.callback_failed': 400,
  'auth.oidc.provider_unavailable': 502,

  // users
  'user.not_found': 404,
  'user.email_taken': 409,
  'user.cannot_change_self': 409,

  // workflows
  'workflow.not_found': 404,
  'workflow.version_not_found': 404,
  'workflow.definition_invalid': 400,
  'workflow.version_conflict': 409,

  // workflow runs (executor, model providers, tool packs)
  'model.not_configured': 503,
  'model.auth_failed': 502,
  'model.rate_limited': 503,
  'model.request_rejected': 502,
  'model.unavailable': 502,
  'model.timeout': 504,
  'model.bad_response': 502,
  'workflow.action.unknown': 400,
  'workflow.action.invalid': 400,
  'workflow.action.failed': 500,
  'task.not_found': 404,
  'task.ambiguous': 409,
  'task.invalid': 400,

  // audit
  'audit.cursor_invalid': 400,
  'audit.export_format_invalid': 400,

  // chatkit
  'chatkit.request.invalid': 400,
  'chatkit.thread.not_found': 404,
  'chatkit.item.not_found': 404,
  'chatkit.item.wrong_type': 400,
  'chatkit.item.not_pending': 409,
  'chatkit.attachment.not_found': 404,
  'chatkit.attachment.too_large': 413,
  'chatkit.attachment.type_not_allowed': 415,
  'chatkit.attachment.not_uploaded': 409,
  'chatkit.attachment.in_use': 409,
  'chatkit.transcribe.not_supported': 501,
  'chatkit.workflow_id.missing': 400,
  'chatkit.thread.not_active': 409,
  'chatkit.auth.not_published': 403,
  'chatkit.auth.login_required': 401,
  'chatkit.auth.workflow_mismatch': 403,
  'chatkit.auth.origin_not_allowed': 403,

  // hosted ChatKit sessions (OpenAI-managed backend)
  'chatkit.hosted.api_key_missing': 500,
  'chatkit.hosted.workflow_reference_missing': 500,
  'chatkit.hosted.invalid_api_key': 401,
  'chatkit.hosted.unavailable': 503,
  'chatkit.hosted.request_rejected': 502,

  // health
  'health.not_ready': 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export function isErrorCode(code: string): code is ErrorCode {
  return Object.prototype.hasOwnProperty.call(ERROR_STATUS, code);
}

/** One field that failed validation. `field` is a dotted path (`definition.model.temperature`). */
export interface FieldError {
  field: string;
  message: string;
}

/** The body of every failed API response. */
export interface ApiErrorBody {
  error: {
    code: ErrorCode | string;
    message: string;
    details?: unknown;
    request_id: string;
  };
}
