import type { ThrottlerStorage } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';

interface Window {
  hits: number;
  /** When the current counting window ends (ms since epoch). */
  resetAt: number;
  /** While in the future, every hit is refused. */
  blockedUntil: number;
}

const SWEEP_EVERY_MS = 60_000;

/**
 * Fixed-window counters in memory, O(1) per hit: the scheme of the Redis storage's
 * script (a counter that expires with its window, a block once over the limit, for
 * `blockDuration`), so one instance and a Redis-backed fleet limit alike.
 * (@nestjs/throttler's own memory storage keeps one timestamp per hit and scans them
 * on every request, which grows with the limit.)
 */
export class MemoryThrottlerStorage implements ThrottlerStorage {
  private readonly windows = new Map<string, Window>();
  private sweeper: NodeJS.Timeout | undefined;

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    return this.hit(`${key}:${throttlerName}`, ttl, limit, blockDuration, Date.now());
  }

  /** Synchronous core (exposed for unit tests with a fixed clock). */
  hit(id: string, ttl: number, limit: number, blockDuration: number, now: number): ThrottlerStorageRecord {
    this.ensureSweeper();
    let w = this.windows.get(id);
    if (!w) {
      w = { hits: 0, resetAt: now + ttl, blockedUntil: 0 };
      this.windows.set(id, w);
    }
    if (w.resetAt <= now) {
      w.hits = 0;
      w.resetAt = now + ttl;
    }
    w.hits += 1;
    if (w.blockedUntil <= now && w.blockedUntil !== 0) {
      // The block ran out: start afresh with this hit.
      w.blockedUntil = 0;
      w.hits = 1;
      w.resetAt = now + ttl;
    }
    if (w.blockedUntil === 0 && w.hits > limit) w.blockedUntil = now + blockDuration;
    const isBlocked = w.blockedUntil > now;
    return {
      totalHits: w.hits,
      timeToExpire: Math.ceil((w.resetAt - now) / 1000),
      isBlocked,
      timeToBlockExpire: isBlocked ? Math.ceil((w.blockedUntil - now) / 1000) : 0,
    };
  }

  get size(): number {
    return this.windows.size;
  }

  sweep(now = Date.now()): void {
    for (const [id, w] of this.windows) if (w.resetAt <= now && w.blockedUntil <= now) this.windows.delete(id);
  }

  close(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = undefined;
    this.windows.clear();
  }

  private ensureSweeper(): void {
    if (this.sweeper) return;
    this.sweeper = setInterval(() => this.sweep(), SWEEP_EVERY_MS);
    this.sweeper.unref();
  }
}
