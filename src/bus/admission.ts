/** Why ingest must wait, with the HTTP status and Retry-After to answer. */
export interface Refusal {
  readonly status: 429 | 503;
  readonly retryAfterSeconds: number;
  readonly reason: string;
}

export interface AdmissionLimits {
  /** Entries waiting for the log's commit. */
  readonly maxPendingLogEntries: number;
  /** Logged events the router has not yet fanned out. */
  readonly maxRouterLag: number;
  /** Deliveries waiting for one target. */
  readonly maxTargetBacklog: number;
}

export const DEFAULT_LIMITS: AdmissionLimits = {
  maxPendingLogEntries: 50_000,
  maxRouterLag: 200_000,
  maxTargetBacklog: 1_000_000,
};

export interface LoadGauges {
  pendingLogEntries(): number;
  routerLag(): number;
  /** The largest backlog of any one target, and which. */
  largestTargetBacklog(): { target: string; backlog: number };
}

/**
 * Bounded memory: ingest is refused (503 when the log or router is behind, 429 when a target is) instead
 * of buffering without limit; the producer retries after Retry-After.
 */
export function admit(limits: AdmissionLimits, gauges: LoadGauges): Refusal | undefined {
  if (gauges.pendingLogEntries() > limits.maxPendingLogEntries) {
    return { status: 503, retryAfterSeconds: 1, reason: 'The event log is behind; retry shortly.' };
  }
  if (gauges.routerLag() > limits.maxRouterLag) {
    return { status: 503, retryAfterSeconds: 1, reason: 'Routing is behind; retry shortly.' };
  }
  const largest = gauges.largestTargetBacklog();
  if (largest.backlog > limits.maxTargetBacklog) {
    return { status: 429, retryAfterSeconds: 5, reason: `Target ${largest.target} is behind; retry later.` };
  }
  return undefined;
}
