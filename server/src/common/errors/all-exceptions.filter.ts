import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import type { ApiErrorBody, ErrorCode } from '@atrium/protocol';
import { requestContext } from '../../logging/request-context';
import { DomainError } from './domain-error';

const STATUS_CODES: Record<number, ErrorCode> = {
  400: 'request.invalid',
  401: 'auth.unauthenticated',
  403: 'auth.forbidden',
  404: 'route.not_found',
  413: 'request.payload_too_large',
  429: 'rate_limited',
};

/** Builds the one error body every failure answers with. */
export function errorBody(code: string, message: string, details?: unknown): ApiErrorBody {
  return {
    error: {
      code,
      message,
      ...(details === undefined ? {} : { details }),
      request_id: requestContext.get()?.requestId ?? 'unknown',
    },
  };
}

/** Maps every exception to `{"error": {code, message, details?, request_id}}`; never leaks stacks. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request>();
    const { status, body, headers } = this.describe(exception, req);

    if (status >= 500) this.logger.error({ err: exception, code: body.error.code }, 'Request failed');
    if (res.headersSent) {
      // A stream already started (SSE): the protocol layer reports errors in-band; just end it.
      res.end();
      return;
    }
    for (const [k, v] of Object.entries(headers ?? {})) res.setHeader(k, v);
    res.status(status).json(body);
  }

  private describe(exception: unknown, req: Request): { status: number; body: ApiErrorBody; headers?: Record<string, string> } {
    if (exception instanceof DomainError) {
      return { status: exception.status, body: errorBody(exception.code, exception.message, exception.details), headers: exception.headers };
    }
    if (exception instanceof ThrottlerException) {
      const retryAfter = req.res?.getHeader('Retry-After');
      return {
        status: 429,
        body: errorBody('rate_limited', 'Too many requests. Try again later.', retryAfter ? { retry_after_seconds: Number(retryAfter) } : undefined),
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code = STATUS_CODES[status] ?? (status >= 500 ? 'internal' : 'request.invalid');
      const message =
        status === HttpStatus.NOT_FOUND ? `No route for ${req.method} ${req.path}.` : status >= 500 ? 'Internal error.' : exception.message;
      return { status, body: errorBody(code, message) };
    }
    return { status: 500, body: errorBody('internal', 'Something went wrong on our side. The request id identifies it in the logs.') };
  }
}
