import {
  DescribeContactCommand,
  LimitExceededException,
  PauseContactCommand,
  ResumeContactCommand,
  StartTaskContactCommand,
  StopContactCommand,
  UpdateContactScheduleCommand,
} from '@aws-sdk/client-connect';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INSTANCE_ID, START_MS, startTestApi, type TestApi } from './connect-api.test-helpers.js';

describe('tasks through the AWS SDK', () => {
  let t: TestApi;
  beforeAll(async () => {
    t = await startTestApi();
  });
  afterAll(async () => {
    await t.close();
  });

  const startTask = async (extra: { ScheduledTime?: Date } = {}) => {
    const out = await t.client.send(
      new StartTaskContactCommand({
        InstanceId: INSTANCE_ID,
        ContactFlowId: t.flowId('ToQ1'),
        Name: 'Call back Mrs Smith',
        Attributes: { orderId: '42' },
        ...extra,
      }),
    );
    return out.ContactId as string;
  };
  const ref = (contactId: string) => ({ InstanceId: INSTANCE_ID, ContactId: contactId });

  it('runs a task from INITIATED to COMPLETED as the agent plays it', async () => {
    const id = await startTask();
    // The events of the call itself reach the sink before the call answers.
    expect(t.types(id)).toEqual(['INITIATED', 'CONNECTED_TO_SYSTEM']);
    expect(t.of(id)[0].detail).toMatchObject({ channel: 'TASK', initiationMethod: 'API' });

    t.advance(2);
    expect(t.types(id)).toEqual(['INITIATED', 'CONNECTED_TO_SYSTEM', 'QUEUED']);
    const ann = t.agentId('ann');
    const listed = await t.agentApi('GET', `/emulator/agents/${ann}/contacts`);
    expect(listed.json.Contacts).toEqual([expect.objectContaining({ ContactId: id, State: 'OFFERED' })]);

    const accepted = await t.agentApi('POST', `/emulator/agents/ann/contacts/${id}/accept`);
    expect(accepted.status).toBe(200);
    expect(t.last(id)).toMatchObject({
      eventType: 'CONNECTED_TO_AGENT',
      agentInfo: { agentArn: expect.any(String) },
    });

    await t.client.send(new PauseContactCommand(ref(id)));
    expect(t.last(id)?.eventType).toBe('PAUSED');
    await t.client.send(new ResumeContactCommand(ref(id)));
    expect(t.last(id)?.eventType).toBe('RESUMED');

    t.advance(60);
    await t.client.send(new StopContactCommand(ref(id)));
    expect(t.last(id)).toMatchObject({ eventType: 'DISCONNECTED', disconnectTimestamp: expect.any(String) });

    t.advance(20);
    await t.agentApi('POST', `/emulator/agents/ann/contacts/${id}/complete-acw`);
    expect(t.last(id)).toMatchObject({
      eventType: 'COMPLETED',
      agentInfo: { afterContactWorkDuration: 20 },
    });
    expect(t.types(id)).toEqual([
      'INITIATED',
      'CONNECTED_TO_SYSTEM',
      'QUEUED',
      'CONNECTED_TO_AGENT',
      'PAUSED',
      'RESUMED',
      'DISCONNECTED',
      'COMPLETED',
    ]);

    const { Contact } = await t.client.send(new DescribeContactCommand(ref(id)));
    expect(Contact).toMatchObject({
      Id: id,
      Channel: 'TASK',
      InitiationMethod: 'API',
      Name: 'Call back Mrs Smith',
      Attributes: { orderId: '42' },
      AgentInfo: { Id: ann },
    });
    expect(Contact?.InitiationTimestamp).toEqual(new Date(START_MS));
    expect(Contact?.DisconnectTimestamp).toBeInstanceOf(Date);
  });

  it('refuses the eleventh pause with LimitExceededException', async () => {
    const id = await startTask();
    t.advance(2);
    await t.agentApi('POST', `/emulator/agents/ann/contacts/${id}/accept`);
    for (let i = 0; i < 10; i++) {
      await t.client.send(new PauseContactCommand(ref(id)));
      await t.client.send(new ResumeContactCommand(ref(id)));
    }
    const error = await t.client.send(new PauseContactCommand(ref(id))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LimitExceededException);
    expect(t.types(id).filter((e) => e === 'PAUSED')).toHaveLength(10);
    await t.client.send(new StopContactCommand(ref(id)));
    await t.agentApi('POST', `/emulator/agents/ann/contacts/${id}/complete-acw`);
  });

  it('reschedules a scheduled task: CONTACT_DATA_UPDATED with ScheduledTimestamp, then runs at the new time', async () => {
    const now = t.engine.clock.now();
    const id = await startTask({ ScheduledTime: new Date(now + 3_600_000) });
    expect(t.types(id)).toEqual(['INITIATED']);
    expect(t.last(id)?.scheduledTimestamp).toBe(new Date(now + 3_600_000).toISOString());

    const later = new Date(now + 7_200_000);
    await t.client.send(new UpdateContactScheduleCommand({ ...ref(id), ScheduledTime: later }));
    expect(t.last(id)).toMatchObject({
      eventType: 'CONTACT_DATA_UPDATED',
      updatedProperties: ['ScheduledTimestamp'],
      scheduledTimestamp: later.toISOString(),
    });

    t.advance(3_600);
    expect(t.types(id)).toEqual(['INITIATED', 'CONTACT_DATA_UPDATED']);
    t.advance(3_600);
    expect(t.types(id)).toEqual(['INITIATED', 'CONTACT_DATA_UPDATED', 'CONNECTED_TO_SYSTEM']);
    await t.client.send(new StopContactCommand(ref(id)));
    expect(t.last(id)?.eventType).toBe('DISCONNECTED');
  });
});
