import type { AddressInfo } from 'node:net';
import {
  ConnectClient,
  ListContactFlowsCommand,
  ListQueuesCommand,
  StartTaskContactCommand,
} from '@aws-sdk/client-connect';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, Emulator, parseCenter } from '../emulator/index.js';
import { type BusApi, buildApp } from '../server/app.js';
import { Authenticator } from '../server/auth.js';
import { CENTER_YAML, INSTANCE_ID, START_MS } from './connect-api.test-helpers.js';
import { connectApiPlugin } from './plugin.js';

const KEY = { accessKeyId: 'AKIDMOUNTTEST', secretAccessKey: 'mount-test-secret' };

/** Only what the HTTP layer asks of the bus; the Connect routes never touch it. */
const idleBus: BusApi = {
  call: async () => ({}),
  hasOperation: () => false,
  ingest: async () => ({ FailedEntryCount: 0, Entries: [] }) as never,
  admission: () => undefined,
  ready: () => true,
};

describe('mounted in the bus server, behind SigV4', () => {
  const auth = new Authenticator({ accessKeys: [KEY], ingestApiKeys: [], ingestBasic: [] });
  const app = buildApp({ bus: idleBus, auth });
  const engine = new Emulator({ center: parseCenter(CENTER_YAML), startMs: START_MS });
  let url = '';
  const client = (credentials = KEY) =>
    new ConnectClient({ endpoint: url, region: 'us-east-1', credentials, maxAttempts: 1 });

  beforeAll(async () => {
    await app.register(connectApiPlugin({ engine, authenticate: (request) => auth.verifyAws(request) }));
    await app.listen({ host: '127.0.0.1', port: 0 });
    url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await app.close();
  });

  it('serves signed SDK calls; the events wait in the engine for its runner when no sink is given', async () => {
    const c = client();
    const flow = engine.center.findFlow('ToQ1')?.id;
    const { ContactId } = await c.send(
      new StartTaskContactCommand({ InstanceId: INSTANCE_ID, ContactFlowId: flow, Name: 'signed' }),
    );
    const { QueueSummaryList } = await c.send(new ListQueuesCommand({ InstanceId: INSTANCE_ID }));
    expect(QueueSummaryList).toHaveLength(4);
    expect(engine.takeEvents().map((e) => [e.detail.contactId, e.detail.eventType])).toEqual([
      [ContactId, 'INITIATED'],
      [ContactId, 'CONNECTED_TO_SYSTEM'],
    ]);
    c.destroy();
  });

  it('refuses a call signed with an unknown key, leaving the engine untouched', async () => {
    const c = client({ accessKeyId: 'AKIDOTHER', secretAccessKey: 'x' });
    const error = await c
      .send(new StartTaskContactCommand({ InstanceId: INSTANCE_ID, ContactFlowId: 'ToQ1', Name: 'unsigned' }))
      .catch((e: Error & { $metadata: { httpStatusCode?: number } }) => e);
    expect(error).toBeInstanceOf(Error);
    expect(
      (error as { $metadata: { httpStatusCode?: number } }).$metadata.httpStatusCode,
    ).toBeGreaterThanOrEqual(400);
    expect(engine.takeEvents()).toEqual([]);
    c.destroy();
  });
});

describe('on the built-in demo center', () => {
  it('a task started with the SDK is handled by the agents the emulator plays, through to COMPLETED', async () => {
    const engine = createEmulator({ center: 'demo', startMs: Date.UTC(2026, 0, 5, 9) });
    const app = Fastify();
    await app.register(connectApiPlugin({ engine }));
    await app.listen({ host: '127.0.0.1', port: 0 });
    const client = new ConnectClient({
      endpoint: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
      region: 'us-east-1',
      credentials: { accessKeyId: 'demo', secretAccessKey: 'demo' },
      maxAttempts: 1,
    });
    try {
      const InstanceId = engine.center.instanceId;
      const flows = await client.send(new ListContactFlowsCommand({ InstanceId }));
      const backOffice = flows.ContactFlowSummaryList?.find((f) => f.Name === 'Back Office')?.Id;
      const { ContactId } = await client.send(
        new StartTaskContactCommand({ InstanceId, ContactFlowId: backOffice, Name: 'refund' }),
      );
      engine.clock.runUntil(engine.clock.now() + 3_600_000);
      const types = engine
        .takeEvents()
        .filter((e) => e.detail.contactId === ContactId)
        .map((e) => e.detail.eventType);
      expect(types).toEqual([
        'INITIATED',
        'CONNECTED_TO_SYSTEM',
        'CONTACT_DATA_UPDATED',
        'QUEUED',
        'CONNECTED_TO_AGENT',
        'DISCONNECTED',
        'COMPLETED',
      ]);
    } finally {
      client.destroy();
      await app.close();
    }
  });
});
