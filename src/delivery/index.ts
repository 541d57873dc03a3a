/** Delivery: the per-target outbox, retries with backoff, dead letters and re-drive. */
export { type BindingSpec, DeliveryEngine, deadLetterMessage } from './engine.js';
export { DEFAULT_BACKOFF, DEFAULT_RETRY_POLICY, type RetryPolicy, retryPolicyOf } from './retry-policy.js';
export { SqliteDeliveryStore } from './sqlite-store.js';
export type { DeadLetter, DeadLetterFilter, DeliveryStore, OutboxItem } from './store.js';
