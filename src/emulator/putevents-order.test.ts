import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContactEventEnvelope } from '../model/index.js';
import { PutEventsSink } from './putevents-sink.js';
import { Rng } from './rng.js';

/** What the test bus keeps of an entry: the event's place in the emitted stream, and its links. */
interface Stored {
  seq: number;
  contactId?: string;
  initialContactId?: string;
}

interface BusBehaviour {
  seed: number;
  /** Each request is answered after `minDelayMs` to `maxDelayMs` milliseconds, drawn for every request. */
  minDelayMs: number;
  maxDelayMs: number;
  /** The share of requests answered 503 as a whole. */
  unavailable: number;
  /** The share of entries answered ThrottlingException, the others of the same request being stored. */
  throttled: number;
  /** Entries answered ThrottlingException whatever the draw: by request (1 for the first) and place. */
  throttles?: (request: number, index: number) => boolean;
}

const CALM: BusBehaviour = { seed: 1, minDelayMs: 0, maxDelayMs: 0, unavailable: 0, throttled: 0 };

/**
 * A bus answering PutEvents over real HTTP, each request after a delay of its own, as a loaded bus does,
 * so that requests in flight together finish in any order. An entry is stored when its request is
 * answered, in the request's order; what it answers ThrottlingException or 503 is not stored.
 */
