import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { InjectThrottlerStorage, normalizeIp, type ThrottlerStorage } from '@nestjs/throttler';
import type { Request } from 'express';
import { createHash } from 'node:crypto';
import { AppConfig } from '../config/app-config';
import { RATE_WINDOW_MS } from '../rate-limit/rate-limit.constants';
import { rateLimited } from '../rate-limit/rate-limiter';

const IPV6_SUBNET_PREFIX = 64;
const THROTTLER_NAME = 'telemetry';

/**
 * `ATRIUM_TELEMETRY_RATE_LIMIT` events per minute per client IP (IPv6 per /64), in
 * the app's shared rate-limit storage (memory, or Redis with `REDIS_URL`). Over the
 * limit: `429 rate_limited` with `Retry-After`, like every other limit.
 */
@Injectable()
export class TelemetryRateLimitGuard implements CanActivate {
  constructor(
    @InjectThrottlerStorage() private readonly storage: ThrottlerStorage,
    private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request>();
    const limit = this.config.telemetryRateLimit;
    const tracker = `ip:${normalizeIp(req.ip ?? 'unknown', IPV6_SUBNET_PREFIX)}`;
    const key = createHash('sha256').update(`${THROTTLER_NAME}\u0000${tracker}`).digest('hex');
    const record = await this.storage.increment(key, RATE_WINDOW_MS, limit, RATE_WINDOW_MS, THROTTLER_NAME);
    if (record.isBlocked) throw rateLimited('telemetry events from your network', record.timeToBlockExpire, limit);
    return true;
  }
}
