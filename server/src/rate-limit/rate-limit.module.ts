import { Global, Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { AppConfig } from '../config/app-config';
import { RATE_WINDOW_MS, THROTTLERS } from './rate-limit.constants';
import { RateLimiter } from './rate-limiter';
import { SharedThrottlerStorage } from './shared-throttler-storage';

/**
 * The one ThrottlerModule of the app (it is global): every named limit with its
 * configured value, and the shared counter storage (memory, or Redis with
 * `REDIS_URL`). Guards and `RateLimiter` pick the names they own. Global, like the
 * ThrottlerModule it wraps, so any module can put a rate-limit guard on its routes.
 */
@Global()
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        throttlers: [
          { name: THROTTLERS.login, ttl: RATE_WINDOW_MS, limit: config.loginRateLimit },
          { name: THROTTLERS.chatIp, ttl: RATE_WINDOW_MS, limit: config.chatRateLimits.ip },
          { name: THROTTLERS.chatIdentity, ttl: RATE_WINDOW_MS, limit: config.chatRateLimits.identity },
          { name: THROTTLERS.chatWorkflow, ttl: RATE_WINDOW_MS, limit: config.chatRateLimits.workflow },
        ],
        setHeaders: false,
        storage: new SharedThrottlerStorage(config.redisUrl, config.redisKeyPrefix),
      }),
    }),
  ],
  providers: [RateLimiter],
  exports: [RateLimiter],
})
export class RateLimitModule {}
