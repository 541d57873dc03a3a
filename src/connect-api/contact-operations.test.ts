import {
  DescribeContactCommand,
  StartChatContactCommand,
  StartOutboundVoiceContactCommand,
  StartTaskContactCommand,
  StopContactCommand,
  TagContactCommand,
  TransferContactCommand,
  UntagContactCommand,
  UpdateContactAttributesCommand,
  UpdateContactRoutingDataCommand,
} from '@aws-sdk/client-connect';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkContactEvent } from '../model/index.js';
import { INSTANCE_ID, startTestApi, type TestApi } from './connect-api.test-helpers.js';

describe('contact operations through the AWS SDK', () => {
  let t: TestApi;
  beforeAll(async () => {
    t = await startTestApi();
  });
  afterAll(async () => {
    await t.close();
  });

  const ref = (contactId: string) => ({ InstanceId: INSTANCE_ID, ContactId: contactId });
  const queuedTask = async (flow = 'ToQ1') => {
    const out = await t.client.send(
      new StartTaskContactCommand({ InstanceId: INSTANCE_ID, ContactFlowId: t.flowId(flow), Name: 'task' }),
    );
    t.advance(2);
    return out.ContactId as string;
  };

  it('StartChatContact: INITIATED and CONNECTED_TO_SYSTEM, then QUEUED after the flow; a participant token', async () => {
    const out = await t.client.send(
      new StartChatContactCommand({
        InstanceId: INSTANCE_ID,
        ContactFlowId: t.flowId('ToQ2'),
        ParticipantDetails: { DisplayName: 'Jane' },
        Attributes: { topic: 'billing' },
        SegmentAttributes: { 'connect:Subtype': { ValueString: 'connect:SMS' } },
      }),
    );
    const id = out.ContactId as string;
    expect(out.ParticipantId).toEqual(expect.any(String));
    expect(out.ParticipantToken).toEqual(expect.any(String));
    expect(t.types(id)).toEqual(['INITIATED', 'CONNECTED_TO_SYSTEM']);
    expect(t.of(id)[0].detail).toMatchObject({
      channel: 'CHAT',
      initiationMethod: 'API',
      segmentAttributes: { 'connect:Subtype': { valueString: 'connect:SMS' } },
    });
    t.advance(1);
    expect(t.last(id)).toMatchObject({ eventType: 'QUEUED', queueInfo: { queueType: 'STANDARD' } });
  });

  it('StartOutboundVoiceContact: INITIATED, CONNECTED_TO_SYSTEM when the customer answers, then the flow queues it', async () => {
    const out = await t.client.send(
      new StartOutboundVoiceContactCommand({
        InstanceId: INSTANCE_ID,
        ContactFlowId: t.flowId('ToQ2'),
        DestinationPhoneNumber: '+15550100999',
        Attributes: { reason: 'renewal' },
      }),
    );
    const id = out.ContactId as string;
    expect(t.types(id)).toEqual(['INITIATED']);
    expect(t.last(id)).toMatchObject({ channel: 'VOICE', initiationMethod: 'API' });
    t.advance(5);
    expect(t.types(id)).toEqual(['INITIATED', 'CONNECTED_TO_SYSTEM']);
    t.advance(1);
    expect(t.types(id)).toEqual(['INITIATED', 'CONNECTED_TO_SYSTEM', 'QUEUED']);
  });

  it('StartOutboundVoiceContact for a campaign: CONNECTED_TO_SYSTEM carries the AMD status and the campaign', async () => {
    const out = await t.client.send(
      new StartOutboundVoiceContactCommand({
        InstanceId: INSTANCE_ID,
        ContactFlowId: t.flowId('ToQ2'),
        DestinationPhoneNumber: '+15550100888',
        TrafficType: 'CAMPAIGN',
        CampaignId: 'spring-renewals',
        AnswerMachineDetectionConfig: { EnableAnswerMachineDetection: true },
      }),
    );
    const id = out.ContactId as string;
    t.advance(10);
    expect(t.types(id)).toEqual(['INITIATED', 'CONNECTED_TO_SYSTEM', 'QUEUED']);
    expect(t.of(id)[1].detail).toMatchObject({
      campaign: { campaignId: 'spring-renewals' },
      answeringMachineDetectionStatus: 'HUMAN_ANSWERED',
      customerVoiceActivity: { greetingStartTimestamp: expect.any(String) },
    });
  });

  it('a repeated ClientToken gets the first answer and starts no second contact', async () => {
    const input = {
      InstanceId: INSTANCE_ID,
      ContactFlowId: t.flowId('ToQ1'),
      Name: 'once',
      ClientToken: 'retry-token-1',
    };
    const first = await t.client.send(new StartTaskContactCommand(input));
    const before = t.events.length;
    const again = await t.client.send(new StartTaskContactCommand(input));
    expect(again.ContactId).toBe(first.ContactId);
    expect(t.events.length).toBe(before);
    const reused = await t.client
      .send(
        new StartChatContactCommand({
          InstanceId: INSTANCE_ID,
          ContactFlowId: t.flowId('ToQ1'),
          ParticipantDetails: { DisplayName: 'x' },
          ClientToken: 'retry-token-1',
        }),
      )
      .catch((e: Error) => e);
    expect((reused as Error).name).toBe('IdempotencyException');
    t.advance(2);
  });

  it('TransferContact: a new TRANSFER contact pointing to the previous and initial contacts; the old one disconnects', async () => {
    const id = await queuedTask();
    await t.agentApi('POST', `/emulator/agents/ann/contacts/${id}/accept`);
    const out = await t.client.send(
      new TransferContactCommand({ ...ref(id), ContactFlowId: t.flowId('ToQ2'), QueueId: t.queueId('Q2') }),
    );
    const next = out.ContactId as string;
    expect(next).not.toBe(id);
    expect(out.ContactArn).toMatch(new RegExp(`/contact/${next}$`));
    expect(t.last(id)?.eventType).toBe('DISCONNECTED');
    expect(t.of(next)[0].detail).toMatchObject({
      eventType: 'INITIATED',
      initiationMethod: 'TRANSFER',
      previousContactId: id,
      initialContactId: id,
    });
    t.advance(1);
    expect(t.last(next)).toMatchObject({ eventType: 'QUEUED' });
    const { Contact } = await t.client.send(new DescribeContactCommand(ref(next)));
    expect(Contact).toMatchObject({
      PreviousContactId: id,
      InitialContactId: id,
      InitiationMethod: 'TRANSFER',
    });
  });

  it('UpdateContactAttributes, TagContact and UntagContact each emit CONTACT_DATA_UPDATED', async () => {
    const id = await queuedTask();
    await t.client.send(
      new UpdateContactAttributesCommand({
        InstanceId: INSTANCE_ID,
        InitialContactId: id,
        Attributes: { vip: 'yes' },
      }),
    );
    expect(t.last(id)).toMatchObject({
      eventType: 'CONTACT_DATA_UPDATED',
      updatedProperties: ['UserDefinedAttributes'],
    });
    await t.client.send(new TagContactCommand({ ...ref(id), Tags: { Dept: 'Sales', Tier: 'Gold' } }));
    expect(t.last(id)).toMatchObject({
      eventType: 'CONTACT_DATA_UPDATED',
      updatedProperties: ['Tags'],
      tags: { Dept: 'Sales', Tier: 'Gold', 'aws:connect:instanceId': INSTANCE_ID },
    });
    await t.client.send(new UntagContactCommand({ ...ref(id), TagKeys: ['Dept', 'Tier'] }));
    expect(t.last(id)?.tags).toEqual({ 'aws:connect:instanceId': INSTANCE_ID });
    const { Contact } = await t.client.send(new DescribeContactCommand(ref(id)));
    expect(Contact?.Attributes).toEqual({ vip: 'yes' });
  });

  it('UpdateContactRoutingData: new routing criteria become the active step (camelCase in the event)', async () => {
    await t.agentApi('PUT', '/emulator/agents/ann/status', { Status: 'Offline' });
    const id = await queuedTask();
    await t.client.send(
      new UpdateContactRoutingDataCommand({
        ...ref(id),
        QueuePriority: 1,
        QueueTimeAdjustmentSeconds: 30,
        RoutingCriteria: {
          Steps: [
            {
              Expiry: { DurationInSeconds: 20 },
              Expression: {
                AttributeCondition: {
                  ComparisonOperator: 'Match',
                  MatchCriteria: { AgentsCriteria: { AgentIds: [t.agentId('bob')] } },
                },
              },
            },
          ],
        },
      }),
    );
    const d = t.last(id);
    expect(d).toMatchObject({
      eventType: 'CONTACT_DATA_UPDATED',
      updatedProperties: ['RoutingCriteria.Step.Status'],
    });
    expect(d?.routingCriteria?.steps[0]).toMatchObject({
      status: 'ACTIVE',
      expiry: { durationInSeconds: 20 },
      expression: {
        attributeCondition: { matchCriteria: { agentsCriteria: { agentIds: [t.agentId('bob')] } } },
      },
    });
    t.advance(20);
    expect(t.last(id)?.routingCriteria?.steps[0].status).toBe('EXPIRED');
    await t.agentApi('PUT', '/emulator/agents/ann/status', { Status: 'Available' });
  });
});

