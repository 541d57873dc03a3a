import type {
  Clock,
  DeliveryFailure,
  DeliveryOutcome,
  DeliveryRequest,
  Target,
  TimerHandle,
} from '../targets/index.js';
import type { Lane, LaneWaiter } from './lanes.js';
import { type Backoff, type ExhaustedCondition, nextAttempt, type RetryPolicy } from './retry-policy.js';
import { type DeliveryStore, isStored, type NewDelivery, type OutboxItem } from './store.js';

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
  /** The lane the target shares with others (its HTTP origin), which bounds their attempts together. */
  readonly lane?: Lane;
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
 * Delivers one target's events: first attempts handed over by the router, held in memory, and the
 * target's outbox (retries, and first attempts it had no room for). Up to `concurrency` attempts at once,
 * each failure written to the outbox for its retry or handed to the dead-letter path. A worker has its
 * own queue and timers, so a slow or failing target never holds up another.
 *
 * First attempts are not written anywhere: the worker's settled position (everything routed to it up to
 * there is delivered, in the outbox or dead-lettered) is saved instead, and after a crash the router
 * routes again what follows it. An event may then be delivered twice, never lost.
 */
export class TargetWorker implements LaneWaiter {
  private readonly queue: OutboxItem[] = [];
  /** Items queued or being attempted. */
  private heldCount = 0;
  /** The outbox ids among them, which a look at the store must skip. */
  private readonly heldStored = new Set<number>();
  /** Items being attempted now: at most `concurrency`. */
  private readonly attempting: OutboxItem[] = [];
  private backlogInStore = true;
  private disabled: DeliveryFailure | undefined;
  private closed = false;
  private wakeTimer: TimerHandle | undefined;
  private wakeAt = Number.POSITIVE_INFINITY;
  private pollTimer: TimerHandle | undefined;
  private paceTimer: TimerHandle | undefined;

  constructor(
    readonly binding: DeliveryBinding,
    private readonly options: WorkerOptions,
  ) {
    this.schedulePoll();
  }

  /** An item written to the outbox for this target (a dead letter's message, a re-drive). */
  offer(item: OutboxItem): void {
    if (this.hasRoom()) {
      this.hold(item);
      this.queue.push(item);
    } else {
      this.backlogInStore = true;
    }
    this.pump();
  }

  /**
   * First attempts from the router, in position order: held in memory when there is room and nothing
   * older waits in the outbox; the others are written to the outbox together.
   */
  route(items: readonly OutboxItem[]): void {
    // A poke only says the outbox may hold something: look before sending new items behind it.
    if (this.backlogInStore) this.refill();
    const overflow: NewDelivery[] = [];
    for (const item of items) {
      if (this.hasRoom()) {
        this.hold(item);
        this.queue.push(item);
      } else {
        overflow.push(item);
      }
    }
    if (overflow.length > 0) {
      this.options.store.enqueue(overflow);
      this.backlogInStore = true;
    }
    this.pump();
  }

  /** A new item may be held in memory: there is room, and nothing older waits in the outbox. */
  private hasRoom(): boolean {
    return !this.backlogInStore && this.heldCount < this.options.maxHeld;
  }

  private hold(item: OutboxItem): void {
    this.heldCount++;
    if (isStored(item)) this.heldStored.add(item.id);
  }

  private drop(item: OutboxItem): void {
    this.heldCount--;
    if (isStored(item)) this.heldStored.delete(item.id);
  }

  /**
   * The lowest position of a first attempt held in memory and not yet settled; undefined when there is
   * none, i.e. everything routed to this worker is settled.
   */
  firstUnsettled(): number | undefined {
    let first = Number.POSITIVE_INFINITY;
    for (const item of this.attempting) if (!isStored(item) && item.position < first) first = item.position;
    // Memory-only items enter the queue in routing order: the first one found is the lowest queued.
    for (const item of this.queue) {
      if (isStored(item)) continue;
      if (item.position < first) first = item.position;
      break;
    }
    return first === Number.POSITIVE_INFINITY ? undefined : first;
  }

