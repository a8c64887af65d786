import { HttpErrorResponse } from '@angular/common/http';
import type { ApiErrorBody, ErrorCode, FieldError } from '@atrium/protocol';

/**
 * A failed API call, flattened for display. `code` is one of the protocol's stable
 * error codes when the server answered with `{"error": {...}}`, or a client-side code
 * (`network`, `http_<status>`, `client`) when it did not.
 */
export interface ApiError {
  status: number;
  code: ErrorCode | (string & {});
  message: string;
  requestId?: string;
  details?: unknown;
}

export function isApiErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error: unknown = value.error;
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    'message' in error &&
    typeof error.message === 'string'
  );
}

function parseBody(body: unknown): unknown {
  if (typeof body !== 'string') return body;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return body;
  }
}

function fallbackMessage(status: number): string {
  if (status === 0) return 'Could not reach the server. Check your connection and try again.';
  if (status === 401) return 'You need to sign in again.';
  if (status === 403) return 'You do not have permission to do this.';
  if (status === 404) return 'Not found.';
  if (status === 429) return 'Too many requests. Wait a moment and try again.';
  if (status >= 500) return 'The server had a problem. Try again in a moment.';
  return `The request failed (HTTP ${status}).`;
}

/** Turns anything an HTTP call can throw into an {@link ApiError}. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof HttpErrorResponse) {
    const body = parseBody(err.error);
    const headerRequestId = err.headers?.get('x-request-id') ?? undefined;
    if (isApiErrorBody(body)) {
      return {
        status: err.status,
        code: body.error.code,
        message: body.error.message,
        requestId: body.error.request_id || headerRequestId,
        details: body.error.details,
      };
    }
    return {
      status: err.status,
      code: err.status === 0 ? 'network' : `http_${err.status}`,
      message: fallbackMessage(err.status),
      requestId: headerRequestId,
    };
  }
  return { status: 0, code: 'client', message: 'Something went wrong. Try again.' };
}

function isFieldError(value: unknown): value is FieldError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Partial<FieldError>).field === 'string' &&
    typeof (value as Partial<FieldError>).message === 'string'
  );
}

/** The per-field messages of a `request.invalid` (or similar) error: `details.fields`. */
export function fieldErrorsOf(error: ApiError | null | undefined): FieldError[] {
  const details = error?.details;
  if (typeof details !== 'object' || details === null || !('fields' in details)) return [];
  const fields: unknown = details.fields;
  return Array.isArray(fields) ? fields.filter(isFieldError) : [];
}

/**
 * {@link toApiError} for calls made with `responseType: 'blob'`, whose error bodies
 * arrive as a Blob that has to be read before it can be parsed.
 */
export async function toApiErrorAsync(err: unknown): Promise<ApiError> {
  if (err instanceof HttpErrorResponse && err.error instanceof Blob) {
    let text: string | null = null;
    try {
      text = await err.error.text();
    } catch {
      text = null;
    }
    return toApiError(
      new HttpErrorResponse({ error: text, headers: err.headers, status: err.status, statusText: err.statusText, url: err.url ?? undefined }),
    );
  }
  return toApiError(err);
}
