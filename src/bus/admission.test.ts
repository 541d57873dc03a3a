import { describe, expect, it } from 'vitest';
import { admit, DEFAULT_LIMITS } from './admission.js';

const gauges = (pending: number, lag: number, backlog: number) => ({
  pendingLogEntries: () => pending,
  routerLag: () => lag,
  largestTargetBacklog: () => ({ target: 'r/t', backlog }),
});

describe('admission', () => {
  it('admits under the limits and refuses with 503 or 429 and a Retry-After above them', () => {
    expect(admit(DEFAULT_LIMITS, gauges(0, 0, 0))).toBeUndefined();
    expect(admit(DEFAULT_LIMITS, gauges(DEFAULT_LIMITS.maxPendingLogEntries + 1, 0, 0))).toMatchObject({
      status: 503,
    });
    expect(admit(DEFAULT_LIMITS, gauges(0, DEFAULT_LIMITS.maxRouterLag + 1, 0))).toMatchObject({
      status: 503,
    });
    const refusal = admit(DEFAULT_LIMITS, gauges(0, 0, DEFAULT_LIMITS.maxTargetBacklog + 1));
    expect(refusal).toMatchObject({ status: 429 });
    expect(refusal?.reason).toContain('r/t');
    expect(refusal?.retryAfterSeconds).toBeGreaterThan(0);
  });
});
