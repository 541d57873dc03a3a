import { join } from 'node:path';
import type { Agent } from 'undici';
import { type BindingSpec, DeliveryEngine } from '../delivery/engine.js';
import type { Backoff } from '../delivery/retry-policy.js';
import { retryPolicyOf } from '../delivery/retry-policy.js';
import { SqliteDeliveryStore } from '../delivery/sqlite-store.js';
import type { DeliveryStore } from '../delivery/store.js';
import { type EventLog, SqliteEventLog } from '../log/index.js';
import { prepareContactEventChecks } from '../model/index.js';
import type { BusApi } from '../server/app.js';
import { AwsError } from '../server/aws-error.js';
import {
  type Clock,
  createHttpPool,
  createTarget,
  RateLimiters,
  systemClock,
  type Target,
} from '../targets/index.js';
import { compileTargetInput } from '../transform/index.js';
import { type AdmissionLimits, admit, DEFAULT_LIMITS, type Refusal } from './admission.js';
import { eventBridgeOperations, type Operation } from './api/dispatch.js';
import { applyConfig } from './apply-config.js';
import { type BusIdentity, DEFAULT_IDENTITY } from './arns.js';
import type { BusConfig } from './config.js';
import type { BusContext } from './context.js';
import { EventIdGenerator } from './event-ids.js';
import { eventPatterns } from './event-patterns.js';
import { Ingestor, type IngestResult } from './ingestor.js';
import { asInput } from './input.js';
import type { PatternEngine } from './pattern-engine.js';
import { Registry } from './registry.js';
import { Router, type Routes, type RouteTarget } from './router.js';
import { TargetResolver } from './target-resolver.js';

export interface BusOptions {
  /** Folder of the log, the outbox and the registry. */
  readonly dataDir: string;
  readonly config?: BusConfig;
  readonly clock?: Clock;
  readonly newId?: () => string;
  readonly patterns?: PatternEngine;
  /** Sees each target the bus builds, and may stand in for it (a bench timing what the bus hands over). */
  readonly wrapTarget?: (target: Target) => Target;
  /** Another log implementation; default: SQLite in the data folder. */
  readonly log?: EventLog;
  readonly delivery?: {
    readonly backoff?: Backoff;
    readonly random?: () => number;
    readonly concurrency?: number;
    readonly laneCapacity?: number;
    readonly maxHeld?: number;
    readonly pollMs?: number;
  };
}

function idsOf(clock: Clock): () => string {
  const ids = new EventIdGenerator(() => clock.now());
  return () => ids.next();
}

/** Connections per origin of the HTTP targets' shared pool, unless the config says otherwise. */
const DEFAULT_CONNECTIONS_PER_ORIGIN = 64;

/** The key of one rule target in the outbox and the dead-letter store. */
export const targetKey = (ruleName: string, targetId: string) => `${ruleName}/${targetId}`;

/**
 * The event bus: ingest into the durable log, the EventBridge API over the registry, the router that fans
 * logged events out to the outbox, and the engine that delivers it.
 */
export class Bus implements BusApi {
  readonly identity: BusIdentity;
  private readonly operations: ReadonlyMap<string, Operation>;
  private readonly ingestor: Ingestor;
  private readonly router: Router;
  private readonly engine: DeliveryEngine;
  private readonly limits: AdmissionLimits;
  private readonly unsubscribe: () => void;
  /**
   * One connection pool for every HTTP target, bounded per origin, so thousands of deliveries in flight
   * share a few keep-alive sockets. 64 per origin delivered about a third more events a second than 256, at
   * less CPU on both sides (BENCHMARKS.md): fewer sockets, each carrying more requests.
   */
  private readonly http: Agent;
  private isReady = false;

  private constructor(
    readonly log: EventLog,
    readonly store: DeliveryStore,
    private readonly ctx: BusContext,
    options: BusOptions,
  ) {
    const clock = options.clock ?? systemClock;
    const http = options.config?.http;
    const connections = http?.connectionsPerOrigin ?? DEFAULT_CONNECTIONS_PER_ORIGIN;
    const pipelining = http?.pipelining ?? 1;
    this.http = createHttpPool({ connections, pipelining });
    this.identity = ctx.identity;
    this.limits = { ...DEFAULT_LIMITS, ...options.config?.limits };
    this.ingestor = new Ingestor(log, ctx.identity, ctx.now, ctx.newId);
    this.operations = eventBridgeOperations(ctx, this.ingestor);
    // One bucket per API destination, shared by every rule target that sends to it.
    const rateLimiters = new RateLimiters(clock);
    this.engine = new DeliveryEngine({
      store,
      clock,
      createTarget: (spec) => {
        const target = createTarget(spec, { clock, dispatcher: this.http, rateLimiters });
        return options.wrapTarget ? options.wrapTarget(target) : target;
      },
      loadEvent: async (item) => {
        const record = await log.get(item.position);
        return record && (JSON.parse(record.canonical) as object);
      },
      // Targets on one origin share its connections: twice as many attempts as connections (or as many
      // as they can pipeline) keeps them all busy, and the rest wait as outbox items rather than in the
      // HTTP client's queue.
      laneCapacity: connections * Math.max(2, pipelining),
      ...options.delivery,
    });
    this.router = new Router({ log, deliver: (items, position) => this.engine.route(items, position) });
    this.unsubscribe = ctx.registry.onChange(() => this.rebuild());
  }

