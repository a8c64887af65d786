import { Injectable, type NestMiddleware } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';
import { errorBody } from '../common/errors/all-exceptions.filter';

const MAX_BYTES = '4kb';
const readText = express.text({ type: 'text/plain', limit: MAX_BYTES });

/**
 * `navigator.sendBeacon` can only send a CORS-safelisted type across origins (the
 * bubble runs on other sites), so `POST /api/telemetry` also takes its JSON as
 * `text/plain`. JSON bodies are parsed by the app's global parser as usual; the
 * result goes through the same DTO validation either way.
 */
@Injectable()
export class TelemetryBodyMiddleware implements NestMiddleware {
  use(req: Request, res: Response, next: NextFunction): void {
    if (!req.is('text/plain')) return next();
    readText(req, res, (err?: unknown) => {
      if (err) return next(err);
      try {
        req.body = JSON.parse(typeof req.body === 'string' ? req.body : '');
      } catch {
        res.status(400).json(errorBody('request.malformed_json', 'The request body is not valid JSON.'));
        return;
      }
      next();
    });
  }
}