async function jitteryBus() {
  let behaviour = CALM;
  let rng = new Rng(behaviour.seed);
  let stored: Stored[] = [];
  let requests = 0;
  let inFlight = 0;
  let mostInFlight = 0;
  const server = createServer((req, res) => {
    void (async () => {
      const request = ++requests;
      inFlight++;
      mostInFlight = Math.max(mostInFlight, inFlight);
      const entries = JSON.parse(await body(req)).Entries as { Detail: string }[];
      const { minDelayMs, maxDelayMs } = behaviour;
      await new Promise((resolve) => setTimeout(resolve, minDelayMs + rng.int(maxDelayMs - minDelayMs + 1)));
      inFlight--;
      res.setHeader('content-type', 'application/x-amz-json-1.1');
      if (rng.chance(behaviour.unavailable)) {
        res.statusCode = 503;
        res.setHeader('retry-after', '0');
        res.end(JSON.stringify({ __type: 'ServiceUnavailableException' }));
        return;
      }
      const results = entries.map((entry, index) => {
        if (rng.chance(behaviour.throttled) || behaviour.throttles?.(request, index))
          return { ErrorCode: 'ThrottlingException', ErrorMessage: 'Rate exceeded.' };
        stored.push(linksOf(JSON.parse(entry.Detail)));
        return { EventId: `event-${stored.length}` };
      });
      res.end(
        JSON.stringify({
          FailedEntryCount: results.filter((r) => 'ErrorCode' in r).length,
          Entries: results,
        }),
      );
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    /** Starts afresh: nothing stored, nothing counted, and the bus behaving as `next` says. */
    reset(next: BusBehaviour = CALM): void {
      behaviour = next;
      rng = new Rng(next.seed);
      stored = [];
      requests = 0;
      mostInFlight = 0;
    },
    get stored(): Stored[] {
      return stored;
    },
    get requests(): number {
      return requests;
    },
    get mostInFlight(): number {
      return mostInFlight;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function body(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text;
}

/** Reads the links whichever casing the detail has, as the pascalCase quirk may send either. */
function linksOf(detail: Record<string, unknown>): Stored {
  return {
    seq: detail.seq as number,
    contactId: (detail.contactId ?? detail.ContactId) as string | undefined,
    initialContactId: (detail.initialContactId ?? detail.InitialContactId) as string | undefined,
  };
}

interface Emitted {
  /** The contact the event is about; none for an event of no contact. */
  contact?: number;
  /** The first contact of its chain, for a contact transferred (or called back) from another. */
  initialContact?: number;
  pascalCase?: boolean;
}

function event(e: Emitted, seq: number): ContactEventEnvelope {
  const detail: Record<string, unknown> = { eventType: 'QUEUED', seq };
  if (e.contact !== undefined) detail.contactId = `contact-${e.contact}`;
  if (e.initialContact !== undefined) detail.initialContactId = `contact-${e.initialContact}`;
  const shaped = e.pascalCase
    ? Object.fromEntries(
        Object.entries(detail).map(([k, v]) => [k === 'seq' ? k : k[0].toUpperCase() + k.slice(1), v]),
      )
    : detail;
  return {
    version: '0',
    id: `id-${seq}`,
    'detail-type': 'Amazon Connect Contact Event',
    source: 'aws.connect',
    account: '111122223333',
    time: new Date(1_700_000_000_000 + seq).toISOString(),
    region: 'us-east-1',
    resources: [],
    detail: shaped,
  } as unknown as ContactEventEnvelope;
}

/** The stored events of each group `groupOf` names, in the order the bus stored them. */
function storedBy(stored: Stored[], groupOf: (s: Stored) => string | undefined): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  for (const s of stored) {
    const group = groupOf(s);
    if (group === undefined) continue;
    const seqs = groups.get(group) ?? [];
    seqs.push(s.seq);
    groups.set(group, seqs);
  }
  return groups;
}

const ascending = (seqs: number[]): number[] => [...seqs].sort((a, b) => a - b);

describe('PutEventsSink delivery order', () => {
  let bus: Awaited<ReturnType<typeof jitteryBus>>;
  beforeAll(async () => {
    bus = await jitteryBus();
  });
  afterAll(async () => {
    await bus.close();
  });

  it('stores the events of each contact, and of each chain of contacts, in the order they were emitted', async () => {
    // Contacts 0 to 3 begin their chains; contact 4 + k was transferred from contact k.
    const emitted = fc
      .record({
        contact: fc.option(fc.integer({ min: 0, max: 7 }), { nil: undefined, freq: 10 }),
        pascalCase: fc.boolean(),
      })
      .map(
        (e): Emitted => ({
          ...e,
          initialContact: e.contact !== undefined && e.contact >= 4 ? e.contact - 4 : undefined,
        }),
      );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(emitted, { minLength: 1, maxLength: 60 }), { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 1, max: 6 }),
        fc.record({
          seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
          maxDelayMs: fc.constantFrom(0, 2, 5),
          minDelayMs: fc.constant(0),
          unavailable: fc.constantFrom(0, 0.1),
          throttled: fc.constantFrom(0, 0.2),
        }),
        async (batches, concurrency, behaviour) => {
          bus.reset(behaviour);
          const sink = new PutEventsSink({ url: bus.url, concurrency, backoff: { baseMs: 1, maxMs: 2 } });
          let seq = 0;
          for (const batch of batches) await sink.publish(batch.map((e) => event(e, seq++)));

          expect(ascending(bus.stored.map((s) => s.seq))).toEqual(Array.from({ length: seq }, (_, i) => i));
          for (const seqs of storedBy(bus.stored, (s) => s.contactId).values())
            expect(seqs).toEqual(ascending(seqs));
          for (const seqs of storedBy(bus.stored, (s) => s.initialContactId ?? s.contactId).values())
            expect(seqs).toEqual(ascending(seqs));
          expect(sink.sent).toBe(seq);
        },
      ),
      { numRuns: 80 },
    );
  });

  it('stores an event the bus throttled before the next event of its contact', async () => {
    // A request holding both events of contact 0 would have the second stored while the first waits.
    bus.reset({ ...CALM, throttles: (request, index) => request === 1 && index === 0 });
    const sink = new PutEventsSink({ url: bus.url, concurrency: 1, backoff: { baseMs: 1, maxMs: 1 } });
    await sink.publish([event({ contact: 0 }, 0), event({ contact: 0 }, 1), event({ contact: 1 }, 2)]);
    expect(storedBy(bus.stored, (s) => s.contactId).get('contact-0')).toEqual([0, 1]);
    expect(sink.retries).toBe(1);
    expect(sink.sent).toBe(3);
  });

  it('keeps as many requests in flight as its concurrency allows, each full, for a batch of many contacts', async () => {
    // Every request held a while, so that the ones sent together are seen together.
    bus.reset({ ...CALM, minDelayMs: 20, maxDelayMs: 20 });
    const sink = new PutEventsSink({ url: bus.url, concurrency: 4 });
    await sink.publish(Array.from({ length: 400 }, (_, seq) => event({ contact: seq % 100 }, seq)));
    expect(bus.mostInFlight).toBe(4);
    expect(bus.requests).toBe(40);
    expect(bus.stored).toHaveLength(400);
  });
});
