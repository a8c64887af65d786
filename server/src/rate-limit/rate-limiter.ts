import { Injectable } from '@nestjs/common';
import { InjectThrottlerOptions, InjectThrottlerStorage, type ThrottlerModuleOptions, type ThrottlerOptions, type ThrottlerStorage } from '@nestjs/throttler';
import { createHash } from 'node:crypto';
import { DomainError } from '../common/errors/domain-error';
import type { ThrottlerName } from './rate-limit.constants';

/**
 * Counts a hit against one named throttler of the ThrottlerModule for a tracker
 * (an IP, an identity key, a workflow id) and refuses with `429 rate_limited` and
 * `Retry-After` once the limit is reached. Used where the tracker is only known
 * inside the request's processing (e.g. the identity behind a chat request), so a
 * route guard cannot count it.
 */
@Injectable()
export class RateLimiter {
  private readonly byName: Map<string, ThrottlerOptions>;

  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() private readonly storage: ThrottlerStorage,
  ) {
    const list = Array.isArray(options) ? options : options.throttlers;
    this.byName = new Map(list.map((t) => [t.name ?? 'default', t]));
  }

  /** The configured limit (requests per window) of a throttler. */
  limitOf(name: ThrottlerName): number {
    return Number(this.throttler(name).limit);
  }

  async consume(name: ThrottlerName, tracker: string, what: string): Promise<void> {
    const t = this.throttler(name);
    const ttl = Number(t.ttl);
    const limit = Number(t.limit);
    const key = createHash('sha256').update(`${name}\u0000${tracker}`).digest('hex');
    const record = await this.storage.increment(key, ttl, limit, Number(t.blockDuration ?? ttl), name);
    if (record.isBlocked) throw rateLimited(what, record.timeToBlockExpire, limit);
  }

  private throttler(name: ThrottlerName): ThrottlerOptions {
    const t = this.byName.get(name);
    if (!t) throw new Error(`No throttler named ${name} is configured`);
    return t;
  }
}

/** The 429 every limit answers: `Retry-After` header and `details.retry_after_seconds`. */
export function rateLimited(what: string, secondsLeft: number, limit?: number): DomainError {
  const seconds = Math.max(1, Math.ceil(secondsLeft));
  return new DomainError(
    'rate_limited',
    `Too many ${what}. Try again in ${seconds} s.`,
    { retry_after_seconds: seconds, ...(limit === undefined ? {} : { limit_per_minute: limit }) },
    { 'Retry-After': String(seconds) },
  );
}
