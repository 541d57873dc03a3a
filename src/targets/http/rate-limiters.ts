import type { Clock } from '../clock.js';
import { RateLimiter } from './rate-limiter.js';

/**
 * The invocation rate limiters of one bus, one per API destination: every rule target that sends to a
 * destination draws from the same bucket, so the destination's limit holds however many rules use it.
 * A destination whose limit changes gets a fresh bucket.
 */
export class RateLimiters {
  private readonly limiters = new Map<string, { limiter: RateLimiter; rate: number; maxWaitMs: number }>();

  constructor(private readonly clock: Clock) {}

  /** The limiter of destination `key`, created on first use. */
  get(key: string, ratePerSecond: number, maxWaitMs: number): RateLimiter {
    const held = this.limiters.get(key);
    if (held && held.rate === ratePerSecond && held.maxWaitMs === maxWaitMs) return held.limiter;
    const limiter = new RateLimiter(ratePerSecond, maxWaitMs, this.clock);
    this.limiters.set(key, { limiter, rate: ratePerSecond, maxWaitMs });
    return limiter;
  }
}
