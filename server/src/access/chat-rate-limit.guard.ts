import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { normalizeIp } from '@nestjs/throttler';
import type { Request } from 'express';
import type { Caller } from '../logging/request-context';
import { THROTTLERS } from '../rate-limit/rate-limit.constants';
import { RateLimiter } from '../rate-limit/rate-limiter';

const IPV6_SUBNET_PREFIX = 64;

/**
 * Rate limits in front of the chat routes (`/api/chatkit…`, the chat session route):
 * per client IP (IPv6 per /64), and per signed-in user when the global auth guard
 * already knows them. On `/api/chatkit` the identity (user, session, login or
 * visitor) and the workflow are only known once the request is authenticated;
 * ChatAccessService counts those.
 */
@Injectable()
export class ChatRateLimitGuard implements CanActivate {
  constructor(private readonly limiter: RateLimiter) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request & { caller?: Caller }>();
    await this.limiter.consume(THROTTLERS.chatIp, `ip:${normalizeIp(req.ip ?? 'unknown', IPV6_SUBNET_PREFIX)}`, 'chat requests from your network');
    if (req.caller) await this.limiter.consume(THROTTLERS.chatIdentity, `user:${req.caller.id}`, 'chat requests from your account');
    return true;
  }
}
