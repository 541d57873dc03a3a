import { type Backoff, retryDelayMs } from '../delivery/retry-policy.js';
import type { ContactEventEnvelope } from '../model/index.js';
import { parseRetryAfter } from '../targets/http/retry-after.js';
import type { EventSink } from './engine.js';

/** A bus refused a PutEvents request, or could not be reached, for longer than the sink retries. */
export class PutEventsError extends Error {
  override readonly name = 'PutEventsError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

export interface PutEventsSinkOptions {
  /** The bus endpoint, e.g. http://127.0.0.1:4010/ (PutEvents is served on POST /). */
  url: string;
  eventBusName?: string;
  /** Requests in flight at once. */
  concurrency?: number;
  fetch?: typeof fetch;
  /**
   * How long one request is retried while the bus refuses it (429, 5xx, entries failed with
   * ThrottlingException or InternalFailure) or cannot be reached after it has answered once, before the
   * run fails; default 5 minutes. A bus never reached fails the first request at once.
   */
  retryForMs?: number;
  /** The waits between retries: 100 ms doubling up to 5 s by default, with jitter; Retry-After is a floor. */
  backoff?: Backoff;
  random?: () => number;
}

const BATCH = 10;
const DEFAULT_RETRY_FOR_MS = 5 * 60_000;
const DEFAULT_BACKOFF: Backoff = { baseMs: 100, maxMs: 5000 };
/** Entry errors that say "later", as EventBridge's PutEvents documents them; the others will not pass. */
const RETRYABLE_ENTRY_ERRORS = new Set(['ThrottlingException', 'InternalFailure', 'InternalException']);

interface PutEventsEntry {
  Source: string;
  DetailType: string;
  Detail: string;
  Resources: string[];
  Time: string;
  EventBusName?: string;
}

interface PutEventsAnswer {
  FailedEntryCount?: number;
  Entries?: Array<{ EventId?: string; ErrorCode?: string; ErrorMessage?: string }>;
}

/**
 * Posts events to an EventBridge-compatible bus with PutEvents (JSON 1.1, `X-Amz-Target:
 * AWSEvents.PutEvents`), ten entries per request as EventBridge allows. The bus assigns each entry its own
 * id, account and region, as EventBridge does. A bus that pushes back (429 or 503 with Retry-After, as
 * this project's bus does when it is behind) or is briefly unreachable is retried, and the run waits
 * meanwhile; entries the bus refuses for what they are are counted ({@link refused}), not retried.
 */
export class PutEventsSink implements EventSink {
  private readonly url: string;
  private readonly fetchFn: typeof fetch;
  private readonly concurrency: number;
  private readonly retryForMs: number;
  private readonly backoff: Backoff;
  private readonly random: () => number;
  /** Entries the bus refused and that were not retried (invalid for the bus). */
  refused = 0;
  /** The first of those refusals, `ErrorCode: ErrorMessage`. */
  firstRefusal: string | undefined;
  /** Entries the bus accepted. */
  sent = 0;
  /** Requests sent again after the bus pushed back or could not be reached. */
  retries = 0;
  /** Whether the bus has answered once: from then on, not reaching it is retried (it may be restarting). */
  private reached = false;

  constructor(private readonly options: PutEventsSinkOptions) {
    this.url = options.url;
    this.fetchFn = options.fetch ?? fetch;
    this.concurrency = Math.max(1, options.concurrency ?? 4);
    this.retryForMs = options.retryForMs ?? DEFAULT_RETRY_FOR_MS;
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.random = options.random ?? Math.random;
  }

  async publish(events: ContactEventEnvelope[]): Promise<void> {
    const batches: PutEventsEntry[][] = [];
    for (let i = 0; i < events.length; i += BATCH) batches.push(events.slice(i, i + BATCH).map(this.entry));
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < batches.length) await this.post(batches[next++]);
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, batches.length) }, worker));
  }

  private readonly entry = (e: ContactEventEnvelope): PutEventsEntry => ({
    Source: e.source,
    DetailType: e['detail-type'],
    Detail: JSON.stringify(e.detail),
    Resources: e.resources,
    Time: e.time,
    ...(this.options.eventBusName ? { EventBusName: this.options.eventBusName } : {}),
  });

  /** Sends the entries until the bus has taken or refused each, retrying what it asks to have again. */
  private async post(entries: PutEventsEntry[]): Promise<void> {
    const started = Date.now();
    let pending = entries;
    for (let attempt = 1; ; attempt++) {
      const again = await this.attempt(pending);
      if (again.entries.length === 0) return;
      const waitMs = retryDelayMs(attempt, this.backoff, this.random, again.retryAfterMs);
      const spentMs = Date.now() - started;
      if (spentMs + waitMs > this.retryForMs) {
        throw new PutEventsError(
          `PutEvents to ${this.url}: still failing after ${attempt} attempts over ${Math.round(spentMs / 1000)} s: ${again.reason}`,
          { cause: again.cause },
        );
      }
      this.retries++;
      pending = again.entries;
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  }

  /** One request: the entries to send again, and why (none when all were taken or refused for good). */
  private async attempt(entries: PutEventsEntry[]): Promise<{
    entries: PutEventsEntry[];
    reason?: string;
    retryAfterMs?: number;
    cause?: unknown;
  }> {
    let res: Response;
    let text: string;
    try {
      res = await this.fetchFn(this.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': 'AWSEvents.PutEvents' },
        body: JSON.stringify({ Entries: entries }),
      });
      text = await res.text();
    } catch (cause) {
      // Never reached: most likely a wrong URL, not a bus restarting; say so at once.
      if (!this.reached)
        throw new PutEventsError(`cannot reach ${this.url} (${(cause as Error).message})`, { cause });
      return { entries, reason: `cannot reach the bus (${(cause as Error).message})`, cause };
    }
    this.reached = true;
    if (res.status === 429 || res.status >= 500) {
      return {
        entries,
        reason: `HTTP ${res.status} ${text.slice(0, 200)}`,
        retryAfterMs: parseRetryAfter(res.headers.get('retry-after'), Date.now()),
      };
    }
    if (!res.ok)
      throw new PutEventsError(`PutEvents to ${this.url} failed: HTTP ${res.status} ${text.slice(0, 200)}`);
    let answer: PutEventsAnswer = {};
    try {
      answer = JSON.parse(text) as PutEventsAnswer;
    } catch {
      // A bus that answers 2xx without a JSON body accepted the batch.
    }
    if (!answer.FailedEntryCount) {
      this.sent += entries.length;
      return { entries: [] };
    }
    const again: PutEventsEntry[] = [];
    let reason: string | undefined;
    entries.forEach((entry, i) => {
      const result = answer.Entries?.[i];
      const code = result?.ErrorCode;
      if (!code) this.sent++;
      else if (RETRYABLE_ENTRY_ERRORS.has(code)) {
        again.push(entry);
        reason ??= `${code}: ${result.ErrorMessage ?? ''}`;
      } else {
        this.refused++;
        this.firstRefusal ??= `${code}: ${result.ErrorMessage ?? ''}`;
      }
    });
    return { entries: again, reason };
  }
}
