import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.js';
import { RateLimiter } from './rate-limiter.js';

describe('invocation rate limiter', () => {
  it('grants at most one second of burst plus the rate over any run (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500 }),
        fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 300 }),
        (rate, gaps) => {
          const clock = new ManualClock(0);
          const limiter = new RateLimiter(rate, 0, clock);
          let granted = 0;
          for (const gap of gaps) {
            clock.advance(gap);
            if (limiter.reserve() === 0) granted++;
          }
          expect(granted).toBeLessThanOrEqual(rate + Math.floor((clock.now() * rate) / 1000) + 1);
        },
      ),
    );
  });

  it('spaces reservations beyond the burst evenly and refuses past the longest wait', () => {
    const clock = new ManualClock(0);
    const limiter = new RateLimiter(10, 250, clock);
    for (let i = 0; i < 10; i++) expect(limiter.reserve()).toBe(0);
    expect(limiter.reserve()).toBe(100);
    expect(limiter.reserve()).toBe(200);
    expect(limiter.reserve()).toBeUndefined();
    clock.advance(1000);
    expect(limiter.reserve()).toBe(0);
  });

  it('tells how long until a reservation would not wait, and agrees with it (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500 }),
        fc.array(fc.record({ gap: fc.integer({ min: 0, max: 50 }), take: fc.boolean() }), { maxLength: 200 }),
        (rate, steps) => {
          const clock = new ManualClock(0);
          const limiter = new RateLimiter(rate, 10_000, clock);
          for (const { gap, take } of steps) {
            clock.advance(gap);
            const delay = limiter.delayMs();
            if (take) {
              const wait = limiter.reserve();
              // A reservation waits exactly as long as the delay said, rounded up to the millisecond.
              expect(wait).toBe(delay);
            } else if (delay > 0) {
              clock.advance(delay);
              expect(limiter.delayMs()).toBe(0);
            }
          }
        },
      ),
    );
  });
});
