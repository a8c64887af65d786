import { ValidationPipe, type INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppConfig } from './config/app-config';
import { AllExceptionsFilter, errorBody } from './common/errors/all-exceptions.filter';
import { validationExceptionFactory } from './common/errors/validation';
import { requestContext, type RequestContext } from './logging/request-context';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Routes that parse their own request bodies (the global JSON/form parsers skip them):
 * the ChatKit protocol routes, but not `/api/chatkit/sessions` (hosted sessions, plain JSON).
 */
const OWN_BODY_PATHS = /^\/api\/chatkit(?!\/sessions\/?$)(\/|$)/;

/** Paths the server answers itself; everything else may be the admin single-page app. */
const SERVER_PATHS = /^\/(api|chat|chat-assets|embed\.js|assets\/chat)(\/|$|\?)/;

/** Where the built admin lives (dist/admin/browser), whether running from dist or from source. */
export function adminDistDir(): string {
  return resolve(process.env.ATRIUM_ADMIN_DIST ?? join(__dirname, '..', '..', '..', 'admin', 'browser'));
}

/**
 * Everything around the Nest app that both `main.ts` and the tests need: request
 * ids and context, body parsing with JSON errors, security headers, validation,
 * the error filter, OpenAPI and the admin app. Called before `app.init()`.
 */
export function configureApp(app: INestApplication, config: AppConfig): void {
  const expressApp = app as NestExpressApplication;
  expressApp.set('trust proxy', config.trustProxy);
  expressApp.disable('x-powered-by');
  app.useLogger(app.get(Logger));

  // Request id and per-request context first, so every later line and error carries them.
  app.use((req: Request & { id?: string; atrium?: RequestContext }, res: Response, next: NextFunction) => {
    const incoming = req.header('x-request-id');
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    req.id = requestId;
    res.setHeader('X-Request-Id', requestId);
    const ctx: RequestContext = { requestId, ip: req.ip, userAgent: req.header('user-agent') ?? undefined };
    req.atrium = ctx;
    requestContext.run(ctx, next);
  });

  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'", 'https://fonts.googleapis.com'],
          fontSrc: ["'self'", 'data:', 'https://fonts.gstatic.com'],
          imgSrc: ["'self'", 'data:', 'https:'],
          connectSrc: ["'self'"],
          frameAncestors: ["'self'"],
        },
      },
      crossOriginEmbedderPolicy: false,
    }),
  );

  // The ChatKit routes read their own bodies (JSON whatever the Content-Type, raw uploads): see chatkit/chatkit-body.ts.
  const ownBody = (mw: express.RequestHandler): express.RequestHandler => (req, res, next) => (OWN_BODY_PATHS.test(req.path) ? next() : mw(req, res, next));
  app.use(ownBody(express.json({ limit: '1mb', type: ['application/json', 'application/*+json'] })));
  app.use(ownBody(express.urlencoded({ extended: false, limit: '64kb' })));
  // Body-parser failures never reach Nest's filters; answer them in the same shape here.
  app.use((err: Error & { type?: string; status?: number }, _req: Request, res: Response, next: NextFunction) => {
    if (err.type === 'entity.parse.failed') return void res.status(400).json(errorBody('request.malformed_json', 'The request body is not valid JSON.'));
    if (err.type === 'entity.too.large') return void res.status(413).json(errorBody('request.payload_too_large', 'The request body is too large.'));
    if (err.status && err.status >= 400 && err.status < 500) return void res.status(err.status).json(errorBody('request.invalid', err.message));
    next(err);
  });

  // The public chat page, the bubble's script and the chat scripts live outside /api (chat-page module).
  app.setGlobalPrefix('api', { exclude: ['chat/{*path}', 'embed.js', 'chat-assets/{*path}'] });
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: validationExceptionFactory,
    }),
  );
  app.useGlobalFilters(new AllExceptionsFilter());

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Atrium API')
      .setDescription('Publish AI workflows as chats. Every error answers {"error": {code, message, details?, request_id}}.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs.json', ui: true });

  serveAdmin(expressApp);
  app.enableShutdownHooks();
}

/** Serves the built Angular admin at `/`, with index.html for client-side routes. */
function serveAdmin(app: NestExpressApplication): void {
  const dir = adminDistDir();
  const index = join(dir, 'index.html');
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || SERVER_PATHS.test(req.path)) return next();
    if (!existsSync(index)) {
      return void res.status(503).type('text/plain').send('The admin app is not built yet. Run `npm run build` (npm start does this for you).');
    }
    express.static(dir, { index: false, maxAge: '1h', immutable: false })(req, res, () => {
      // Unknown files with an extension are real 404s; other paths are app routes.
      if (/\.[a-z0-9]+$/i.test(req.path)) return void res.status(404).json(errorBody('route.not_found', `No file at ${req.path}.`));
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(index);
    });
  });
}
