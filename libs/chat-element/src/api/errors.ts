/**
 * Errors the element reports (`chatkit.error` detail) and shows. One class for HTTP
 * error bodies (`{"error": {code, message, details?, request_id}}`), transport failures
 * and stream `error` events, so the UI needs one code path.
 */
import type { StreamErrorEvent } from '../../../protocol/src/index.js';

export type ChatKitErrorKind = 'http' | 'network' | 'stream' | 'client';

export class ChatKitError extends Error {
  override readonly name = 'ChatKitError';
  constructor(
    readonly kind: ChatKitErrorKind,
    /** Server error code (`rate_limited`, `stream.error`, `custom`, ...) or a client code. */
    readonly code: string,
    message: string,
    readonly extra: {
      status?: number;
      details?: unknown;
      requestId?: string;
      /** Seconds to wait before retrying (429: Retry-After or details.retry_after_seconds). */
      retryAfterSeconds?: number;
      /** Whether the UI should offer a retry button. */
      allowRetry?: boolean;
    } = {},
  ) {
    super(message);
  }

  get status(): number | undefined {
    return this.extra.status;
  }
}

/** Seconds from a `Retry-After` header (delta-seconds or an HTTP date). */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

function retryAfterFromDetails(details: unknown): number | undefined {
  const v = details && typeof details === 'object' ? (details as Record<string, unknown>).retry_after_seconds : undefined;
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.ceil(v) : undefined;
}

/** Builds the error for a non-2xx response (reads its body). */
export async function errorFromResponse(res: Response): Promise<ChatKitError> {
  let code = `http.${res.status}`;
  let message = res.statusText || `Request failed (${res.status})`;
  let details: unknown;
  let requestId: string | undefined;
  try {
    const body = (await res.json()) as { error?: { code?: unknown; message?: unknown; details?: unknown; request_id?: unknown } };
    const e = body?.error;
    if (e && typeof e === 'object') {
      if (typeof e.code === 'string') code = e.code;
      if (typeof e.message === 'string') message = e.message;
      details = e.details;
      if (typeof e.request_id === 'string') requestId = e.request_id;
    }
  } catch {
    // not JSON: keep the status text
  }
  const retryAfterSeconds = parseRetryAfter(res.headers.get('Retry-After')) ?? retryAfterFromDetails(details);
  return new ChatKitError('http', code, message, {
    status: res.status,
    details,
    requestId,
    retryAfterSeconds,
    allowRetry: res.status === 429 || res.status >= 500,
  });
}

export function errorFromStreamEvent(ev: StreamErrorEvent): ChatKitError {
  return new ChatKitError('stream', ev.code ?? 'custom', ev.message ?? '', { allowRetry: ev.allow_retry === true });
}

export function isAbortError(e: unknown): boolean {
  return !!e && typeof e === 'object' && (e as { name?: unknown }).name === 'AbortError';
}

/** Any thrown value → ChatKitError (fetch's TypeError = the network). */
export function toChatKitError(e: unknown): ChatKitError {
  if (e instanceof ChatKitError) return e;
  if (e instanceof TypeError) return new ChatKitError('network', 'network', e.message, { allowRetry: true });
  return new ChatKitError('client', 'client', e instanceof Error ? e.message : String(e));
}
