import type { ErrorCode, StreamErrorEvent } from '@atrium/protocol';
import { DomainError } from '../../common/errors/domain-error';

/**
 * A model call failed (upstream HTTP error, timeout, unusable stream, no model
 * configured). Thrown out of `WorkflowExecutor.respond()`; the chatkit layer turns it
 * into a stream `error` event with {@link toStreamErrorEvent}: `code: "custom"`,
 * `message` = this (user-facing) message, `allow_retry` = {@link allowRetry}.
 */
export class ModelProviderError extends DomainError {
  constructor(
    code: ErrorCode,
    message: string,
    /** Whether retrying the same request may succeed (rate limit, timeout, 5xx). */
    readonly allowRetry: boolean,
    /** HTTP status of the upstream response, when there was one. */
    readonly upstreamStatus?: number,
    options?: { cause?: unknown },
  ) {
    super(code, message, upstreamStatus === undefined ? undefined : { upstream_status: upstreamStatus });
    this.name = 'ModelProviderError';
    if (options?.cause !== undefined) (this as { cause?: unknown }).cause = options.cause;
  }
}

/** The run was cancelled through `run.signal` (client went away). Not an error to show. */
export function abortError(signal?: AbortSignal): Error {
  const reason: unknown = signal?.reason;
  if (reason instanceof Error && reason.name === 'AbortError') return reason;
  const e = new Error('The run was cancelled.');
  e.name = 'AbortError';
  return e;
}

export function isAbortError(e: unknown): boolean {
  return e instanceof Error && e.name === 'AbortError';
}

/**
 * How a failure of respond()/action() becomes the ChatKit `error` event (§8): our
 * model errors carry a user-facing message and a retry hint; anything else is the
 * generic `stream.error` (the UI shows its own localized text) with retry allowed,
 * as the reference does.
 */
export function toStreamErrorEvent(e: unknown): StreamErrorEvent {
  if (e instanceof ModelProviderError) return { type: 'error', code: 'custom', message: e.message, allow_retry: e.allowRetry };
  return { type: 'error', code: 'stream.error', allow_retry: true };
}
