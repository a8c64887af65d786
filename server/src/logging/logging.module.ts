import { DynamicModule, Global, Module, RequestMethod } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import type { Writable } from 'node:stream';
import type { IncomingMessage, ServerResponse } from 'node:http';
import pino from 'pino';
import { AppConfig } from '../config/app-config';
import { logFieldsOf, requestContext, type RequestContext } from './request-context';
import { redactLogObject, redactUrl } from './redact';
import { DomainContextGuard } from './domain-context.guard';

type Req = IncomingMessage & { id?: string; atrium?: RequestContext; route?: { path?: string }; originalUrl?: string };

/** Options only tests use: a stream to capture log lines. */
export interface LoggingOptions {
  destination?: Writable;
}

export function createRootLogger(config: AppConfig, options: LoggingOptions = {}): pino.Logger {
  return pino(
    {
      level: config.logLevel,
      base: { service: 'atrium' },
      timestamp: pino.stdTimeFunctions.isoTime,
      messageKey: 'msg',
      mixin: () => logFieldsOf(requestContext.get()),
      formatters: {
        level: (label) => ({ level: label }),
        log: (obj) => redactLogObject(obj),
      },
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
        censor: '[redacted]',
      },
    },
    options.destination ?? pino.destination({ dest: 1, sync: false }),
  );
}

@Global()
@Module({})
export class LoggingModule {
  static forRoot(config: AppConfig, options: LoggingOptions = {}): DynamicModule {
    const logger = createRootLogger(config, options);
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
          pinoHttp: {
            logger,
            // The request id is assigned by the request-context middleware (see configure-app.ts).
            genReqId: (req) => (req as Req).id ?? 'unknown',
            quietReqLogger: true,
            customAttributeKeys: { reqId: 'request_id', responseTime: 'latency_ms' },
            // Called at the start and at the end of a request; only the end knows the route.
            customProps: (req, res) => {
              if (!res.headersSent) return {};
              const r = req as Req;
              return { method: r.method, route: r.route?.path ?? redactUrl(r.originalUrl ?? r.url) };
            },
            serializers: {
              req: (req: { method: string; url: string; remoteAddress?: string }) => ({
                method: req.method,
                url: redactUrl(req.url),
                remote_address: req.remoteAddress,
              }),
              res: (res: { statusCode?: number; raw?: { statusCode?: number } }) => ({ status: res.statusCode ?? res.raw?.statusCode }),
            },
            customSuccessMessage: (req: IncomingMessage, res: ServerResponse) => `${req.method} ${res.statusCode}`,
            customErrorMessage: (req: IncomingMessage, res: ServerResponse) => `${req.method} ${res.statusCode}`,
            // 'silent' when the line would not be written anyway (e.g. info lines at LOG_LEVEL=warn):
            // pino-http then skips building it.
            customLogLevel: (_req, res, err) => {
              const level = err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info';
              return logger.isLevelEnabled(level) ? level : 'silent';
            },
            autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/api/health') },
          },
        }),
      ],
      providers: [{ provide: APP_GUARD, useClass: DomainContextGuard }],
    };
  }
}
