import type { Dispatcher } from 'undici';
import type { Clock } from './clock.js';
import type { RateLimiters } from './http/rate-limiters.js';

/** One delivery attempt of one event to one target, as the delivery engine hands it over. */
export interface DeliveryRequest {
  /** The event's id: stable across retries (used as the webhook id and the idempotency key). */
  eventId: string;
  /** The rendered input (see `renderTargetInput`): what the target receives. */
  body: string;
  /** 1 for the first attempt, 2 for the first retry, and so on. */
  attempt: number;
  ruleArn: string;
  ruleName: string;
  targetId: string;
  targetArn: string;
  /**
   * The original event, when the target's HTTP parameters hold JSONPaths (`$.detail.id`): those always
   * read the original event, whatever the input transform made of the body.
   */
  event?: object;
}

/**
 * What happened. A failure says whether retrying can help; `errorCode` / `errorMessage` are what
 * EventBridge writes into the dead-letter attributes ERROR_CODE / ERROR_MESSAGE.
 */
export type DeliveryOutcome =
  | { ok: true; status?: number }
  | {
      ok: false;
      retryable: boolean;
      errorCode: string;
      errorMessage: string;
      status?: number;
      /** The receiver asked to wait this long before the next attempt (Retry-After). */
      retryAfterMs?: number;
      /** The receiver asked never to be called again (HTTP 410 to a webhook). */
      disableTarget?: boolean;
    };

/** A failed outcome. */
export type DeliveryFailure = Extract<DeliveryOutcome, { ok: false }>;

/**
 * A destination of events. `deliver` never throws for a delivery problem: it answers an outcome.
 * Connecting is lazy (on first delivery), so a target that cannot connect reports a retryable outcome
 * and leaves reconnecting and backoff to the delivery engine.
 */
export interface Target {
  readonly kind: string;
  /**
   * What carries the deliveries, when other targets may share it: an HTTP target's origin, whose pooled
   * connections every target sending there uses. The delivery engine bounds the attempts in flight of a
   * lane's targets together.
   */
  readonly lane?: string;
  deliver(req: DeliveryRequest): Promise<DeliveryOutcome>;
  /**
   * Milliseconds until the target could make a call without waiting (an invocation rate limit); 0 when
   * it can now. The delivery engine starts no further attempt before then.
   */
  pace?(): number;
  /**
   * Optional warm-up and health check: opens the file, starts an isolate and loads the module, fetches
   * an OAuth token. Answers how that went; `deliver` connects lazily whether or not this was called.
   */
  connect?(): Promise<DeliveryOutcome>;
  /** Releases sockets, files and isolates; in-flight deliveries settle first or fail retryably. */
  close(): Promise<void>;
}

/** What every target factory may be given. */
export interface TargetOptions {
  clock?: Clock;
  /** The undici dispatcher (connection pool, proxy) HTTP targets use; undici's global one by default. */
  dispatcher?: Dispatcher;
  /**
   * The bus's rate limiters, shared by every target built with them: an API destination's invocation
   * rate then holds across all the rule targets that use it. Without them each target has its own.
   */
  rateLimiters?: RateLimiters;
}
