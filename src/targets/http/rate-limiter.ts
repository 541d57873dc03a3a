import type { Clock } from '../clock.js';

/** Tokens refilled by floating-point steps may fall short of a whole one by a rounding error. */
const WHOLE = 1 - 1e-9;

/**
 * A token bucket per destination: up to `ratePerSecond` calls a second on average, bursts up to one
 * second's worth. A caller that would wait longer than `maxWaitMs` is refused at once instead, so the
 * delivery engine can retry it later rather than pile up waiters in memory.
 */
export class RateLimiter {
  private tokens: number;
  private last: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly maxWaitMs: number,
    private readonly clock: Clock,
  ) {
    this.tokens = ratePerSecond;
    this.last = clock.now();
  }

  /** Reserves one call: answers how long to wait before making it, or `undefined` when refused. */
  reserve(): number | undefined {
    const wait = this.waitMs();
    if (wait > this.maxWaitMs) return undefined;
    this.tokens -= 1;
    return Math.ceil(wait);
  }

  /** Milliseconds until a call could be reserved without waiting; 0 when one can now. */
  delayMs(): number {
    return Math.ceil(this.waitMs());
  }

  /** Milliseconds, unrounded, until a whole token is there; refills first. */
  private waitMs(): number {
    this.refill();
    return this.tokens >= WHOLE ? 0 : ((1 - this.tokens) / this.ratePerSecond) * 1000;
  }

  /** Waits for a reservation; false when refused. */
  async acquire(): Promise<boolean> {
    const wait = this.reserve();
    if (wait === undefined) return false;
    if (wait > 0) await new Promise<void>((resolve) => this.clock.setTimeout(resolve, wait));
    return true;
  }

  private refill(): void {
    const now = this.clock.now();
    const elapsed = Math.max(0, now - this.last);
    this.last = now;
    this.tokens = Math.min(this.ratePerSecond, this.tokens + (elapsed / 1000) * this.ratePerSecond);
  }
}
