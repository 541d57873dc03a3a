import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_BACKOFF,
  DEFAULT_RETRY_POLICY,
  nextAttempt,
  retryDelayMs,
  retryPolicyOf,
} from './retry-policy.js';

describe('retry policy', () => {
  it("uses AWS's defaults", () => {
    expect(retryPolicyOf()).toEqual({ maximumRetryAttempts: 185, maximumEventAgeSeconds: 86_400 });
    expect(retryPolicyOf({ MaximumRetryAttempts: 0 }).maximumRetryAttempts).toBe(0);
  });

  it('keeps each delay within the exponential envelope and honours Retry-After as a floor', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.double({ min: 0, max: 0.999, noNaN: true }),
        (retry, r) => {
          const ceiling = Math.min(
            DEFAULT_BACKOFF.maxMs,
            DEFAULT_BACKOFF.baseMs * 2 ** Math.min(retry - 1, 30),
          );
          const delay = retryDelayMs(retry, DEFAULT_BACKOFF, () => r);
          expect(delay).toBeGreaterThanOrEqual(Math.floor(ceiling / 2));
          expect(delay).toBeLessThanOrEqual(ceiling);
          expect(retryDelayMs(retry, DEFAULT_BACKOFF, () => r, 400_000)).toBe(400_000);
        },
      ),
    );
  });

  it('retries retryable failures until attempts or age run out', () => {
    const base = { ingestedAt: 0, now: 0, retryable: true };
    const random = () => 0.5;
    expect(
      nextAttempt(DEFAULT_RETRY_POLICY, { ...base, attempts: 1 }, DEFAULT_BACKOFF, random),
    ).toHaveProperty('retryAt');
    expect(
      nextAttempt(
        { ...DEFAULT_RETRY_POLICY, maximumRetryAttempts: 2 },
        { ...base, attempts: 3 },
        DEFAULT_BACKOFF,
        random,
      ),
    ).toEqual({
      exhausted: 'MaximumRetryAttempts',
    });
    const old = { ...base, attempts: 1, now: 86_400_000 };
    expect(nextAttempt(DEFAULT_RETRY_POLICY, old, DEFAULT_BACKOFF, random)).toEqual({
      exhausted: 'MaximumEventAgeInSeconds',
    });
    expect(
      nextAttempt(DEFAULT_RETRY_POLICY, { ...base, attempts: 1, retryable: false }, DEFAULT_BACKOFF, random),
    ).toEqual({
      exhausted: undefined,
    });
  });
});
