import {
  CreateApiDestinationCommand,
  CreateConnectionCommand,
  DeleteRuleCommand,
  DescribeApiDestinationCommand,
  DescribeConnectionCommand,
  DescribeRuleCommand,
  DisableRuleCommand,
  EnableRuleCommand,
  InvalidEventPatternException,
  ListRulesCommand,
  ListTargetsByRuleCommand,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
  ResourceAlreadyExistsException,
  ResourceNotFoundException,
  TestEventPatternCommand,
} from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../src/server/start.js';
import { client, receiver, tempDir } from './helpers.js';

let server: RunningServer;
let eb: ReturnType<typeof client>;
let hook: Awaited<ReturnType<typeof receiver>>;

beforeAll(async () => {
  server = await startServer({ dataDir: tempDir(), port: 0 });
  eb = client(server.url);
  hook = await receiver();
});

afterAll(async () => {
  eb.destroy();
  await server.close();
  await hook.close();
});

const pattern = JSON.stringify({ source: ['test.app'], 'detail-type': ['Order'] });

describe('rules through the AWS SDK', () => {
  it('creates, describes, lists with prefix and paging, disables and enables rules', async () => {
    const put = await eb.send(
      new PutRuleCommand({ Name: 'orders-a', EventPattern: pattern, Description: 'd' }),
    );
    expect(put.RuleArn).toBe('arn:aws:events:us-east-1:123456789012:rule/orders-a');
    for (const n of ['orders-b', 'orders-c', 'other'])
      await eb.send(new PutRuleCommand({ Name: n, EventPattern: pattern }));
    const described = await eb.send(new DescribeRuleCommand({ Name: 'orders-a' }));
    expect(described).toMatchObject({
      Name: 'orders-a',
      State: 'ENABLED',
      EventPattern: pattern,
      EventBusName: 'default',
    });
    const page1 = await eb.send(new ListRulesCommand({ NamePrefix: 'orders-', Limit: 2 }));
    expect(page1.Rules?.map((r) => r.Name)).toEqual(['orders-a', 'orders-b']);
    const page2 = await eb.send(
      new ListRulesCommand({ NamePrefix: 'orders-', Limit: 2, NextToken: page1.NextToken }),
    );
    expect(page2.Rules?.map((r) => r.Name)).toEqual(['orders-c']);
    expect(page2.NextToken).toBeUndefined();
    await eb.send(new DisableRuleCommand({ Name: 'orders-b' }));
    expect((await eb.send(new DescribeRuleCommand({ Name: 'orders-b' }))).State).toBe('DISABLED');
    await eb.send(new EnableRuleCommand({ Name: 'orders-b' }));
    expect((await eb.send(new DescribeRuleCommand({ Name: 'orders-b' }))).State).toBe('ENABLED');
  });

  it("answers AWS's exceptions", async () => {
    await expect(eb.send(new DescribeRuleCommand({ Name: 'missing' }))).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    );
    await expect(eb.send(new EnableRuleCommand({ Name: 'missing' }))).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    );
    await expect(
      eb.send(new PutRuleCommand({ Name: 'bad', EventPattern: '{"source":"not-a-list"}' })),
    ).rejects.toBeInstanceOf(InvalidEventPatternException);
    await expect(
      eb.send(new PutRuleCommand({ Name: 'bad name!', EventPattern: pattern })),
    ).rejects.toMatchObject({
      name: 'ValidationException',
    });
    await expect(eb.send(new PutRuleCommand({ Name: 'no-pattern' }))).rejects.toMatchObject({
      name: 'ValidationException',
    });
  });

  it('tests patterns as TestEventPattern does', async () => {
    const event = {
      id: '1',
      account: '123456789012',
      source: 'test.app',
      time: '2026-01-01T00:00:00Z',
      region: 'us-east-1',
      resources: [],
      'detail-type': 'Order',
      detail: {},
    };
    const yes = await eb.send(
      new TestEventPatternCommand({ EventPattern: pattern, Event: JSON.stringify(event) }),
    );
    expect(yes.Result).toBe(true);
    const no = await eb.send(
      new TestEventPatternCommand({
        EventPattern: pattern,
        Event: JSON.stringify({ ...event, source: 'x' }),
      }),
    );
    expect(no.Result).toBe(false);
    await expect(
      eb.send(new TestEventPatternCommand({ EventPattern: pattern, Event: '{"source":"x"}' })),
    ).rejects.toMatchObject({ name: 'ValidationException' });
  });
});

