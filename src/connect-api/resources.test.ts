import {
  DescribeInstanceCommand,
  ListAgentStatusesCommand,
  ListContactFlowsCommand,
  ListInstancesCommand,
  ListQueuesCommand,
  ListUsersCommand,
  PutUserStatusCommand,
  paginateListQueues,
  StartTaskContactCommand,
} from '@aws-sdk/client-connect';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INSTANCE_ID, startTestApi, type TestApi } from './connect-api.test-helpers.js';

describe('instance resources through the AWS SDK', () => {
  let t: TestApi;
  beforeAll(async () => {
    t = await startTestApi();
  });
  afterAll(async () => {
    await t.close();
  });

  it('ListInstances and DescribeInstance describe the emulated instance', async () => {
    const { InstanceSummaryList } = await t.client.send(new ListInstancesCommand({}));
    expect(InstanceSummaryList).toEqual([
      expect.objectContaining({
        Id: INSTANCE_ID,
        Arn: `arn:aws:connect:us-east-1:111122223333:instance/${INSTANCE_ID}`,
        InstanceAlias: 'api-test',
        InstanceStatus: 'ACTIVE',
        CreatedTime: expect.any(Date),
      }),
    ]);
    const { Instance } = await t.client.send(new DescribeInstanceCommand({ InstanceId: INSTANCE_ID }));
    expect(Instance?.Id).toBe(INSTANCE_ID);
  });

  it('ListQueues filters by type and pages with the SDK paginator', async () => {
    const standard = await t.client.send(
      new ListQueuesCommand({ InstanceId: INSTANCE_ID, QueueTypes: ['STANDARD'] }),
    );
    expect(standard.QueueSummaryList?.map((q) => q.Name)).toEqual(['Q1', 'Q2']);
    expect(standard.QueueSummaryList?.[0]).toMatchObject({ Id: t.queueId('Q1'), QueueType: 'STANDARD' });

    const names: (string | undefined)[] = [];
    let pages = 0;
    for await (const p of paginateListQueues(
      { client: t.client, pageSize: 1 },
      { InstanceId: INSTANCE_ID },
    )) {
      pages++;
      names.push(...(p.QueueSummaryList ?? []).map((q) => q.Name));
    }
    expect(pages).toBe(4);
    expect(names).toEqual(['Q1', 'Q2', 'ann', 'bob']);
  });

  it('ListContactFlows and ListUsers list what the center declares', async () => {
    const flows = await t.client.send(new ListContactFlowsCommand({ InstanceId: INSTANCE_ID }));
    expect(flows.ContactFlowSummaryList?.map((f) => f.Name)).toEqual(['ToQ1', 'ToQ2', 'Hangup']);
    expect(flows.ContactFlowSummaryList?.[0]).toMatchObject({
      ContactFlowType: 'CONTACT_FLOW',
      Id: t.flowId('ToQ1'),
    });
    const users = await t.client.send(new ListUsersCommand({ InstanceId: INSTANCE_ID }));
    expect(users.UserSummaryList).toEqual([
      expect.objectContaining({ Username: 'ann', Id: t.agentId('ann') }),
      expect.objectContaining({ Username: 'bob', Id: t.agentId('bob') }),
    ]);
  });

  it('PutUserStatus with a status id from ListAgentStatuses makes an agent routable', async () => {
    const { AgentStatusSummaryList } = await t.client.send(
      new ListAgentStatusesCommand({ InstanceId: INSTANCE_ID }),
    );
    expect(AgentStatusSummaryList?.map((s) => [s.Name, s.Type])).toEqual([
      ['Available', 'ROUTABLE'],
      ['Offline', 'OFFLINE'],
    ]);
    const available = AgentStatusSummaryList?.find((s) => s.Name === 'Available')?.Id as string;
    const offline = AgentStatusSummaryList?.find((s) => s.Name === 'Offline')?.Id as string;
    await t.client.send(
      new PutUserStatusCommand({ InstanceId: INSTANCE_ID, UserId: t.agentId('ann'), AgentStatusId: offline }),
    );
    const { ContactId } = await t.client.send(
      new StartTaskContactCommand({
        InstanceId: INSTANCE_ID,
        ContactFlowId: t.flowId('ToQ1'),
        Name: 'waiting',
      }),
    );
    t.advance(2);
    expect(t.last(ContactId as string)?.eventType).toBe('QUEUED');
    const bob = t.agentId('bob');
    expect((await t.agentApi('GET', `/emulator/agents/${bob}/contacts`)).json.Contacts).toEqual([]);

    await t.client.send(
      new PutUserStatusCommand({ InstanceId: INSTANCE_ID, UserId: bob, AgentStatusId: available }),
    );
    const contacts = (await t.agentApi('GET', `/emulator/agents/${bob}/contacts`)).json.Contacts;
    expect(contacts).toEqual([expect.objectContaining({ ContactId, State: 'OFFERED', Channel: 'TASK' })]);
    const agents = (await t.agentApi('GET', '/emulator/agents')).json.Agents;
    expect(agents?.map((a) => [a.Username, a.Status])).toEqual([
      ['ann', 'Offline'],
      ['bob', 'Available'],
    ]);
  });
});
