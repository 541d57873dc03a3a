import type { ContactEventEnvelope } from '../model/index.js';
import type { EventSink } from './engine.js';

/** A bus refused a PutEvents request, or could not be reached. */
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
}

const BATCH = 10;

/**
 * Posts events to an EventBridge-compatible bus with PutEvents (JSON 1.1, `X-Amz-Target:
 * AWSEvents.PutEvents`), ten entries per request as EventBridge allows. The bus assigns each entry its own
 * id, account and region, as EventBridge does.
 */
export class PutEventsSink implements EventSink {
  private readonly url: string;
  private readonly fetchFn: typeof fetch;
  private readonly concurrency: number;
  failedEntries = 0;
  sent = 0;

  constructor(private readonly options: PutEventsSinkOptions) {
    this.url = options.url;
    this.fetchFn = options.fetch ?? fetch;
    this.concurrency = Math.max(1, options.concurrency ?? 4);
  }

  async publish(events: ContactEventEnvelope[]): Promise<void> {
    const batches: ContactEventEnvelope[][] = [];
    for (let i = 0; i < events.length; i += BATCH) batches.push(events.slice(i, i + BATCH));
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < batches.length) await this.post(batches[next++]);
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, batches.length) }, worker));
  }

  private async post(batch: ContactEventEnvelope[]): Promise<void> {
    const body = JSON.stringify({
      Entries: batch.map((e) => ({
        Source: e.source,
        DetailType: e['detail-type'],
        Detail: JSON.stringify(e.detail),
        Resources: e.resources,
        Time: e.time,
        ...(this.options.eventBusName ? { EventBusName: this.options.eventBusName } : {}),
      })),
    });
    let res: Response;
    try {
      res = await this.fetchFn(this.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': 'AWSEvents.PutEvents' },
        body,
      });
    } catch (cause) {
      throw new PutEventsError(`cannot reach ${this.url}`, { cause });
    }
    const text = await res.text();
    if (!res.ok)
      throw new PutEventsError(`PutEvents to ${this.url} failed: HTTP ${res.status} ${text.slice(0, 200)}`);
    try {
      this.failedEntries += (JSON.parse(text) as { FailedEntryCount?: number }).FailedEntryCount ?? 0;
    } catch {
      // A bus that answers 2xx without a JSON body accepted the batch.
    }
    this.sent += batch.length;
  }
}
