/**
 * Exit codes of the `atrium` CLI (documented in README.md, section "The atrium CLI").
 * Scripts can branch on them; the message on stderr says what to do.
 */
export const EXIT = {
  ok: 0,
  /** Anything else: server error, conflict, cancelled confirmation. */
  other: 1,
  /** Bad command line or input (unknown option, missing --yes without a terminal, invalid origin). */
  usage: 2,
  /** Not logged in, or the token was refused (expired, revoked, wrong server). */
  notLoggedIn: 3,
  /** Logged in, but the account's role may not do this. */
  forbidden: 4,
  /** No such workflow (or route) on the server. */
  notFound: 5,
  /** The server could not be reached (refused, DNS, timeout). */
  unreachable: 6,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
