import {
  DescribeContactCommand,
  InvalidRequestException,
  MonitorContactCommand,
  StartTaskContactCommand,
} from '@aws-sdk/client-connect';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INSTANCE_ID, startTestApi, type TestApi } from './connect-api.test-helpers.js';

describe('the emulator agent API', () => {
  let t: TestApi;
  beforeAll(async () => {
    t = await startTestApi({ clockControl: true });
  });
  afterAll(async () => {
    await t.close();
  });

  const call = async () => {
    const res = await t.agentApi('POST', '/emulator/inbound-voice', { ContactFlowId: t.flowId('ToQ1') });
    expect(res.status).toBe(200);
    return res.json.ContactId as string;
  };

  it('an inbound call played by the agent: accept, hold, resume, end, complete after-contact work', async () => {
    const id = await call();
    expect(t.types(id)).toEqual(['INITIATED']);
    const advanced = await t.agentApi('POST', '/emulator/clock/advance', { Seconds: 2 });
    expect(advanced.json.Now).toBe(new Date(t.engine.clock.now()).toISOString());
    expect(t.types(id)).toEqual(['INITIATED', 'QUEUED']);

    const base = `/emulator/agents/ann/contacts/${id}`;
    expect((await t.agentApi('POST', `${base}/accept`)).status).toBe(200);
    expect(t.last(id)).toMatchObject({
      eventType: 'CONNECTED_TO_AGENT',
      agentInfo: {
        hierarchyGroups: { level1: { arn: expect.any(String) }, level2: { arn: expect.any(String) } },
      },
    });
    await t.agentApi('POST', `${base}/hold`);
    const onHold = (await t.agentApi('GET', '/emulator/agents/ann/contacts')).json.Contacts;
    expect(onHold).toEqual([expect.objectContaining({ ContactId: id, State: 'CONNECTED', OnHold: true })]);
    t.advance(12);
    await t.agentApi('POST', `${base}/resume`);
    t.advance(30);
    await t.agentApi('POST', `${base}/end`);
    expect(t.last(id)).toMatchObject({
      eventType: 'DISCONNECTED',
      agentInfo: { agentInitiatedHoldDuration: 12 },
    });
    t.advance(5);
    await t.agentApi('POST', `${base}/complete-acw`);
    expect(t.last(id)).toMatchObject({ eventType: 'COMPLETED', agentInfo: { afterContactWorkDuration: 5 } });
    expect((await t.agentApi('GET', '/emulator/agents/ann/contacts')).json.Contacts).toEqual([]);
  });

  it('MonitorContact and an external participant add their legs to a connected call', async () => {
    const id = await call();
    t.advance(2);
    await t.agentApi('POST', `/emulator/agents/ann/contacts/${id}/accept`);
    const monitor = await t.client.send(
      new MonitorContactCommand({ InstanceId: INSTANCE_ID, ContactId: id, UserId: t.agentId('bob') }),
    );
    const m = monitor.ContactId as string;
    expect(t.types(m)).toEqual(['INITIATED', 'CONNECTED_TO_AGENT']);
    expect(t.last(m)).toMatchObject({
      initiationMethod: 'MONITOR',
      relatedContactId: id,
      stateTransitions: [{ state: 'SILENT_MONITOR' }],
    });
    // DescribeContact tells the same connected time as the event.
    const described = await t.client.send(
      new DescribeContactCommand({ InstanceId: INSTANCE_ID, ContactId: m }),
    );
    expect(described.Contact?.AgentInfo?.ConnectedToAgentTimestamp?.toISOString()).toBe(
      t.last(m)?.agentInfo?.connectedToAgentTimestamp,
    );
    const ext = await t.agentApi('POST', `/emulator/agents/ann/contacts/${id}/external`, { TalkSeconds: 10 });
    expect(ext.status).toBe(200);
    const leg = t.events.find(
      (e) => e.detail.initiationMethod === 'EXTERNAL_OUTBOUND' && e.detail.previousContactId === id,
    );
    expect(leg?.detail.eventType).toBe('INITIATED');
    await t.agentApi('POST', `/emulator/agents/ann/contacts/${id}/end`);
    expect(t.last(m)?.eventType).toBe('DISCONNECTED');
    await t.agentApi('POST', `/emulator/agents/ann/contacts/${id}/complete-acw`);
  });

  it('MonitorContact on a task is refused: only calls and chats are monitored', async () => {
    const task = await t.client.send(
      new StartTaskContactCommand({
        InstanceId: INSTANCE_ID,
        ContactFlowId: t.flowId('ToQ1'),
        Name: 'watch me',
      }),
    );
    const id = task.ContactId as string;
    t.advance(2);
    await t.agentApi('POST', `/emulator/agents/ann/contacts/${id}/accept`);
    const refused = await t.client
      .send(new MonitorContactCommand({ InstanceId: INSTANCE_ID, ContactId: id, UserId: t.agentId('bob') }))
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(InvalidRequestException);
    expect((refused as Error).message).toMatch(/is a task: only calls and chats are monitored/);
    await t.agentApi('POST', `/emulator/agents/ann/contacts/${id}/end`);
    await t.agentApi('POST', `/emulator/agents/ann/contacts/${id}/complete-acw`);
  });

  it('refuses what the agent cannot do', async () => {
    const id = await call();
    t.advance(2);
    const notMine = await t.agentApi('POST', `/emulator/agents/bob/contacts/${id}/accept`);
    expect(notMine).toMatchObject({ status: 404, errorType: 'ResourceNotFoundException' });
    const noAgent = await t.agentApi('GET', '/emulator/agents/nobody/contacts');
    expect(noAgent).toMatchObject({ status: 404, errorType: 'ResourceNotFoundException' });
    const notConnected = await t.agentApi('POST', `/emulator/agents/ann/contacts/${id}/end`);
    expect(notConnected).toMatchObject({ status: 400, errorType: 'InvalidRequestException' });
    const badStatus = await t.agentApi('PUT', '/emulator/agents/ann/status', { Status: 'Lunch' });
    expect(badStatus).toMatchObject({ status: 400, errorType: 'InvalidParameterException' });
    expect(badStatus.json.Message).toMatch(/'Status'/);
    await t.agentApi('POST', `/emulator/agents/ann/contacts/${id}/accept`);
    await t.agentApi('POST', `/emulator/agents/ann/contacts/${id}/end`);
    await t.agentApi('POST', `/emulator/agents/ann/contacts/${id}/complete-acw`);
  });

  it('a queued caller asks for a callback: the call ends and a CALLBACK contact is queued', async () => {
    await t.agentApi('PUT', '/emulator/agents/ann/status', { Status: 'Offline' });
    const id = await call();
    t.advance(2);
    const res = await t.agentApi('POST', `/emulator/contacts/${id}/callback`, { DelaySeconds: 30 });
    expect(res.status).toBe(200);
    const cb = res.json.ContactId as string;
    expect(t.last(id)?.eventType).toBe('DISCONNECTED');
    expect(t.of(cb)[0].detail).toMatchObject({ initiationMethod: 'CALLBACK', previousContactId: id });
    t.advance(30);
    expect(t.last(cb)?.eventType).toBe('QUEUED');
  });

  it('the agent dials out: OUTBOUND with agentInfo and no queueInfo', async () => {
    await t.agentApi('PUT', '/emulator/agents/bob/status', { Status: 'Available' });
    const bobContacts = (await t.agentApi('GET', '/emulator/agents/bob/contacts')).json.Contacts;
    for (const c of bobContacts ?? [])
      await t.agentApi('POST', `/emulator/agents/bob/contacts/${c.ContactId}/accept`);
    const res = await t.agentApi('POST', '/emulator/agents/ann/outbound', {
      DestinationPhoneNumber: '+15550100777',
    });
    expect(res.status).toBe(200);
    const id = res.json.ContactId as string;
    expect(t.of(id)[0].detail).toMatchObject({ initiationMethod: 'OUTBOUND', agentInfo: expect.any(Object) });
    expect(t.of(id)[0].detail.queueInfo).toBeUndefined();
    t.advance(5);
    expect(t.types(id)).toEqual(['INITIATED', 'CONNECTED_TO_SYSTEM']);
  });
});

describe('the clock route', () => {
  it('is not served unless asked for', async () => {
    const t = await startTestApi();
    try {
      const res = await fetch(`${t.url}/emulator/clock/advance`, { method: 'POST', body: '{"Seconds":1}' });
      expect(res.status).toBe(404);
    } finally {
      await t.close();
    }
  });
});
