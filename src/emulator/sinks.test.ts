import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { ContactEventEnvelope } from '../model/index.js';
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
      const batch = events(25);
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

  it('fails with PutEventsError when the bus cannot be reached', async () => {
    const sink = new PutEventsSink({ url: 'http://127.0.0.1:1/' });
    await expect(sink.publish(events(1))).rejects.toBeInstanceOf(PutEventsError);
  });
});

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
});
