import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ContactEventEnvelope, checkContactEvent } from '../model/index.js';
import { INSTANCE, testEmulator } from './emulator.test-helpers.js';
import { PutEventsError, PutEventsSink } from './putevents-sink.js';
import { PLACEHOLDER_TIMESTAMP, QuirkySink } from './quirks.js';

function events(n: number): ContactEventEnvelope[] {
  const t = testEmulator();
  while (t.events.length < n) {
    t.emulator.startChatContact({ ...INSTANCE, contactFlowId: 'ToQ1' });
    t.advance(1);
  }
  return t.events.slice(0, n) as ContactEventEnvelope[];
}

/**
 * The first event of each of `n` contacts: a request may hold one event of each, so that these go
 * together, in this order, as ten to a request.
 */
function firstEventsOf(n: number): ContactEventEnvelope[] {
  const t = testEmulator();
  const firsts = new Map<string, ContactEventEnvelope>();
  while (firsts.size < n) {
    t.emulator.startChatContact({ ...INSTANCE, contactFlowId: 'ToQ1' });
    t.advance(1);
    for (const e of t.events as ContactEventEnvelope[])
      if (!firsts.has(e.detail.contactId)) firsts.set(e.detail.contactId, e);
  }
  return [...firsts.values()].slice(0, n);
}

async function body(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text;
}