  /**
   * Memory-only first attempts not yet settled: part of the target's backlog. They are the held items
   * that are not outbox items, found where they are (see firstUnsettled) rather than listed apart, so
   * that an item is let go as soon as its attempt ends and no table entry is made per delivery.
   */
  unsettledCount(): number {
    return this.heldCount - this.heldStored.size;
  }

  /** A slot of the lane is free. */
  resume(): void {
    this.pump();
  }

  /** Looks at the store again (after a re-drive, or at start). */
  poke(): void {
    this.backlogInStore = true;
    this.pump();
  }

  pump(): void {
    const lane = this.options.lane;
    while (!this.closed && this.attempting.length < this.options.concurrency) {
      if (this.queue.length === 0 && this.backlogInStore) this.refill();
      if (this.queue.length === 0) return;
      if (this.attempting.length > 0 && this.mustPace()) return;
      if (lane && !lane.take(this.attempting.length)) {
        lane.wait(this);
        return;
      }
      const item = this.queue.shift() as OutboxItem;
      this.attempting.push(item);
      this.attempt(item);
    }
  }

  /**
   * True when the target cannot make another call yet (its invocation rate limit): the next attempt
   * then starts once it can, instead of waiting inside the target while holding a slot of the lane.
   */
  private mustPace(): boolean {
    const delay = this.binding.target.pace?.() ?? 0;
    if (delay <= 0) return false;
    this.paceTimer ??= this.options.clock.setTimeout(() => {
      this.paceTimer = undefined;
      this.pump();
    }, delay);
    return true;
  }

  private refill(): void {
    const { store, clock, maxHeld } = this.options;
    const want = maxHeld - this.heldCount;
    if (want <= 0) return;
    const now = clock.now();
    const items = store.due(this.binding.key, now, want, this.heldStored);
    for (const item of items) {
      this.hold(item);
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

  /**
   * Calls the target and settles the item once it answers. Written with `then` rather than as an async
   * function: one frame and one promise fewer per delivery, at thousands of deliveries a second.
   */
  private attempt(item: OutboxItem): void {
    const attempt = item.attempts + 1;
    if (this.disabled) {
      this.finish(item, attempt, { ...this.disabled, retryable: false });
      return;
    }
    this.call(item, attempt).then(
      (outcome) => this.finish(item, attempt, outcome),
      (error: unknown) => this.finish(item, attempt, thrown(error)),
    );
  }

  /** The target's answer to one attempt; the original event is loaded first for a target that needs it. */
  private call(item: OutboxItem, attempt: number): Promise<DeliveryOutcome> {
    const target = this.binding.target;
    try {
      const loadEvent = this.binding.needsEvent ? this.options.loadEvent : undefined;
      if (loadEvent)
        return loadEvent(item).then((event) => target.deliver(this.request(item, attempt, event)));
      return target.deliver(this.request(item, attempt, undefined));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  private request(item: OutboxItem, attempt: number, event: object | undefined): DeliveryRequest {
    const b = this.binding;
    return {
      eventId: item.eventId,
      body: item.body,
      attempt,
      ruleArn: b.ruleArn,
      ruleName: b.ruleName,
      targetId: b.targetId,
      targetArn: b.targetArn,
      event,
    };
  }

  private finish(item: OutboxItem, attempt: number, outcome: DeliveryOutcome): void {
    this.attempting.splice(this.attempting.indexOf(item), 1);
    // The slot goes back first: a waiting target in the lane is served before this one sends again.
    this.options.lane?.release();
    this.drop(item);
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
      if (isStored(item)) store.reschedule(item.id, attempt, next.retryAt);
      else store.enqueue([{ ...item, attempts: attempt, dueAt: next.retryAt }]);
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
    return this.heldCount;
  }

  /**
   * Stops taking work and closes the target. Attempts still in flight are not waited for (a hung
   * receiver must not hold up a shutdown): their items stay in the outbox and are delivered again, and
   * first attempts held in memory are written to it, so that a worker replacing this one has them.
   */
  async close(): Promise<void> {
    if (!this.closed) {
      this.options.store.enqueue([...this.attempting, ...this.queue].filter((item) => !isStored(item)));
    }
    this.closed = true;
    this.wakeTimer?.cancel();
    this.pollTimer?.cancel();
    this.paceTimer?.cancel();
    await this.binding.target.close();
  }
}
