import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ConnectClient,
  DescribeQueueCommand,
  ListAgentStatusesCommand,
  ListContactFlowsCommand,
  ListInstancesCommand,
  ListQueuesCommand,
  ListUsersCommand,
  PutUserStatusCommand,
  StartTaskContactCommand,
} from '@aws-sdk/client-connect';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteEventLog } from '../log/index.js';
import { type RunningServer, startServer } from '../server/index.js';
import { DemoCenter } from './demo-center.js';

/** The real SDK client for the server's Amazon Connect API, one attempt a call. */
function connectTo(server: RunningServer): ConnectClient {
  return new ConnectClient({
    endpoint: server.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
}

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
    connect = connectTo(server);
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

  it('takes an ARN where an id goes in the path, as the API allows', async () => {
    const InstanceId = (await connect.send(new ListInstancesCommand({}))).InstanceSummaryList?.[0]?.Id;
    const users = await connect.send(new ListUsersCommand({ InstanceId }));
    const statuses = await connect.send(new ListAgentStatusesCommand({ InstanceId }));
    const arn = users.UserSummaryList?.[0]?.Arn as string;
    expect(arn.length).toBeGreaterThan(100);
    const available = statuses.AgentStatusSummaryList?.find((s) => s.Type === 'ROUTABLE')?.Id;
    await connect.send(new PutUserStatusCommand({ InstanceId, UserId: arn, AgentStatusId: available }));
  });

  it('answers an operation it does not serve with UnknownOperationException, which the SDK names', async () => {
    const InstanceId = (await connect.send(new ListInstancesCommand({}))).InstanceSummaryList?.[0]?.Id;
    const error = await connect
      .send(new DescribeQueueCommand({ InstanceId, QueueId: 'any' }))
      .catch((e: unknown) => e as Error & { $metadata: { httpStatusCode?: number } });
    expect(error).toMatchObject({ name: 'UnknownOperationException', $metadata: { httpStatusCode: 404 } });
    expect((error as Error).message).toMatch(/No operation is served at GET \/queues\//);
  });

  it('answers a body over the limit with RequestEntityTooLargeException', async () => {
    const response = await fetch(`${server.url}/contact/task`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ Name: 'x', Description: 'y'.repeat(5 * 1024 * 1024) }),
    });
    expect(response.status).toBe(413);
    expect(response.headers.get('x-amzn-errortype')).toBe('RequestEntityTooLargeException');
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

describe('the demo contact center across restarts', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ce-demo-restart-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  /** One lifetime of `serve --demo` on the data dir: a task started through the SDK, then the server stops. */
  async function startOneTask(): Promise<string> {
    const demo = new DemoCenter(Date.UTC(2026, 0, 5, 9));
    const server = await startServer({
      dataDir,
      port: 0,
      extend: (app, context) => demo.mount(app, context),
    });
    const connect = connectTo(server);
    try {
      const InstanceId = (await connect.send(new ListInstancesCommand({}))).InstanceSummaryList?.[0]?.Id;
      const flows = await connect.send(new ListContactFlowsCommand({ InstanceId }));
      const ContactFlowId = flows.ContactFlowSummaryList?.find((f) => f.Name === 'Back Office')?.Id;
      const { ContactId } = await connect.send(
        new StartTaskContactCommand({ InstanceId, ContactFlowId, Name: 'refund request' }),
      );
      return ContactId as string;
    } finally {
      connect.destroy();
      await demo.stop();
      await server.close();
    }
  }

  it('gives a restarted server new contact and event ids, so the bus stores every event of both runs', async () => {
    const first = await startOneTask();
    const second = await startOneTask();
    expect(second).not.toBe(first);
    const log = new SqliteEventLog({ file: join(dataDir, 'events.db') });
    const records = await log.read(0, 1000);
    await log.close();
    const events = records.map((r) => JSON.parse(r.raw) as { id: string; detail: { contactId: string } });
    for (const contactId of [first, second]) {
      const stored = events.filter((e) => e.detail.contactId === contactId).length;
      expect(stored, `events of ${contactId}`).toBeGreaterThanOrEqual(2);
    }
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
  });
});