describe('PutEventsSink', () => {
  it('posts batches of ten PutEvents entries with the EventBridge JSON 1.1 headers', async () => {
    const seen: {
      target?: string;
      type?: string;
      entries: { Source: string; DetailType: string; Detail: string }[];
    }[] = [];
    const server = createServer((req, res) => {
      void body(req).then((text) => {
        seen.push({
          target: req.headers['x-amz-target'] as string,
          type: req.headers['content-type'],
          entries: JSON.parse(text).Entries,
        });
        res.setHeader('content-type', 'application/x-amz-json-1.1');
        res.end(JSON.stringify({ FailedEntryCount: 0, Entries: [] }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    try {
      const sink = new PutEventsSink({ url, concurrency: 2 });
      const batch = firstEventsOf(25);
      await sink.publish(batch);
      expect(seen.map((s) => s.entries.length).sort()).toEqual([10, 10, 5]);
      expect(seen[0].target).toBe('AWSEvents.PutEvents');
      expect(seen[0].type).toBe('application/x-amz-json-1.1');
      const first = seen
        .flatMap((s) => s.entries)
        .find((e) => JSON.parse(e.Detail).contactId === batch[0].detail.contactId);
      expect(first?.Source).toBe('aws.connect');
      expect(first?.DetailType).toBe('Amazon Connect Contact Event');
      expect(sink.sent).toBe(25);
    } finally {
      server.close();
    }
  });

  it('fails at once with PutEventsError when the bus was never reached (a wrong URL)', async () => {
    const sink = new PutEventsSink({ url: 'http://127.0.0.1:1/' });
    const failure = sink.publish(events(1));
    await expect(failure).rejects.toBeInstanceOf(PutEventsError);
    await expect(failure).rejects.toThrow(/cannot reach http:\/\/127.0.0.1:1\//);
    expect(sink.retries).toBe(0);
  });

  it('retries a bus that goes away after answering, then gives up once it has retried long enough', async () => {
    const server = await fakeBus(() => ({ status: 200, body: { FailedEntryCount: 0, Entries: [] } }));
    const sink = new PutEventsSink({ url: server.url, retryForMs: 300, backoff: { baseMs: 10, maxMs: 20 } });
    await sink.publish(events(1));
    await server.close();
    const failure = sink.publish(events(1));
    await expect(failure).rejects.toThrow(/still failing after \d+ attempts .*cannot reach the bus/);
    expect(sink.retries).toBeGreaterThan(0);
  });

  it('sends again only the entries the bus asks to have later, and counts the ones it refuses', async () => {
    const received: string[][] = [];
    const server = await fakeBus((entries, attempt) => {
      received.push(entries.map((e) => JSON.parse(e.Detail).contactId as string));
      // First answer: entry 0 throttled, entry 1 invalid, the rest taken; then everything taken.
      const results = entries.map((_, i) =>
        attempt === 1 && i === 0
          ? { ErrorCode: 'ThrottlingException', ErrorMessage: 'Rate exceeded.' }
          : attempt === 1 && i === 1
            ? { ErrorCode: 'InvalidArgument', ErrorMessage: 'Bad event.' }
            : { EventId: `id-${attempt}-${i}` },
      );
      return {
        status: 200,
        body: { FailedEntryCount: results.filter((r) => 'ErrorCode' in r).length, Entries: results },
      };
    });
    try {
      const batch = firstEventsOf(5);
      const sink = new PutEventsSink({ url: server.url, concurrency: 1, backoff: { baseMs: 1, maxMs: 1 } });
      await sink.publish(batch);
      expect(received).toEqual([batch.map((e) => e.detail.contactId), [batch[0].detail.contactId]]);
      expect(sink.sent).toBe(4);
      expect(sink.refused).toBe(1);
      expect(sink.firstRefusal).toBe('InvalidArgument: Bad event.');
      expect(sink.retries).toBe(1);
    } finally {
      await server.close();
    }
  });

  it('waits at least the Retry-After of a 429 or 503 before sending again', async () => {
    const at: number[] = [];
    const server = await fakeBus((_entries, attempt) => {
      at.push(performance.now());
      if (attempt === 1)
        return { status: 503, retryAfter: '1', body: { __type: 'ServiceUnavailableException' } };
      if (attempt === 2) return { status: 429, body: { __type: 'ThrottlingException' } };
      return { status: 200, body: { FailedEntryCount: 0, Entries: [] } };
    });
    try {
      const sink = new PutEventsSink({ url: server.url, backoff: { baseMs: 1, maxMs: 1 } });
      await sink.publish(firstEventsOf(3));
      expect(at).toHaveLength(3);
      expect(at[1] - at[0]).toBeGreaterThanOrEqual(990);
      expect(sink.sent).toBe(3);
      expect(sink.retries).toBe(2);
    } finally {
      await server.close();
    }
  });

  it('does not send again a request the bus calls malformed (4xx other than 429)', async () => {
    let calls = 0;
    const server = await fakeBus(() => {
      calls++;
      return { status: 400, body: { __type: 'ValidationException', message: 'bad' } };
    });
    try {
      const sink = new PutEventsSink({ url: server.url, backoff: { baseMs: 1, maxMs: 1 } });
      await expect(sink.publish(events(2))).rejects.toThrow(/HTTP 400/);
      expect(calls).toBe(1);
    } finally {
      await server.close();
    }
  });

  it('gives up, naming the last answer, when the bus refuses for longer than it retries', async () => {
    const server = await fakeBus(() => ({ status: 503, body: { __type: 'ServiceUnavailableException' } }));
    try {
      const sink = new PutEventsSink({
        url: server.url,
        retryForMs: 200,
        backoff: { baseMs: 10, maxMs: 20 },
      });
      await expect(sink.publish(events(1))).rejects.toThrow(/still failing after \d+ attempts .*HTTP 503/);
    } finally {
      await server.close();
    }
  });
});

interface FakeAnswer {
  status: number;
  retryAfter?: string;
  body: object;
}

/** An HTTP server answering PutEvents as `answer` says, with the attempt's number (1 for the first). */
async function fakeBus(
  answer: (entries: { Detail: string }[], attempt: number) => FakeAnswer,
): Promise<{ url: string; close(): Promise<void> }> {
  let attempt = 0;
  const server = createServer((req, res) => {
    void body(req).then((text) => {
      const a = answer(JSON.parse(text).Entries, ++attempt);
      res.statusCode = a.status;
      res.setHeader('content-type', 'application/x-amz-json-1.1');
      if (a.retryAfter) res.setHeader('retry-after', a.retryAfter);
      res.end(JSON.stringify(a.body));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

describe('QuirkySink', () => {
  it('is faithful at rate 0 and bends delivery at rate 1', async () => {
    const input = events(40);
    const plain: ContactEventEnvelope[] = [];
    await new QuirkySink({ publish: (e) => void plain.push(...e) }, {}).publish(input);
    expect(plain).toEqual(input);

    const dup: ContactEventEnvelope[] = [];
    await new QuirkySink({ publish: (e) => void dup.push(...e) }, { duplicate: 1 }).publish(input);
    expect(dup).toHaveLength(80);

    const dropped: ContactEventEnvelope[] = [];
    await new QuirkySink({ publish: (e) => void dropped.push(...e) }, { drop: 1 }).publish(input);
    expect(dropped).toHaveLength(0);

    const shaped: Record<string, unknown>[] = [];
    const sink = new QuirkySink(
      { publish: (e) => void shaped.push(...(e as unknown as Record<string, unknown>[])) },
      { pascalCase: 1, placeholderTimestamps: 1, reorder: 0.5 },
    );
    await sink.publish(input);
    await sink.flush();
    expect(shaped).toHaveLength(40);
    const details = shaped.map((e) => e.detail as Record<string, unknown>);
    expect(details.every((d) => typeof d.ContactId === 'string')).toBe(true);
    expect(details.some((d) => d.ConnectedToSystemTimestamp === PLACEHOLDER_TIMESTAMP || d.AgentInfo)).toBe(
      true,
    );
    const order = details.map((d) => d.ContactId);
    expect(order).not.toEqual(input.map((e) => e.detail.contactId));
  });

  it('writes PascalCase as the seed does: tags kept, routing criteria as a list, the same event once read', async () => {
    const t = testEmulator();
    const { contactId } = t.emulator.startChatContact({ ...INSTANCE, contactFlowId: 'French' });
    t.advance(60);
    const input = t.of(contactId) as ContactEventEnvelope[];
    expect(input.some((e) => e.detail.routingCriteria)).toBe(true);
    const shaped: ContactEventEnvelope[] = [];
    await new QuirkySink({ publish: (e) => void shaped.push(...e) }, { pascalCase: 1 }).publish(input);
    expect(shaped).toHaveLength(input.length);
    shaped.forEach((event, i) => {
      const detail = event.detail as unknown as Record<string, unknown>;
      const lowercase = Object.keys(detail).filter((k) => k.charAt(0) !== k.charAt(0).toUpperCase());
      expect(lowercase).toEqual(['tags']);
      expect(detail.tags).toEqual(input[i].detail.tags);
      if (input[i].detail.routingCriteria) {
        const list = detail.RoutingCriteria as Record<string, unknown>[];
        expect(list).toHaveLength(1);
        expect(list[0].Index).toBe(input[i].detail.routingCriteria?.index);
        expect(Array.isArray(list[0].Steps)).toBe(true);
      }
      const read = checkContactEvent(event);
      expect(read.errors).toEqual([]);
      expect(read.canonical).toEqual(checkContactEvent(input[i]).canonical);
    });
  });

  it('counts what each quirk did: the sink gets every event less the dropped, plus the duplicated', async () => {
    const input = events(60);
    const rate = fc.double({ min: 0, max: 1, noNaN: true });
    await fc.assert(
      fc.asyncProperty(
        fc.record({ duplicate: rate, reorder: rate, late: rate, drop: rate, pascalCase: rate, skew: rate }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        async (rates, seed) => {
          const out: ContactEventEnvelope[] = [];
          const sink = new QuirkySink({ publish: (e) => void out.push(...e) }, rates, seed);
          await sink.publish(input);
          await sink.flush();
          const c = sink.counts;
          expect(out).toHaveLength(input.length - c.drop + c.duplicate);
          const firsts = new Map(out.map((e) => [e.id, e]));
          expect(firsts.size).toBe(input.length - c.drop);
          const original = new Map(input.map((e) => [e.id, e]));
          const skewed = [...firsts.values()].filter((e) => e.time !== original.get(e.id)?.time);
          expect(skewed).toHaveLength(c.skew);
          const pascal = [...firsts.values()].filter((e) => 'ContactId' in e.detail);
          expect(pascal).toHaveLength(c.pascalCase);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('skews the envelope time by 1 to 5 whole seconds either way, and leaves the detail alone', async () => {
    const input = events(40);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 2 ** 31 - 1 }), async (seed) => {
        const out: ContactEventEnvelope[] = [];
        await new QuirkySink({ publish: (e) => void out.push(...e) }, { skew: 1 }, seed).publish(input);
        expect(out).toHaveLength(input.length);
        const offsets = out.map((e, i) => (Date.parse(e.time) - Date.parse(input[i].time)) / 1000);
        for (const [i, e] of out.entries()) {
          expect(e.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
          expect(Math.abs(offsets[i])).toBeGreaterThanOrEqual(1);
          expect(Math.abs(offsets[i])).toBeLessThanOrEqual(5);
          expect(e.detail).toBe(input[i].detail);
          expect(e.id).toBe(input[i].id);
        }
        expect(offsets.some((o) => o < 0) && offsets.some((o) => o > 0)).toBe(true);
      }),
      { numRuns: 25 },
    );
  });

  it("delivers a late event 1 s to 5 min later in the stream's own time, and loses none", async () => {
    const [base] = events(1);
    const spacingMs = 1000;
    const t0 = Date.parse('2026-01-05T08:00:00Z');
    const stream = Array.from({ length: 600 }, (_, i) => ({
      ...base,
      id: `event-${i}`,
      time: new Date(t0 + i * spacingMs).toISOString().replace('.000Z', 'Z'),
    }));
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.double({ min: 0.05, max: 1 }),
        async (seed, rate) => {
          const delivered: { id: string; atMs: number }[] = [];
          let nowMs = t0;
          const sink = new QuirkySink(
            { publish: (batch) => void delivered.push(...batch.map((e) => ({ id: e.id, atMs: nowMs }))) },
            { late: rate },
            seed,
          );
          for (const e of stream) {
            nowMs = Date.parse(e.time);
            await sink.publish([e]);
          }
          nowMs = Number.POSITIVE_INFINITY;
          await sink.flush();
          expect(delivered.map((d) => d.id).sort()).toEqual(stream.map((e) => e.id).sort());
          const sentAt = new Map(stream.map((e) => [e.id, Date.parse(e.time)]));
          let late = 0;
          for (const d of delivered) {
            const lateness = d.atMs - (sentAt.get(d.id) as number);
            if (lateness === 0) continue;
            late++;
            if (d.atMs === Number.POSITIVE_INFINITY) continue; // still due when the stream ended
            // Released with the first event at or after its due time; events come every second.
            expect(lateness).toBeGreaterThanOrEqual(1000);
            expect(lateness).toBeLessThan(5 * 60_000 + spacingMs);
          }
          if (rate === 1) expect(late).toBe(stream.length);
        },
      ),
      { numRuns: 50 },
    );
  });
});