  static async open(options: BusOptions): Promise<Bus> {
    // The first contact event would otherwise wait for the checks to compile (a quarter of a second).
    prepareContactEventChecks();
    const identity = {
      account: options.config?.account ?? DEFAULT_IDENTITY.account,
      region: options.config?.region ?? DEFAULT_IDENTITY.region,
    };
    const registry = new Registry(join(options.dataDir, 'registry.json'));
    const endpoints = new Map(Object.entries(options.config?.endpoints ?? {}));
    const clock = options.clock ?? systemClock;
    const ctx: BusContext = {
      identity,
      registry,
      patterns: options.patterns ?? eventPatterns,
      resolver: new TargetResolver(identity, registry, endpoints),
      now: () => clock.now(),
      newId: options.newId ?? idsOf(clock),
    };
    const log = options.log ?? new SqliteEventLog({ file: join(options.dataDir, 'events.db') });
    const store = new SqliteDeliveryStore(join(options.dataDir, 'delivery.db'));
    const bus = new Bus(log, store, ctx, options);
    const config = options.config;
    try {
      if (config) registry.batch(() => applyConfig(ctx, config));
    } catch (error) {
      await bus.close();
      throw error;
    }
    bus.rebuild();
    bus.router.start(bus.engine.resumePosition());
    bus.isReady = true;
    return bus;
  }

  /** Recompiles routes and target bindings from the registry and swaps them in. */
  private rebuild(): void {
    const { registry, patterns, resolver } = this.ctx;
    const enabled = [...registry.rules.values()].filter((r) => r.State === 'ENABLED' && r.EventPattern);
    const rules = new Map<string, { ruleArn: string; targets: RouteTarget[] }>();
    const bindings: BindingSpec[] = [];
    for (const rule of registry.rules.values()) {
      const targets: RouteTarget[] = [];
      for (const target of rule.Targets) {
        const spec = resolver.resolve(target);
        if (!spec) continue;
        const key = targetKey(rule.Name, target.Id);
        const dlqArn = target.DeadLetterConfig?.Arn;
        const dlqSpec = dlqArn ? resolver.resolve({ Id: `${target.Id}-dlq`, Arn: dlqArn }) : undefined;
        bindings.push({
          key,
          ruleName: rule.Name,
          ruleArn: rule.Arn,
          targetId: target.Id,
          targetArn: target.Arn,
          spec,
          policy: retryPolicyOf(target.RetryPolicy),
          deadLetter: dlqArn && dlqSpec ? { arn: dlqArn, spec: dlqSpec } : undefined,
        });
        const wholeEvent =
          target.Input === undefined &&
          target.InputPath === undefined &&
          target.InputTransformer === undefined;
        targets.push({ key, render: compileTargetInput(target), wholeEvent });
      }
      rules.set(rule.Name, { ruleArn: rule.Arn, targets });
    }
    const matcher = patterns.compile(enabled.map((r) => ({ name: r.Name, pattern: r.EventPattern! })));
    const routes: Routes = { matcher, rules };
    this.engine.sync(bindings);
    this.router.setRoutes(routes);
  }

  hasOperation(operation: string): boolean {
    return this.operations.has(operation);
  }

  async call(operation: string, input: unknown): Promise<unknown> {
    const op = this.operations.get(operation);
    if (!op) throw new AwsError('UnknownOperationException', `Operation ${operation} is not supported.`);
    return op(asInput(input));
  }

  ingest(events: readonly unknown[], received?: readonly (string | undefined)[]): Promise<IngestResult> {
    return this.ingestor.ingest(events, received);
  }

  /**
   * Publishes whole events in-process (the emulator's path): the same validation, log and delivery as
   * /ingest, resolved once the events are durable.
   */
  publish(events: readonly object[]): Promise<IngestResult> {
    return this.ingestor.ingest(events, [], false);
  }

  admission(): Refusal | undefined {
    return admit(this.limits, {
      pendingLogEntries: () => this.log.pendingAppends(),
      routerLag: () => this.router.lag(),
      largestTargetBacklog: () => this.engine.largestBacklog(),
    });
  }

  ready(): boolean {
    return this.isReady;
  }

  /** Deliveries waiting for a rule target (`rule/targetId`): in the outbox or held in memory. */
  backlog(targetKey: string): number {
    return this.engine.backlog(targetKey);
  }

  /** Resolves once everything logged so far is routed to its targets (for tests and orderly shutdown). */
  drain(): Promise<void> {
    return this.router.drain();
  }

  /** Asks the delivery workers to re-read the outbox (after a re-drive by another process). */
  poke(): void {
    this.engine.poke();
  }

  async close(): Promise<void> {
    this.isReady = false;
    this.unsubscribe();
    this.router.stop();
    await this.router.drain();
    await this.engine.close();
    this.store.close();
    await this.log.close();
    await this.http.destroy();
  }
}
