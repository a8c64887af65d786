import { Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import Redis from 'ioredis';
import { redactConnectionString } from '../logging/redact';
import { MemoryThrottlerStorage } from './memory-throttler-storage';

/** How often a failing Redis is reported (the error repeats on every request otherwise). */
const REPORT_EVERY_MS = 30_000;

/**
 * The counters behind every throttler. In memory for a single instance; in Redis
 * (`REDIS_URL`) so that several instances share them. If Redis fails, requests
 * are let through (rate limits are a protection, not an availability dependency)
 * and the failure is logged, at most every 30 s.
 */
export class SharedThrottlerStorage implements ThrottlerStorage, OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('RateLimit');
  private readonly inner: ThrottlerStorage;
  private readonly memory: MemoryThrottlerStorage | undefined;
  private readonly redis: Redis | undefined;
  private lastReport = 0;

  constructor(redisUrl: string | undefined, keyPrefix: string) {
    if (!redisUrl) {
      this.inner = this.memory = new MemoryThrottlerStorage();
      return;
    }
    this.redis = new Redis(redisUrl, {
      keyPrefix,
      lazyConnect: true,
      connectTimeout: 3_000,
      commandTimeout: 2_000,
      maxRetriesPerRequest: 1,
    });
    // Without a listener ioredis prints every connection error itself.
    this.redis.on('error', (e: Error) => this.report(e, 'Redis connection error'));
    this.inner = new ThrottlerStorageRedisService(this.redis);
  }

  get backend(): 'memory' | 'redis' {
    return this.redis ? 'redis' : 'memory';
  }

  async onModuleInit(): Promise<void> {
    if (!this.redis) return;
    try {
      await this.redis.connect();
      await this.redis.ping();
    } catch (e) {
      this.logger.error(
        { err: { message: (e as Error).message } },
        'Redis is unreachable at start; rate limits are not enforced until it answers',
      );
    }
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    try {
      // Never queue behind a reconnecting client: a request must not wait for Redis to come back.
      if (this.redis && this.redis.status !== 'ready') throw new Error(`Redis is not connected (${this.redis.status})`);
      return await this.inner.increment(key, ttl, limit, blockDuration, throttlerName);
    } catch (e) {
      this.report(e as Error, 'Rate-limit storage failed; request let through');
      return { totalHits: 0, timeToExpire: 0, isBlocked: false, timeToBlockExpire: 0 };
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.memory?.close();
    if (this.redis && this.redis.status !== 'end') {
      try {
        await this.redis.quit();
      } catch {
        this.redis.disconnect();
      }
    }
  }

  private report(e: Error, msg: string): void {
    const now = Date.now();
    if (now - this.lastReport < REPORT_EVERY_MS) return;
    this.lastReport = now;
    // The message of a connection error can name the host, never the password; still, redact any URL.
    this.logger.error({ err: { message: e.message.replace(/rediss?:\/\/\S+/g, (u) => redactConnectionString(u)) } }, msg);
  }
}