describe('routing conditions through the AWS SDK', () => {
  it('UpdateContactRoutingData: Range and NotAttributeCondition decide which agent may take the contact', async () => {
    // An API of its own: ann must have free slots, whatever the other tests left with her.
    const t = await startTestApi();
    const ref = (contactId: string) => ({ InstanceId: INSTANCE_ID, ContactId: contactId });
    const french = { Name: 'Language', Value: 'French' };
    const annHolds = async (id: string) =>
      ((await t.agentApi('GET', '/emulator/agents/ann/contacts')).json.Contacts ?? []).some(
        (c) => c.ContactId === id,
      );
    const cases = [
      // ann's French is 4: outside 1-3, inside 4-5; a NOT of "at least 4" leaves her out.
      {
        expression: {
          AttributeCondition: {
            ...french,
            ComparisonOperator: 'Range',
            Range: { MinProficiencyLevel: 1, MaxProficiencyLevel: 3 },
          },
        },
        takes: false,
      },
      {
        expression: {
          AttributeCondition: {
            ...french,
            ComparisonOperator: 'Range',
            Range: { MinProficiencyLevel: 4, MaxProficiencyLevel: 5 },
          },
        },
        takes: true,
      },
      {
        expression: {
          NotAttributeCondition: {
            ...french,
            ComparisonOperator: 'NumberGreaterOrEqualTo',
            ProficiencyLevel: 4,
          },
        },
        takes: false,
      },
    ];
    for (const { expression, takes } of cases) {
      await t.agentApi('PUT', '/emulator/agents/ann/status', { Status: 'Offline' });
      const started = await t.client.send(
        new StartTaskContactCommand({
          InstanceId: INSTANCE_ID,
          ContactFlowId: t.flowId('ToQ1'),
          Name: 'task',
        }),
      );
      t.advance(2);
      const id = started.ContactId as string;
      await t.client.send(
        new UpdateContactRoutingDataCommand({
          ...ref(id),
          RoutingCriteria: { Steps: [{ Expiry: { DurationInSeconds: 30 }, Expression: expression }] },
        }),
      );
      const step = t.last(id)?.routingCriteria?.steps[0];
      if (expression.AttributeCondition)
        expect(step?.expression.attributeCondition?.range).toEqual({
          minProficiencyLevel: expression.AttributeCondition.Range.MinProficiencyLevel,
          maxProficiencyLevel: expression.AttributeCondition.Range.MaxProficiencyLevel,
        });
      else expect(step?.expression.notAttributeCondition?.proficiencyLevel).toBe(4);
      await t.agentApi('PUT', '/emulator/agents/ann/status', { Status: 'Available' });
      expect(await annHolds(id)).toBe(takes);
      // Once the only step expires, any agent of the queue may take it.
      t.advance(30);
      expect(await annHolds(id)).toBe(true);
      await t.client.send(new StopContactCommand(ref(id)));
      expect(await annHolds(id)).toBe(false);
      expect(t.of(id).every((e) => checkContactEvent(e).ok)).toBe(true);
    }
    await t.agentApi('PUT', '/emulator/agents/ann/status', { Status: 'Offline' });
    const id = (
      await t.client.send(
        new StartTaskContactCommand({
          InstanceId: INSTANCE_ID,
          ContactFlowId: t.flowId('ToQ1'),
          Name: 'task',
        }),
      )
    ).ContactId as string;
    t.advance(2);
    const crossed = new UpdateContactRoutingDataCommand({
      ...ref(id),
      RoutingCriteria: {
        Steps: [
          {
            Expression: {
              AttributeCondition: {
                ...french,
                ComparisonOperator: 'Range',
                Range: { MinProficiencyLevel: 5, MaxProficiencyLevel: 2 },
              },
            },
          },
        ],
      },
    });
    await expect(t.client.send(crossed)).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: expect.stringContaining('range: minProficiencyLevel 5 is above maxProficiencyLevel 2'),
    });
    await t.close();
  });
});
