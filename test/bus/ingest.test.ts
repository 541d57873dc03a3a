import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../src/server/start.js';
import { tempDir } from './helpers.js';

let server: RunningServer;

beforeAll(async () => {
  server = await startServer({ dataDir: tempDir(), port: 0 });
});
afterAll(async () => server.close());

const ingest = (body: unknown) =>
  fetch(`${server.url}/ingest`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

const aws = (target: string, body: string) =>
  fetch(server.url, {
    method: 'POST',
    headers: { 'x-amz-target': target, 'content-type': 'application/x-amz-json-1.1' },
    body,
  });

describe('/ingest', () => {
  it('stores an event once per (source, id): a producer retry is acknowledged, not stored again', async () => {
    const event = { id: 'dup-1', source: 'crm.app', 'detail-type': 'Note', detail: { a: 1 } };
    const first = await ingest(event);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ FailedEntryCount: 0, Entries: [{ EventId: 'dup-1' }] });
    expect((await ingest([event, { ...event, source: 'other.app' }])).status).toBe(200);
    const records = await server.bus.log.read(0, 100);
    expect(
      records
        .filter((r) => r.id === 'dup-1')
        .map((r) => r.source)
        .sort(),
    ).toEqual(['crm.app', 'other.app']);
  });

  it('refuses an invalid contact event with its reason and stores nothing of it', async () => {
    const before = server.bus.log.lastPosition();
    const res = await ingest({
      id: 'c-1',
      source: 'aws.connect',
      'detail-type': 'Amazon Connect Contact Event',
      detail: { eventType: 42 },
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { Entries: Array<{ ErrorCode: string; ErrorMessage: string }> };
    expect(body.Entries[0].ErrorCode).toBe('InvalidArgument');
    expect(body.Entries[0].ErrorMessage).toMatch(/Invalid contact event: \$/);
    expect(server.bus.log.lastPosition()).toBe(before);
  });

  it('answers malformed bodies clearly and keeps serving', async () => {
    const bad = await ingest('{not json');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ __type: 'SerializationException' });
    expect((await ingest({ source: 'x' })).status).toBe(400);
    expect((await ingest([])).status).toBe(400);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});

describe('malformed AWS requests', () => {
  it('answers each with an AWS error shape', async () => {
    const unknown = await aws('AWSEvents.LaunchRocket', '{}');
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ __type: 'UnknownOperationException' });
    const badJson = await aws('AWSEvents.PutEvents', '{"Entries": [');
    expect(await badJson.json()).toMatchObject({ __type: 'SerializationException' });
    const wrongType = await aws('AWSEvents.PutEvents', '{"Entries": "x"}');
    expect(await wrongType.json()).toMatchObject({ __type: 'SerializationException' });
    const wrongMember = await aws('AWSEvents.PutRule', '{"Name": 5}');
    expect(await wrongMember.json()).toMatchObject({ __type: 'SerializationException' });
    const big = 'x'.repeat(256 * 1024);
    const oversize = await aws(
      'AWSEvents.PutEvents',
      JSON.stringify({
        Entries: [
          { Source: 's', DetailType: 'd', Detail: JSON.stringify({ big }) },
          { Source: 's', DetailType: 'd', Detail: '{}' },
        ],
      }),
    );
    const result = (await oversize.json()) as {
      FailedEntryCount: number;
      Entries: Array<Record<string, string>>;
    };
    expect(result.FailedEntryCount).toBe(1);
    expect(result.Entries[0].ErrorMessage).toMatch(/under 262144 bytes/);
    expect(result.Entries[1].EventId).toBeDefined();
    const huge = await aws(
      'AWSEvents.PutEvents',
      JSON.stringify({ Entries: [{ Detail: 'y'.repeat(5 * 1024 * 1024) }] }),
    );
    expect(huge.status).toBe(413);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});

describe('bodies that are not objects', () => {
  it('are a SerializationException', async () => {
    const res = await aws('AWSEvents.ListRules', '[1, 2]');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ __type: 'SerializationException' });
  });
});
