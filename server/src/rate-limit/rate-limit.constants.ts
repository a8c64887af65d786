/**
 * The named throttlers of the app (one ThrottlerModule, see RateLimitModule). Each
 * guard or limiter applies only the names it owns, so a limit never leaks onto
 * another feature's routes.
 */
export const THROTTLERS = {
  /** Sign-in attempts per IP (POST /api/auth/login). */
  login: 'login',
  /** Chat requests per client IP (/api/chatkit, the chat session route). */
  chatIp: 'chat_ip',
  /** Chat requests per identity: user, session-token user, OIDC login or visitor. */
  chatIdentity: 'chat_identity',
  /** Chat requests per published workflow from public callers (visitors and OIDC logins). */
  chatWorkflow: 'chat_workflow',
} as const;

export type ThrottlerName = (typeof THROTTLERS)[keyof typeof THROTTLERS];

/** Every limit counts requests in a one-minute window. */
export const RATE_WINDOW_MS = 60_000;