describe('connections, API destinations and targets', () => {
  it('delivers matching events to an API destination, with the connection credentials', async () => {
    const connection = await eb.send(
      new CreateConnectionCommand({
        Name: 'local',
        AuthorizationType: 'API_KEY',
        AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'x-api-key', ApiKeyValue: 'k-123' } },
      }),
    );
    expect(connection.ConnectionArn).toMatch(/^arn:aws:events:us-east-1:123456789012:connection\/local\//);
    await expect(
      eb.send(
        new CreateConnectionCommand({
          Name: 'local',
          AuthorizationType: 'API_KEY',
          AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'x', ApiKeyValue: 'y' } },
        }),
      ),
    ).rejects.toBeInstanceOf(ResourceAlreadyExistsException);
    const described = await eb.send(new DescribeConnectionCommand({ Name: 'local' }));
    expect(described.AuthParameters?.ApiKeyAuthParameters).toEqual({ ApiKeyName: 'x-api-key' });
    expect(described.CreationTime).toBeInstanceOf(Date);

    const destination = await eb.send(
      new CreateApiDestinationCommand({
        Name: 'hook',
        ConnectionArn: connection.ConnectionArn,
        InvocationEndpoint: `${hook.url}/events`,
        HttpMethod: 'POST',
        InvocationRateLimitPerSecond: 1000,
      }),
    );
    const d = await eb.send(new DescribeApiDestinationCommand({ Name: 'hook' }));
    expect(d.InvocationEndpoint).toBe(`${hook.url}/events`);

    await eb.send(new PutRuleCommand({ Name: 'deliver', EventPattern: pattern }));
    const put = await eb.send(
      new PutTargetsCommand({
        Rule: 'deliver',
        Targets: [
          { Id: 'hook', Arn: destination.ApiDestinationArn, InputPath: '$.detail' },
          { Id: 'nowhere', Arn: 'arn:aws:sqs:us-east-1:123456789012:q' },
        ],
      }),
    );
    expect(put.FailedEntryCount).toBe(1);
    expect(put.FailedEntries?.[0].TargetId).toBe('nowhere');
    const targets = await eb.send(new ListTargetsByRuleCommand({ Rule: 'deliver' }));
    expect(targets.Targets?.map((t) => t.Id)).toEqual(['hook']);
    await expect(eb.send(new DeleteRuleCommand({ Name: 'deliver' }))).rejects.toMatchObject({
      name: 'ValidationException',
    });

    const sent = await eb.send(
      new PutEventsCommand({
        Entries: [
          { Source: 'test.app', DetailType: 'Order', Detail: '{"n":1}' },
          { Source: 'test.app', DetailType: 'Other', Detail: '{"n":2}' },
          { Source: 'test.app', DetailType: 'Order', Detail: 'not json' },
          { Source: 'test.app', Detail: '{}' },
        ],
      }),
    );
    expect(sent.FailedEntryCount).toBe(2);
    expect(sent.Entries?.[0].EventId).toMatch(/^[0-9a-f-]{36}$/);
    expect(sent.Entries?.[2]).toMatchObject({ ErrorCode: 'MalformedDetail' });
    expect(sent.Entries?.[3]).toMatchObject({ ErrorCode: 'InvalidArgument' });
    await hook.until(1);
    expect(JSON.parse(hook.received[0].body)).toEqual({ n: 1 });
    expect(hook.received[0].headers['x-api-key']).toBe('k-123');

    await eb.send(new RemoveTargetsCommand({ Rule: 'deliver', Ids: ['hook'] }));
    await eb.send(new DeleteRuleCommand({ Name: 'deliver' }));
    await expect(eb.send(new DescribeRuleCommand({ Name: 'deliver' }))).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    );
  });

  it('refuses more than 10 entries as a whole request', async () => {
    const entries = Array.from({ length: 11 }, () => ({ Source: 's', DetailType: 'd', Detail: '{}' }));
    await expect(eb.send(new PutEventsCommand({ Entries: entries }))).rejects.toMatchObject({
      name: 'ValidationException',
    });
  });
});
