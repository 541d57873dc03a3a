import { type Clock, needsOriginalEvent, type Target, type TargetSpec } from '../targets/index.js';
import { type Backoff, DEFAULT_BACKOFF, DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy.js';
import type { DeliveryStore, OutboxItem } from './store.js';
import { type DeliveryBinding, type Exhausted, TargetWorker } from './target-worker.js';

/** A rule target the engine must serve, as the bus's registry describes it. */
export interface BindingSpec {
  readonly key: string;
  readonly ruleName: string;
  readonly ruleArn: string;
  readonly targetId: string;
  readonly targetArn: string;
  readonly spec: TargetSpec;
  readonly policy: RetryPolicy;
  /** The target's dead-letter destination; absent: the built-in dead-letter store. */
  readonly deadLetter?: { readonly arn: string; readonly spec: TargetSpec };
}

export interface EngineOptions {
  readonly store: DeliveryStore;
  readonly clock: Clock;
  readonly createTarget: (spec: TargetSpec) => Target;
  readonly backoff?: Backoff;
  readonly random?: () => number;
  readonly concurrency?: number;
  readonly maxHeld?: number;
  readonly pollMs?: number;
  /** Reads an item's original event back from the log, for targets whose HTTP parameters read it. */
  readonly loadEvent?: (item: OutboxItem) => Promise<object | undefined>;
}

const DLQ_SUFFIX = '#dlq';

/** The message sent to a dead-letter target: the event and the attributes EventBridge would attach. */
export function deadLetterMessage(binding: DeliveryBinding, item: OutboxItem, failure: Exhausted): string {
  let event: unknown = item.body;
  try {
    event = JSON.parse(item.body);
  } catch {
    // A rendered input need not be JSON; it is then sent as a string.
  }
  return JSON.stringify({
    deadLetter: {
      ErrorCode: failure.errorCode,
      ErrorMessage: failure.errorMessage,
      ExhaustedRetryCondition: failure.condition,
      RetryAttempts: failure.attempts - 1,
      RuleArn: binding.ruleArn,
      TargetArn: binding.targetArn,
    },
    event,
  });
}

/**
 * Runs one worker per rule target (and per dead-letter target), created and retired as rules change.
 * Exhausted items go to the target's dead-letter target, whose own failures end in the dead-letter store.
 */
export class DeliveryEngine {
  private readonly workers = new Map<string, { worker: TargetWorker; fingerprint: string }>();
  private readonly specs = new Map<string, BindingSpec>();
  private closing: Promise<unknown>[] = [];

  constructor(private readonly options: EngineOptions) {}

  /** Makes the running workers match `bindings`; unchanged targets keep their worker and connections. */
  sync(bindings: readonly BindingSpec[]): void {
    const wanted = new Map<string, { binding: Omit<DeliveryBinding, 'target'>; spec: TargetSpec }>();
    for (const b of bindings) {
      this.specs.set(b.key, b);
      wanted.set(b.key, { binding: b, spec: b.spec });
      if (b.deadLetter) {
        wanted.set(b.key + DLQ_SUFFIX, {
          binding: {
            ...b,
            key: b.key + DLQ_SUFFIX,
            targetArn: b.deadLetter.arn,
            policy: DEFAULT_RETRY_POLICY,
          },
          spec: b.deadLetter.spec,
        });
      }
    }
    for (const key of [...this.options.store.backlogs().keys()]) {
      if (!wanted.has(key)) this.options.store.dropTarget(key);
    }
    for (const [key, running] of this.workers) {
      if (!wanted.has(key)) {
        this.retire(key, running.worker);
        this.options.store.dropTarget(key);
        this.specs.delete(key);
      }
    }
    for (const [key, { binding, spec }] of wanted) {
      const fingerprint = JSON.stringify([spec, binding.policy, binding.targetArn, binding.ruleArn]);
      const running = this.workers.get(key);
      if (running?.fingerprint === fingerprint) continue;
      if (running) this.retire(key, running.worker);
      const worker = this.startWorker({
        ...binding,
        needsEvent: needsOriginalEvent(spec),
        target: this.options.createTarget(spec),
      });
      this.workers.set(key, { worker, fingerprint });
    }
  }

  private retire(key: string, worker: TargetWorker): void {
    this.workers.delete(key);
    this.closing.push(worker.close());
  }

  private startWorker(binding: DeliveryBinding): TargetWorker {
    const o = this.options;
    const worker = new TargetWorker(binding, {
      store: o.store,
      clock: o.clock,
      backoff: o.backoff ?? DEFAULT_BACKOFF,
      random: o.random ?? Math.random,
      concurrency: o.concurrency ?? 16,
      maxHeld: o.maxHeld ?? 1000,
      pollMs: o.pollMs ?? 5000,
      loadEvent: o.loadEvent,
      onExhausted: (b, item, failure) => this.exhausted(b, item, failure),
    });
    worker.poke();
    return worker;
  }

  private exhausted(binding: DeliveryBinding, item: OutboxItem, failure: Exhausted): void {
    const store = this.options.store;
    const dlqKey = binding.key + DLQ_SUFFIX;
    const dlqWorker = binding.key.endsWith(DLQ_SUFFIX) ? undefined : this.workers.get(dlqKey)?.worker;
    if (dlqWorker) {
      const body = deadLetterMessage(binding, item, failure);
      const created = store.enqueue([
        {
          targetKey: dlqKey,
          position: item.position,
          eventId: item.eventId,
          body,
          ingestedAt: this.options.clock.now(),
        },
      ]);
      store.complete(item);
      for (const c of created) dlqWorker.offer(c);
      return;
    }
    store.deadLetter(item, {
      targetKey: binding.key,
      position: item.position,
      eventId: item.eventId,
      body: item.body,
      ingestedAt: item.ingestedAt,
      errorCode: failure.errorCode,
      errorMessage: failure.errorMessage,
      exhaustedRetryCondition: failure.condition ?? null,
      retryAttempts: failure.attempts - 1,
      ruleArn: binding.ruleArn,
      targetArn: binding.targetArn,
      failedAt: this.options.clock.now(),
    });
  }

  /** New items from the router, each to its target's worker. */
  dispatch(items: readonly OutboxItem[]): void {
    for (const item of items) this.workers.get(item.targetKey)?.worker.offer(item);
  }

  /** Asks every worker to look at the store again (after a re-drive). */
  poke(): void {
    for (const { worker } of this.workers.values()) worker.poke();
  }

  largestBacklog(): { target: string; backlog: number } {
    let largest = { target: '', backlog: 0 };
    for (const [target, backlog] of this.options.store.backlogs()) {
      if (backlog > largest.backlog) largest = { target, backlog };
    }
    return largest;
  }

  async close(): Promise<void> {
    for (const [key, { worker }] of this.workers) this.retire(key, worker);
    await Promise.allSettled(this.closing);
    this.closing = [];
  }
}
