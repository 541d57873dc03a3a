import {
  type Clock,
  needsOriginalEvent,
  type Target,
  type TargetSpec,
  type TimerHandle,
} from '../targets/index.js';
import { Lanes } from './lanes.js';
import { type Backoff, DEFAULT_BACKOFF, DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy.js';
import type { DeliveryStore, NewDelivery, OutboxItem } from './store.js';
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
  /** Attempts in flight at once per target (default 16). */
  readonly concurrency?: number;
  /** Attempts in flight at once per lane (default 128), shared by the targets that name it. */
  readonly laneCapacity?: number;
  readonly maxHeld?: number;
  readonly pollMs?: number;
  /** Reads an item's original event back from the log, for targets whose HTTP parameters read it. */
  readonly loadEvent?: (item: OutboxItem) => Promise<object | undefined>;
  /** How often the targets' settled positions are saved (default 100 ms): what a crash may deliver twice. */
  readonly saveEveryMs?: number;
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
  /** Where each target's routing starts: events at or before it were routed to it before a restart. */
  private readonly floors = new Map<string, number>();
  /** How far the router has handed events over. */
  private routed: number;
  /** Positions saved before this start, per target; a target's entry goes when the target is dropped. */
  private readonly saved: { router: number; targets: Map<string, number> };
  private nextMemoryId = -1;
  private saveTimer: TimerHandle | undefined;
  private dirty = false;
  private readonly lastSaved = new Map<string, number>();
  private largest: { at: number; value: { target: string; backlog: number } } | undefined;
  private readonly lanes: Lanes;

  constructor(private readonly options: EngineOptions) {
    this.lanes = new Lanes(options.laneCapacity ?? 128);
    const saved = options.store.settledPositions();
    this.saved = { router: saved.router, targets: new Map(saved.targets) };
    this.routed = saved.router;
  }

  /**
   * Where the router must start: the lowest settled position of the targets being served, so that
   * what a crash left unsettled is routed again (and only to the targets it was not settled for).
   */
  resumePosition(): number {
    let from = this.routed;
    for (const [key, floor] of this.floors) if (this.workers.has(key)) from = Math.min(from, floor);
    return from;
  }

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
    for (const key of new Set([...this.options.store.backlogs().keys(), ...this.saved.targets.keys()])) {
      if (wanted.has(key) || this.workers.has(key)) continue;
      this.options.store.dropTarget(key);
      this.saved.targets.delete(key);
    }
    for (const [key, running] of this.workers) {
      if (!wanted.has(key)) {
        this.retire(key, running.worker);
        this.options.store.dropTarget(key);
        this.saved.targets.delete(key);
        this.specs.delete(key);
        this.floors.delete(key);
        this.lastSaved.delete(key);
      }
    }
    for (const [key, { binding, spec }] of wanted) {
      const fingerprint = JSON.stringify([spec, binding.policy, binding.targetArn, binding.ruleArn]);
      const running = this.workers.get(key);
      if (running?.fingerprint === fingerprint) continue;
      if (running) this.retire(key, running.worker);
      // A target served before a restart resumes from its saved position; a new or changed one starts
      // with the events routed from now on.
      this.floors.set(key, running ? this.routed : (this.saved.targets.get(key) ?? this.routed));
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
      lane: binding.target.lane === undefined ? undefined : this.lanes.get(binding.target.lane),
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

  /**
   * The deliveries of the events the router has handed over up to `position` (in position order): each
   * target's worker takes those after its floor, as first attempts held in memory.
   */
  route(deliveries: readonly NewDelivery[], position: number): void {
    let batch: OutboxItem[] = [];
    let key: string | undefined;
    const flush = () => {
      if (key !== undefined && batch.length > 0) this.workers.get(key)?.worker.route(batch);
      batch = [];
    };
    for (const d of deliveries) {
      if (d.position <= (this.floors.get(d.targetKey) ?? 0)) continue;
      if (d.targetKey !== key) {
        flush();
        key = d.targetKey;
      }
      // Built field by field: one object shape for every item, which the hot path's property reads like.
      batch.push({
        id: this.nextMemoryId--,
        targetKey: d.targetKey,
        position: d.position,
        eventId: d.eventId,
        body: d.body,
        attempts: 0,
        ingestedAt: d.ingestedAt,
        dueAt: 0,
      });
    }
    flush();
    if (position > this.routed) this.routed = position;
    this.scheduleSave();
  }

  /** Items written to the outbox outside the router (re-drives, tests), each to its target's worker. */
  dispatch(items: readonly OutboxItem[]): void {
    for (const item of items) this.workers.get(item.targetKey)?.worker.offer(item);
  }

  private scheduleSave(): void {
    this.dirty = true;
    if (this.saveTimer) return;
    this.saveTimer = this.options.clock.setTimeout(() => {
      this.saveTimer = undefined;
      if (this.dirty) this.saveSettled();
    }, this.options.saveEveryMs ?? 100);
  }

  /** The settled positions that moved since they were last saved, in one transaction. */
  saveSettled(): void {
    this.dirty = false;
    const targets = new Map<string, number>();
    for (const [key, { worker }] of this.workers) {
      if (key.endsWith(DLQ_SUFFIX)) continue;
      const first = worker.firstUnsettled();
      const settled = Math.max(first === undefined ? this.routed : first - 1, this.floors.get(key) ?? 0);
      if (this.lastSaved.get(key) === settled) continue;
      this.lastSaved.set(key, settled);
      targets.set(key, settled);
    }
    this.options.store.saveSettledPositions({ router: this.routed, targets });
  }

  /** Deliveries waiting for one target: in its outbox or held in memory. */
  backlog(key: string): number {
    return this.options.store.backlog(key) + (this.workers.get(key)?.worker.unsettledCount() ?? 0);
  }

  /** Asks every worker to look at the store again (after a re-drive). */
  poke(): void {
    for (const { worker } of this.workers.values()) worker.poke();
  }

  /**
   * The target with the most deliveries waiting. Admission asks at every request; the answer is kept
   * for a few milliseconds, which backpressure does not notice and which spares a scan of every target.
   */
  largestBacklog(): { target: string; backlog: number } {
    const now = performance.now();
    if (this.largest && now - this.largest.at < 5) return this.largest.value;
    const value = this.scanBacklogs();
    this.largest = { at: now, value };
    return value;
  }

  private scanBacklogs(): { target: string; backlog: number } {
    let largest = { target: '', backlog: 0 };
    const keys = new Set([...this.options.store.backlogs().keys(), ...this.workers.keys()]);
    for (const target of keys) {
      const backlog = this.backlog(target);
      if (backlog > largest.backlog) largest = { target, backlog };
    }
    return largest;
  }

  /** Stops the workers; what they held in memory goes to the outbox, and every position is saved. */
  async close(): Promise<void> {
    this.saveTimer?.cancel();
    this.saveTimer = undefined;
    const workers = [...this.workers];
    for (const [key, { worker }] of workers) this.retire(key, worker);
    await Promise.allSettled(this.closing);
    this.closing = [];
    const targets = new Map<string, number>();
    for (const [key] of workers) if (!key.endsWith(DLQ_SUFFIX)) targets.set(key, this.routed);
    this.options.store.saveSettledPositions({ router: this.routed, targets });
  }
}
