import { ApiError, UnreachableError } from './api-client';
import { EXIT, type ExitCode } from './exit-codes';

/** A problem with how the command was called (exit 2). */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** No token at all: `atrium login` never ran and ATRIUM_TOKEN is not set (exit 3). */
export class NotLoggedInError extends Error {
  constructor(readonly url: string) {
    super(`Not logged in to ${url}.`);
    this.name = 'NotLoggedInError';
  }
}

/** The user answered no to a confirmation (exit 1). */
export class CancelledError extends Error {
  constructor(message = 'Cancelled; nothing changed.') {
    super(message);
    this.name = 'CancelledError';
  }
}

export interface ErrorReport {
  exitCode: ExitCode;
  message: string;
  hint?: string;
}

/** What to print and which exit code to use for any failure of a command. */
export function describeFailure(e: unknown, context: { url: string; workflowId?: string }): ErrorReport {
  const login = 'Run `atrium login` (or set ATRIUM_TOKEN), then try again.';
  if (e instanceof UsageError) return { exitCode: EXIT.usage, message: e.message, hint: e.hint };
  if (e instanceof NotLoggedInError) return { exitCode: EXIT.notLoggedIn, message: e.message, hint: login };
  if (e instanceof CancelledError) return { exitCode: EXIT.other, message: e.message };
  if (e instanceof UnreachableError) {
    return {
      exitCode: EXIT.unreachable,
      message: e.message,
      hint: 'Is the server running? Check the URL: set ATRIUM_URL, or run `atrium login --url <url>`.',
    };
  }
  if (e instanceof ApiError) {
    const message = `${e.message} (${e.code})`;
    if (e.status === 401) {
      const hint =
        e.code === 'auth.invalid_credentials'
          ? 'Check the email and password.'
          : e.code === 'auth.token_expired'
            ? 'Your token expired. Run `atrium login` again.'
            : `The server refused the token. ${login}`;
      return { exitCode: EXIT.notLoggedIn, message, hint };
    }
    if (e.status === 403) return { exitCode: EXIT.forbidden, message, hint: 'Ask an administrator: this needs an account with the admin role.' };
    if (e.code === 'feature.disabled') return { exitCode: EXIT.other, message, hint: 'The server has this feature switched off (see its configuration).' };
    if (e.status === 404) {
      const hint = context.workflowId
        ? `No workflow with id ${context.workflowId} on ${context.url}. Run \`atrium workflow list\` to see the ids.`
        : `Check that ${context.url} is an Atrium server of a matching version.`;
      return { exitCode: EXIT.notFound, message, hint };
    }
    if (e.status === 400) return { exitCode: EXIT.usage, message, hint: fieldHint(e) };
    return { exitCode: EXIT.other, message, hint: e.status >= 500 ? `The server failed; its logs have the request id ${e.body.error.request_id}.` : undefined };
  }
  if (e instanceof Error) return { exitCode: EXIT.other, message: e.message };
  return { exitCode: EXIT.other, message: String(e) };
}

function fieldHint(e: ApiError): string | undefined {
  const details = e.body.error.details as { fields?: { field: string; message: string }[] } | undefined;
  if (!details?.fields?.length) return undefined;
  return details.fields.map((f) => `${f.field}: ${f.message}`).join('\n        ');
}
