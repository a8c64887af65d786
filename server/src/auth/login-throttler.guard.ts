import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import { THROTTLERS } from '../rate-limit/rate-limit.constants';
import { rateLimited } from '../rate-limit/rate-limiter';

/** Per-IP limit on sign-in attempts (the `login` throttler of RateLimitModule, and only that one). */
@Injectable()
export class LoginThrottlerGuard extends ThrottlerGuard {
  override async onModuleInit(): Promise<void> {
    await super.onModuleInit();
    this.throttlers = this.throttlers.filter((t) => t.name === THROTTLERS.login);
  }

  protected override async throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    throw rateLimited('sign-in attempts', detail.timeToBlockExpire);
  }
}
