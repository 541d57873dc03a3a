import {
  DescribeContactCommand,
  ServiceQuotaExceededException,
  StartChatContactCommand,
  StartTaskContactCommand,
  TransferContactCommand,
  UpdateContactAttributesCommand,
} from '@aws-sdk/client-connect';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INSTANCE_ID, startTestApi, type TestApi } from './connect-api.test-helpers.js';

/** Contacts linked by PreviousContactId share their attributes; by RelatedContactId they copy them once. */
describe('linked contacts through the AWS SDK', () => {
  let t: TestApi;
  beforeAll(async () => {
    t = await startTestApi();
  });
  afterAll(async () => {
    await t.close();
  });

  const startTask = async (links: { PreviousContactId?: string; RelatedContactId?: string } = {}) => {
    const out = await t.client.send(
      new StartTaskContactCommand({
        InstanceId: INSTANCE_ID,
        ContactFlowId: t.flowId('ToQ1'),
        Name: 'follow-up',
        Attributes: { step: String(t.events.length) },
        ...links,
      }),
    );
    return out.ContactId as string;
  };
  const attributesOf = async (contactId: string) => {
    const out = await t.client.send(
      new DescribeContactCommand({ InstanceId: INSTANCE_ID, ContactId: contactId }),
    );
    return (out.Contact as { Attributes?: Record<string, string> } | undefined)?.Attributes;
  };
  const update = (contactId: string, attributes: Record<string, string>) =>
    t.client.send(
      new UpdateContactAttributesCommand({
        InstanceId: INSTANCE_ID,
        InitialContactId: contactId,
        Attributes: attributes,
      }),
    );
  const updates = (contactId: string) =>
    t.of(contactId).filter((e) => e.detail.updatedProperties?.includes('UserDefinedAttributes')).length;

  it('RelatedContactId copies the related contact’s attributes; later updates stay with each contact', async () => {
    const first = await startTask();
    await update(first, { orderId: '42' });
    const chat = await t.client.send(
      new StartChatContactCommand({
        InstanceId: INSTANCE_ID,
        ContactFlowId: t.flowId('ToQ1'),
        ParticipantDetails: { DisplayName: 'Ada' },
        RelatedContactId: first,
        Attributes: { channel: 'chat' },
      }),
    );
    const related = chat.ContactId as string;
    expect(await attributesOf(related)).toMatchObject({ orderId: '42', channel: 'chat' });
    expect(t.of(related)[0].detail.relatedContactId).toBe(first);

    await update(related, { orderId: '43' });
    expect((await attributesOf(first))?.orderId).toBe('42');
    await update(first, { orderId: '44' });
    expect((await attributesOf(related))?.orderId).toBe('43');
  });

  it('PreviousContactId: an update on any contact of the chain reaches every one, each with its event', async () => {
    const first = await startTask();
    const second = await startTask({ PreviousContactId: first });
    const third = await startTask({ PreviousContactId: first });
    const before = [first, second, third].map(updates);

    await update(third, { priority: 'high' });
    for (const id of [first, second, third]) expect((await attributesOf(id))?.priority).toBe('high');
    expect([first, second, third].map(updates)).toEqual(before.map((n) => n + 1));

    await update(first, { owner: 'ann' });
    for (const id of [first, second, third]) expect((await attributesOf(id))?.owner).toBe('ann');
    // Each keeps the attributes it was started with.
    expect((await attributesOf(second))?.step).not.toBe((await attributesOf(third))?.step);
  });

  it('a task given both ids carries both links', async () => {
    const previous = await startTask();
    const related = await startTask();
    const both = await startTask({ PreviousContactId: previous, RelatedContactId: related });
    expect(t.of(both)[0].detail).toMatchObject({
      previousContactId: previous,
      initialContactId: previous,
      relatedContactId: related,
    });
  });

  it('refuses a thirteenth task linked to the same previous contact with ServiceQuotaExceededException', async () => {
    const first = await startTask();
    for (let i = 0; i < 12; i++) await startTask({ PreviousContactId: first });
    const before = t.events.length;
    const refused = await startTask({ PreviousContactId: first }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ServiceQuotaExceededException);
    expect((refused as Error).message).toMatch(/already has 12 tasks linked/);
    expect(t.events.length).toBe(before);
  });

  it('after a transfer, an update by the initial contact id reaches the transferred contact', async () => {
    const original = await startTask();
    t.advance(2);
    await t.agentApi('POST', `/emulator/agents/ann/contacts/${original}/accept`);
    const transfer = await t.client.send(
      new TransferContactCommand({
        InstanceId: INSTANCE_ID,
        ContactId: original,
        ContactFlowId: t.flowId('ToQ2'),
        QueueId: t.queueId('Q2'),
      }),
    );
    const transferred = transfer.ContactId as string;
    const before = updates(transferred);
    await update(original, { note: 'VIP' });
    expect((await attributesOf(transferred))?.note).toBe('VIP');
    expect(updates(transferred)).toBe(before + 1);
    expect((await attributesOf(original))?.note).toBe('VIP');
  });
});
