import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../src/server/start.js';
import { client, receiver, tempDir } from './helpers.js';

let server: RunningServer;
let hook: Awaited<ReturnType<typeof receiver>>;

beforeAll(async () => {
  hook = await receiver(() => 503);
  server = await startServer({
    dataDir: tempDir(),
    port: 0,
    delivery: { backoff: { baseMs: 60_000, maxMs: 60_000 } },
    config: {
      limits: { maxTargetBacklog: 5 },
      endpoints: {
        slow: { kind: 'webhook', url: hook.url, secrets: ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'] },
      },
      rules: [{ Name: 'all', EventPattern: { source: ['bp'] }, Targets: [{ Id: 'slow', Endpoint: 'slow' }] }],
    },
  });
});

afterAll(async () => {
  await server.close();
  await hook.close();
});

describe('backpressure', () => {
  it('answers 429 with Retry-After once a target backlog passes its limit', async () => {
    const events = Array.from({ length: 10 }, (_, i) => ({
      id: `bp-${i}`,
      source: 'bp',
      'detail-type': 'T',
      detail: {},
    }));
    expect((await server.bus.publish(events)).FailedEntryCount).toBe(0);
    await server.bus.drain();
    const res = await fetch(`${server.url}/ingest`, { method: 'POST', body: JSON.stringify(events[0]) });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('5');
    const eb = client(server.url);
    await expect(
      eb.send(new PutEventsCommand({ Entries: [{ Source: 'bp', DetailType: 'T', Detail: '{}' }] })),
    ).rejects.toMatchObject({
      name: 'ThrottlingException',
    });
    eb.destroy();
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});
