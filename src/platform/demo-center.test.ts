import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ConnectClient,
  ListContactFlowsCommand,
  ListInstancesCommand,
  ListQueuesCommand,
  StartTaskContactCommand,
} from '@aws-sdk/client-connect';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteEventLog } from '../log/index.js';
import { type RunningServer, startServer } from '../server/index.js';
import { DemoCenter } from './demo-center.js';

describe('the demo contact center inside the bus server', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ce-demo-'));
  const demo = new DemoCenter(Date.UTC(2026, 0, 5, 9));
  let server: RunningServer;
  let connect: ConnectClient;
  let closed = false;
  const closeServer = async () => {
    if (closed) return;
    closed = true;
    await demo.stop();
    await server.close();
  };

  beforeAll(async () => {
    server = await startServer({ dataDir, port: 0, extend: (app, context) => demo.mount(app, context) });
    connect = new ConnectClient({
      endpoint: server.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 1,
    });
  });
  afterAll(async () => {
    connect.destroy();
    await closeServer();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves the Amazon Connect API of the demo instance beside the EventBridge API', async () => {
    const { InstanceSummaryList } = await connect.send(new ListInstancesCommand({}));
    expect(InstanceSummaryList?.map((i) => i.InstanceAlias)).toEqual(['demo-center']);
    const InstanceId = InstanceSummaryList?.[0]?.Id;
    const { QueueSummaryList } = await connect.send(
      new ListQueuesCommand({ InstanceId, QueueTypes: ['STANDARD'] }),
    );
    expect(QueueSummaryList?.map((q) => q.Name).sort()).toEqual(['BackOffice', 'Sales', 'Support']);
  });

  it('publishes the events of an SDK-started contact into the bus durably, before the call answers', async () => {
    const InstanceId = (await connect.send(new ListInstancesCommand({}))).InstanceSummaryList?.[0]?.Id;
    const flows = await connect.send(new ListContactFlowsCommand({ InstanceId }));
    const flow = flows.ContactFlowSummaryList?.find((f) => f.Name === 'Back Office');
    expect(flow).toBeDefined();
    const { ContactId } = await connect.send(
      new StartTaskContactCommand({ InstanceId, ContactFlowId: flow?.Id, Name: 'refund request' }),
    );
    await closeServer();
    const log = new SqliteEventLog({ file: join(dataDir, 'events.db') });
    const records = await log.read(0, 1000);
    await log.close();
    const mine = records
      .map((r) => JSON.parse(r.raw) as { source: string; detail: { contactId: string; eventType: string } })
      .filter((e) => e.detail.contactId === ContactId);
    expect(mine.map((e) => e.detail.eventType).slice(0, 2)).toEqual(['INITIATED', 'CONNECTED_TO_SYSTEM']);
    expect(mine.every((e) => e.source === 'aws.connect')).toBe(true);
  });
});
