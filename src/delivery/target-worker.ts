import type { Clock, DeliveryFailure, DeliveryOutcome, Target, TimerHandle } from '../targets/index.js';
import { type Backoff, type ExhaustedCondition, nextAttempt, type RetryPolicy } from './retry-policy.js';
import type { DeliveryStore, OutboxItem } from './store.js';

/** One rule target as the delivery engine serves it. */
export interface DeliveryBinding {
  readonly key: string;
  readonly ruleName: string;
  readonly ruleArn: string;
  readonly targetId: string;
  readonly targetArn: string;
  readonly target: Target;
  readonly policy: RetryPolicy;
  /** The target reads the original event (JSONPath HTTP parameters), not only the rendered body. */
  readonly needsEvent?: boolean;
}

export interface WorkerOptions {
  readonly store: DeliveryStore;
  readonly clock: Clock;
  readonly backoff: Backoff;
  readonly random: () => number;
  /** Deliveries in flight at once to this target. */
  readonly concurrency: number;
  /** Items held in memory at once; the rest wait in the store. */
  readonly maxHeld: number;
  /** How often the store is checked for items added by another process (a re-drive). */
  readonly pollMs: number;
  /** The original event of an item, for targets that read it; undefined when it is gone from the log. */
  readonly loadEvent?: (item: OutboxItem) => Promise<object | undefined>;
  /** Called when an item exhausts its retries or cannot be delivered; it must take the item out of the outbox. */
  readonly onExhausted: (binding: DeliveryBinding, item: OutboxItem, failure: Exhausted) => void;
}

export interface Exhausted {
  readonly errorCode: string;
  readonly errorMessage: string;
  readonly condition: ExhaustedCondition | undefined;
  readonly attempts: number;
}

function thrown(error: unknown): DeliveryFailure {
  const message = error instanceof Error ? error.message : String(error);
  return { ok: false, retryable: true, errorCode: 'TargetError', errorMessage: message };
}

/**
 * Delivers one target's outbox: up to `concurrency` attempts at once, each failure retried after its
 * backoff or handed to the dead-letter path. A worker has its own queue and timers, so a slow or failing
 * target never holds up another.
 */
export class TargetWorker {
  private readonly queue: OutboxItem[] = [];
  private readonly owned = new Set<number>();
  private inFlight = 0;
  private backlogInStore = true;
  private disabled: DeliveryFailure | undefined;
  private closed = false;
  private wakeTimer: TimerHandle | undefined;
  private wakeAt = Number.POSITIVE_INFINITY;
  private pollTimer: TimerHandle | undefined;

  constructor(
    readonly binding: DeliveryBinding,
    private readonly options: WorkerOptions,
  ) {
    this.schedulePoll();
  }

  /** A new item from the router: kept in memory when there is room and nothing older waits in the store. */
  offer(item: OutboxItem): void {
    if (!this.backlogInStore && this.owned.size < this.options.maxHeld) {
      this.owned.add(item.id);
      this.queue.push(item);
    } else {
      this.backlogInStore = true;
    }
    this.pump();
  }

  /** Looks at the store again (after a re-drive, or at start). */
  poke(): void {
    this.backlogInStore = true;
    this.pump();
  }

  pump(): void {
    while (!this.closed && this.inFlight < this.options.concurrency) {
      if (this.queue.length === 0 && this.backlogInStore) this.refill();
      const item = this.queue.shift();
      if (!item) return;
      this.inFlight++;
      void this.attempt(item);
    }
  }

  private refill(): void {
    const { store, clock, maxHeld } = this.options;
    const want = maxHeld - this.owned.size;
    if (want <= 0) return;
    const now = clock.now();
    const items = store.due(this.binding.key, now, want, this.owned);
    for (const item of items) {
      this.owned.add(item.id);
      this.queue.push(item);
    }
    if (items.length < want) {
      this.backlogInStore = false;
      const next = store.nextDueAt(this.binding.key, now);
      if (next !== undefined) this.wakeAtTime(next);
    }
  }

  private wakeAtTime(at: number): void {
    if (at >= this.wakeAt) return;
    this.wakeTimer?.cancel();
    this.wakeAt = at;
    this.wakeTimer = this.options.clock.setTimeout(
      () => {
        this.wakeAt = Number.POSITIVE_INFINITY;
        this.poke();
      },
      Math.max(0, at - this.options.clock.now()),
    );
  }

  private schedulePoll(): void {
    this.pollTimer = this.options.clock.setTimeout(() => {
      if (this.closed) return;
      this.poke();
      this.schedulePoll();
    }, this.options.pollMs);
  }

  private async attempt(item: OutboxItem): Promise<void> {
    const b = this.binding;
    const attempt = item.attempts + 1;
    let outcome: DeliveryOutcome;
    if (this.disabled) outcome = { ...this.disabled, retryable: false };
    else {
      try {
        const loadEvent = b.needsEvent ? this.options.loadEvent : undefined;
        outcome = await b.target.deliver({
          eventId: item.eventId,
          body: item.body,
          attempt,
          ruleArn: b.ruleArn,
          ruleName: b.ruleName,
          targetId: b.targetId,
          targetArn: b.targetArn,
          event: loadEvent ? await loadEvent(item) : undefined,
        });
      } catch (error) {
        outcome = thrown(error);
      }
    }
    this.inFlight--;
    this.owned.delete(item.id);
    if (!this.closed) this.settle(item, attempt, outcome);
    this.pump();
  }

  private settle(item: OutboxItem, attempt: number, outcome: DeliveryOutcome): void {
    const { store, clock, backoff, random } = this.options;
    if (outcome.ok) {
      store.complete(item);
      return;
    }
    if (outcome.disableTarget) this.disabled = outcome;
    const now = clock.now();
    const next = nextAttempt(
      this.binding.policy,
      {
        attempts: attempt,
        ingestedAt: item.ingestedAt,
        now,
        retryable: outcome.retryable,
        retryAfterMs: outcome.retryAfterMs,
      },
      backoff,
      random,
    );
    if ('retryAt' in next) {
      store.reschedule(item.id, attempt, next.retryAt);
      this.wakeAtTime(next.retryAt);
      return;
    }
    this.options.onExhausted(this.binding, item, {
      errorCode: outcome.errorCode,
      errorMessage: outcome.errorMessage,
      condition: next.exhausted,
      attempts: attempt,
    });
  }

  /** Items held or in flight: what this worker has taken from the store. */
  held(): number {
    return this.owned.size;
  }

  /**
   * Stops taking work and closes the target. Attempts still in flight are not waited for (a hung
   * receiver must not hold up a shutdown): their items stay in the outbox and are delivered again.
   */
  async close(): Promise<void> {
    this.closed = true;
    this.wakeTimer?.cancel();
    this.pollTimer?.cancel();
    await this.binding.target.close();
  }
}
