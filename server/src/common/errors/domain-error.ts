import { ERROR_STATUS, type ErrorCode, type FieldError } from '@atrium/protocol';

/**
 * What services throw. The code is stable and listed in libs/protocol; the global
 * filter turns it into an HTTP status and the one error body shape.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    /** Extra response headers (e.g. Retry-After). */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  static invalid(fields: FieldError[], message = 'The request is invalid.'): DomainError {
    return new DomainError('request.invalid', message, { fields });
  }

  static notFound(code: ErrorCode, what: string): DomainError {
    return new DomainError(code, `${what} was not found.`);
  }
}
