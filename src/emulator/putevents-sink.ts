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
  /**
   * Requests in flight at once (default 4): a batch is split into as many lanes, the events of one chain
   * of contacts in one lane, and each lane sends one request at a time.
   */
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

/** An entry, and the chain of contacts it keeps its place in (none for an event of no contact). */
interface Placed {
  entry: PutEventsEntry;
  chain: string | undefined;
}

/** What keeps an event's place: its chain, or, for an event of no contact, the event itself. */
type OrderKey = string | Placed;

const orderKey = (placed: Placed): OrderKey => placed.chain ?? placed;

/**
 * Posts events to an EventBridge-compatible bus with PutEvents (JSON 1.1, `X-Amz-Target:
 * AWSEvents.PutEvents`), up to ten entries per request as EventBridge allows. The bus assigns each entry
 * its own id, account and region, as EventBridge does. A bus that pushes back (429 or 503 with
 * Retry-After, as this project's bus does when it is behind) or is briefly unreachable is retried, and the
 * run waits meanwhile; entries the bus refuses for what they are are counted ({@link refused}), not
 * retried.
 *
 * The events of one chain of contacts (a contact and those transferred or called back from it, which
 * share its `initialContactId`) reach the bus in the order they were emitted: an event is sent only once
 * the bus has answered for the chain's event before it, retries included.
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
    if (events.length === 0) return;
    const placed = events.map((e): Placed => ({ entry: this.entry(e), chain: chainOf(e) }));
    let failed = false;
    const send = async (requests: PutEventsEntry[][]): Promise<void> => {
      for (const request of requests) {
        // The run fails with the first lane that fails: the others need not keep the bus busy.
        if (failed) return;
        try {
          await this.post(request);
        } catch (error) {
          failed = true;
          throw error;
        }
      }
    };
    await Promise.all(splitIntoLanes(placed, this.concurrency).map((lane) => send(requestsOf(lane))));
  }

  private readonly entry = (e: ContactEventEnvelope): PutEventsEntry => ({
    Source: e.source,
    DetailType: e['detail-type'],
    Detail: JSON.stringify(e.detail),
    Resources: e.resources,
    Time: e.time,
    ...(this.options.eventBusName ? { EventBusName: this.options.eventBusName } : {}),
  });

  /**
   * Sends the entries until the bus has taken or refused each, retrying what it asks to have again, so
   * that a lane's next request goes only once this one is settled.
   */
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

/**
 * The chain an event keeps its place in: the first contact of its contact's chain (`initialContactId`,
 * which transfers, callbacks and external legs carry) or, for a contact that begins its chain, the contact
 * itself. Either casing, since the pascalCase quirk reshapes some details.
 */
function chainOf(e: ContactEventEnvelope): string | undefined {
  const detail = e.detail as unknown as Record<string, unknown>;
  const id = detail.initialContactId ?? detail.InitialContactId ?? detail.contactId ?? detail.ContactId;
  return typeof id === 'string' ? id : undefined;
}

/**
 * Splits a batch into at most `count` lanes, each chain whole in one lane, each lane in emitted order. No
 * more lanes than the batch fills requests, and lanes filled to whole requests as far as the chains allow
 * (largest chains first, each into the first lane with room), so that splitting adds few requests.
 */
function splitIntoLanes(batch: Placed[], count: number): Placed[][] {
  const requests = Math.ceil(batch.length / BATCH);
  const laneCount = Math.min(count, requests);
  if (laneCount === 1) return [batch];
  const chainSizes = new Map<OrderKey, number>();
  for (const placed of batch) {
    const key = orderKey(placed);
    chainSizes.set(key, (chainSizes.get(key) ?? 0) + 1);
  }
  const room = BATCH * Math.ceil(requests / laneCount);
  const loads = new Array<number>(laneCount).fill(0);
  const laneOf = new Map<OrderKey, number>();
  for (const [chain, size] of [...chainSizes].sort((a, b) => b[1] - a[1])) {
    let lane = loads.findIndex((load) => load + size <= room);
    if (lane < 0) lane = loads.indexOf(Math.min(...loads));
    loads[lane] += size;
    laneOf.set(chain, lane);
  }
  const lanes = Array.from({ length: laneCount }, (): Placed[] => []);
  for (const placed of batch) lanes[laneOf.get(orderKey(placed)) as number].push(placed);
  return lanes.filter((lane) => lane.length > 0);
}

interface ChainQueue {
  entries: PutEventsEntry[];
  taken: number;
}

/**
 * Cuts a lane into requests holding at most one event of each chain. Entries of one request may be stored
 * in any order, and some may be asked for again while the others are stored: a chain's next event must
 * therefore wait for a later request. Each request takes the next event of the chains with the most
 * events left, which ends the lane in as few requests as its longest chain and its size allow.
 */
function requestsOf(lane: Placed[]): PutEventsEntry[][] {
  const chains = new Map<OrderKey, ChainQueue>();
  for (const placed of lane) {
    const key = orderKey(placed);
    const chain = chains.get(key);
    if (chain) chain.entries.push(placed.entry);
    else chains.set(key, { entries: [placed.entry], taken: 0 });
  }
  // withLeft[n]: the chains with n events left, in the order they came to have n; `next` is the first
  // of them not taken since.
  const withLeft: { chains: ChainQueue[]; next: number }[] = [];
  let most = 0;
  const file = (chain: ChainQueue): void => {
    const left = chain.entries.length - chain.taken;
    if (left === 0) return;
    const level = withLeft[left];
    if (level) level.chains.push(chain);
    else withLeft[left] = { chains: [chain], next: 0 };
    most = Math.max(most, left);
  };
  for (const chain of chains.values()) file(chain);
  const requests: PutEventsEntry[][] = [];
  for (;;) {
    while (most > 0 && !(withLeft[most] && withLeft[most].next < withLeft[most].chains.length)) most--;
    if (most === 0) return requests;
    const picked: ChainQueue[] = [];
    for (let left = most; left > 0 && picked.length < BATCH; left--) {
      const level = withLeft[left];
      while (level && level.next < level.chains.length && picked.length < BATCH)
        picked.push(level.chains[level.next++]);
    }
    requests.push(picked.map((chain) => chain.entries[chain.taken++]));
    // Filed only now, so that no chain is picked twice for one request.
    for (const chain of picked) file(chain);
  }
}
