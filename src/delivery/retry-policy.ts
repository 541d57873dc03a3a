/** A target's retry policy, in PutTargets' terms, with AWS's defaults. */
export interface RetryPolicy {
  readonly maximumRetryAttempts: number;
  readonly maximumEventAgeSeconds: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maximumRetryAttempts: 185,
  maximumEventAgeSeconds: 86_400,
};

export function retryPolicyOf(given?: {
  MaximumRetryAttempts?: number;
  MaximumEventAgeInSeconds?: number;
}): RetryPolicy {
  return {
    maximumRetryAttempts: given?.MaximumRetryAttempts ?? DEFAULT_RETRY_POLICY.maximumRetryAttempts,
    maximumEventAgeSeconds: given?.MaximumEventAgeInSeconds ?? DEFAULT_RETRY_POLICY.maximumEventAgeSeconds,
  };
}

export interface Backoff {
  readonly baseMs: number;
  readonly maxMs: number;
}

/** Starts at about a second and doubles to about five minutes: 185 retries span roughly a day, as AWS's. */
export const DEFAULT_BACKOFF: Backoff = { baseMs: 1000, maxMs: 300_000 };

/**
 * Delay before retry number `retry` (1 for the first): exponential, with "equal jitter" (half fixed,
 * half random) so that a target recovering from an outage is not hit by every event at once. A
 * Retry-After from the receiver is a floor.
 */
export function retryDelayMs(
  retry: number,
  backoff: Backoff,
  random: () => number,
  retryAfterMs = 0,
): number {
  const ceiling = Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.min(retry - 1, 30));
  const delay = ceiling / 2 + random() * (ceiling / 2);
  return Math.max(Math.round(delay), retryAfterMs);
}

export type ExhaustedCondition = 'MaximumRetryAttempts' | 'MaximumEventAgeInSeconds';

/**
 * Whether a failed attempt is retried, and when; `attempts` counts attempts made so far (the failed one
 * included). Undefined `retryAt` means the event goes to the dead-letter destination.
 */
export function nextAttempt(
  policy: RetryPolicy,
  input: { attempts: number; ingestedAt: number; now: number; retryable: boolean; retryAfterMs?: number },
  backoff: Backoff,
  random: () => number,
): { retryAt: number } | { exhausted: ExhaustedCondition | undefined } {
  if (!input.retryable) return { exhausted: undefined };
  const retriesMade = input.attempts - 1;
  if (retriesMade >= policy.maximumRetryAttempts) return { exhausted: 'MaximumRetryAttempts' };
  const retryAt = input.now + retryDelayMs(retriesMade + 1, backoff, random, input.retryAfterMs);
  if (retryAt - input.ingestedAt > policy.maximumEventAgeSeconds * 1000)
    return { exhausted: 'MaximumEventAgeInSeconds' };
  return { retryAt };
}
