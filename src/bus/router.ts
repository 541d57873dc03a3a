import type { NewDelivery } from '../delivery/store.js';
import type { EventLog, LogRecord } from '../log/index.js';
import type { InputRenderer } from '../transform/index.js';
import type { CompiledRules } from './pattern-engine.js';

/** One target of an enabled rule, with its input compiled once. */
export interface RouteTarget {
  readonly key: string;
  readonly render: InputRenderer;
  /**
   * The target receives the whole event: its body is the log's canonical text as stored (the same
   * bytes `render` would produce), so the event is neither parsed nor serialized again.
   */
  readonly wholeEvent?: boolean;
}

export interface Routes {
  readonly matcher: CompiledRules;
  readonly rules: ReadonlyMap<string, { readonly ruleArn: string; readonly targets: readonly RouteTarget[] }>;
}

export interface RouterOptions {
  readonly log: EventLog;
  /** Receives the deliveries of the events up to `position`, in position order. */
  readonly deliver: (deliveries: readonly NewDelivery[], position: number) => void;
  readonly batchSize?: number;
}

function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * Reads the log after its position, matches each event against the enabled rules and hands one delivery
 * per matching target to the delivery engine, which keeps the targets' settled positions: the router
 * itself writes nothing, and after a restart starts again where the least advanced target stands.
 * Rule changes swap `routes` in one assignment, so a batch is matched entirely against the old rules or
 * entirely against the new.
 */
export class Router {
  private routes: Routes | undefined;
  private position = 0;
  private running: Promise<void> | undefined;
  private again = false;
  private unsubscribe: (() => void) | undefined;
  private failure: unknown;

  constructor(private readonly options: RouterOptions) {}

  setRoutes(routes: Routes): void {
    this.routes = routes;
  }

  /** Starts routing the events after `position`, and each new one as it is logged. */
  start(position: number): void {
    this.position = position;
    this.unsubscribe = this.options.log.onAppend(() => this.kick());
    this.kick();
  }

  lag(): number {
    return Math.max(0, this.options.log.lastPosition() - this.position);
  }

  lastError(): unknown {
    return this.failure;
  }

  /** Resolves when everything logged so far is routed. */
  async drain(): Promise<void> {
    while (this.running !== undefined) await this.running;
  }

  private kick(): void {
    if (this.running !== undefined) {
      this.again = true;
      return;
    }
    this.running = this.run().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
  }

  private async run(): Promise<void> {
    const batch = this.options.batchSize ?? 1000;
    try {
      while (this.routes && this.position < this.options.log.lastPosition()) {
        const records = await this.options.log.read(this.position, batch);
        if (records.length === 0) break;
        this.route(records);
      }
    } catch (error) {
      this.failure = error;
    }
  }

  private route(records: readonly LogRecord[]): void {
    const routes = this.routes!;
    const deliveries: NewDelivery[] = [];
    for (const record of records) {
      // The object the producer built, when the record is that recent: no text to scan.
      const matched = record.event
        ? routes.matcher.matchEvent(record.event)
        : routes.matcher.match(record.canonical);
      if (matched.length === 0) continue;
      let event: object | undefined;
      for (const ruleName of matched) {
        const rule = routes.rules.get(ruleName);
        if (!rule) continue;
        for (const target of rule.targets) {
          let body = record.canonical;
          if (!target.wholeEvent) {
            event ??= JSON.parse(record.canonical) as object;
            const ingestionTime = isoTime(record.ingestedAt);
            body = target.render(event, { ruleArn: rule.ruleArn, ruleName, ingestionTime });
          }
          deliveries.push({
            targetKey: target.key,
            position: record.position,
            eventId: record.id,
            body,
            ingestedAt: record.ingestedAt,
          });
        }
      }
    }
    const last = records[records.length - 1].position;
    this.position = last;
    this.options.deliver(deliveries, last);
  }

  stop(): void {
    this.unsubscribe?.();
  }
}
