import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import { DomainError } from '../common/errors/domain-error';

/** Per-IP limit on sign-in attempts (throttler named `login`, see AuthModule). */
@Injectable()
export class LoginThrottlerGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const seconds = Math.max(1, Math.ceil(detail.timeToBlockExpire));
    throw new DomainError('rate_limited', `Too many sign-in attempts. Try again in ${seconds} s.`, { retry_after_seconds: seconds }, { 'Retry-After': String(seconds) });
  }
}
