import {
  type ContactFlowType,
  ContactNotFoundException,
  DescribeContactCommand,
  InvalidParameterException,
  InvalidRequestException,
  ListAgentStatusesCommand,
  ListContactFlowsCommand,
  ListInstancesCommand,
  PutUserStatusCommand,
  ResourceNotFoundException,
  StartChatContactCommand,
  StartOutboundVoiceContactCommand,
  StartTaskContactCommand,
  StopContactCommand,
  TagContactCommand,
  TransferContactCommand,
  UntagContactCommand,
  UpdateContactScheduleCommand,
} from '@aws-sdk/client-connect';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INSTANCE_ID, startTestApi, type TestApi } from './connect-api.test-helpers.js';

const fail = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('the call succeeded');
    },
    (e: unknown) => e as Error & { $metadata: { httpStatusCode?: number } },
  );

describe('errors as the AWS SDK sees them', () => {
  let t: TestApi;
  beforeAll(async () => {
    t = await startTestApi();
  });
  afterAll(async () => {
    await t.close();
  });

  const task = (instanceId = INSTANCE_ID, flow = t.flowId('ToQ1')) =>
    t.client.send(new StartTaskContactCommand({ InstanceId: instanceId, ContactFlowId: flow, Name: 'x' }));

  it('an unknown instance, flow or contact is ResourceNotFoundException (404)', async () => {
    const unknownInstance = await fail(task('00000000-0000-0000-0000-000000000000'));
    expect(unknownInstance).toBeInstanceOf(ResourceNotFoundException);
    expect(unknownInstance.$metadata.httpStatusCode).toBe(404);
    expect(await fail(task(INSTANCE_ID, 'no-such-flow'))).toBeInstanceOf(ResourceNotFoundException);
    const unknownContact = await fail(
      t.client.send(new DescribeContactCommand({ InstanceId: INSTANCE_ID, ContactId: 'no-such-contact' })),
    );
    expect(unknownContact).toBeInstanceOf(ResourceNotFoundException);
    expect(unknownContact.message).toMatch(/no-such-contact/);
    expect(t.events).toEqual([]);
  });

  it('a missing or malformed member is InvalidParameterException naming it', async () => {
    const missing = await fail(
      t.client.send(
        new StartChatContactCommand({
          InstanceId: INSTANCE_ID,
          ParticipantDetails: { DisplayName: 'x' },
        } as never),
      ),
    );
    expect(missing).toBeInstanceOf(InvalidParameterException);
    expect(missing.message).toMatch(/'ContactFlowId' failed to satisfy constraint: Member must not be null/);
    const phone = await fail(
      t.client.send(
        new StartOutboundVoiceContactCommand({
          InstanceId: INSTANCE_ID,
          ContactFlowId: t.flowId('ToQ1'),
          DestinationPhoneNumber: '555-0100',
        }),
      ),
    );
    expect(phone).toBeInstanceOf(InvalidParameterException);
    expect(phone.message).toMatch(/'DestinationPhoneNumber'/);
    const far = await fail(
      t.client.send(
        new StartTaskContactCommand({
          InstanceId: INSTANCE_ID,
          ContactFlowId: t.flowId('ToQ1'),
          Name: 'later',
          ScheduledTime: new Date(t.engine.clock.now() + 7 * 86_400_000),
        }),
      ),
    );
    expect(far).toBeInstanceOf(InvalidParameterException);
  });

  it('the API reference’s limits are InvalidParameterException: tags, list pages, flow types, one way to a flow', async () => {
    const { ContactId } = await task();
    const ref = { InstanceId: INSTANCE_ID, ContactId };
    const seven = Object.fromEntries(['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((k) => [k, 'v']));
    const refused = [
      new TagContactCommand({ ...ref, Tags: seven }),
      new TagContactCommand({ ...ref, Tags: { 'bad key!': 'v' } }),
      new TagContactCommand({ ...ref, Tags: { 'aws:connect:instanceId': 'v' } }),
      new UntagContactCommand({ ...ref, TagKeys: Object.keys(seven) }),
      new ListInstancesCommand({ MaxResults: 11 }),
      new ListAgentStatusesCommand({ InstanceId: INSTANCE_ID, MaxResults: 101 }),
      new ListContactFlowsCommand({
        InstanceId: INSTANCE_ID,
        ContactFlowTypes: ['BOGUS' as ContactFlowType],
      }),
      new StartTaskContactCommand({
        InstanceId: INSTANCE_ID,
        ContactFlowId: t.flowId('ToQ1'),
        TaskTemplateId: 'template-1',
        Name: 'two flows',
      }),
    ];
    const before = t.events.length;
    for (const command of refused) {
      const error = await fail(t.client.send(command as never));
      expect(error, command.constructor.name).toBeInstanceOf(InvalidParameterException);
    }
    expect(t.events.length).toBe(before);
    const fractional = await fetch(`${t.url}/instance?maxResults=1.5`);
    expect(fractional.headers.get('x-amzn-errortype')).toBe('InvalidParameterException');
    expect(await fractional.text()).toMatch(/Value '1.5' at 'maxResults'/);
    // Within the limits the same calls succeed.
    await t.client.send(new TagContactCommand({ ...ref, Tags: { 'team-1/unit.x': 'v' } }));
    await t.client.send(new ListInstancesCommand({ MaxResults: 10 }));
    await t.client.send(
      new ListContactFlowsCommand({ InstanceId: INSTANCE_ID, ContactFlowTypes: ['CONTACT_FLOW'] }),
    );
  });

  it('a call the contact state does not allow is InvalidRequestException; stopping an ended call is ContactNotFoundException', async () => {
    const { ContactId } = await task();
    const ref = { InstanceId: INSTANCE_ID, ContactId: ContactId as string };
    const noTarget = await fail(
      t.client.send(new TransferContactCommand({ ...ref, ContactFlowId: t.flowId('ToQ2') })),
    );
    expect(noTarget).toBeInstanceOf(InvalidRequestException);
    const notScheduled = await fail(
      t.client.send(
        new UpdateContactScheduleCommand({ ...ref, ScheduledTime: new Date(t.engine.clock.now()) }),
      ),
    );
    expect(notScheduled).toBeInstanceOf(InvalidRequestException);
    await t.client.send(new StopContactCommand(ref));
    expect(await fail(t.client.send(new StopContactCommand(ref)))).toBeInstanceOf(InvalidRequestException);

    const call = await t.client.send(
      new StartOutboundVoiceContactCommand({
        InstanceId: INSTANCE_ID,
        ContactFlowId: t.flowId('Hangup'),
        DestinationPhoneNumber: '+15550100999',
      }),
    );
    const callRef = { InstanceId: INSTANCE_ID, ContactId: call.ContactId as string };
    await t.client.send(new StopContactCommand(callRef));
    const gone = await fail(t.client.send(new StopContactCommand(callRef)));
    expect(gone).toBeInstanceOf(ContactNotFoundException);
    expect(gone.$metadata.httpStatusCode).toBe(410);
  });

  it('an unknown agent status is ResourceNotFoundException', async () => {
    const e = await fail(
      t.client.send(
        new PutUserStatusCommand({ InstanceId: INSTANCE_ID, UserId: 'ann', AgentStatusId: 'Lunch' }),
      ),
    );
    expect(e).toBeInstanceOf(ResourceNotFoundException);
  });

  it('answers with the x-amzn-ErrorType header and a JSON message; bad JSON is SerializationException', async () => {
    const res = await fetch(`${t.url}/contacts/${INSTANCE_ID}/nope`);
    expect(res.status).toBe(404);
    expect(res.headers.get('x-amzn-errortype')).toBe('ResourceNotFoundException');
    expect(res.headers.get('x-amzn-requestid')).toEqual(expect.any(String));
    expect(await res.json()).toEqual({ Message: expect.stringMatching(/nope/), message: expect.any(String) });

    const bad = await fetch(`${t.url}/contact/task`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: '{"InstanceId":',
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('x-amzn-errortype')).toBe('SerializationException');
  });
});

describe('the request hooks', () => {
  it('an authenticate hook refuses with the exception it names', async () => {
    const seen: string[] = [];
    const t = await startTestApi({
      authenticate: (request) => {
        seen.push(`${request.method} ${request.url} ${request.body.length}`);
        throw Object.assign(new Error('The request signature does not match.'), {
          code: 'InvalidSignatureException',
          statusCode: 403,
        });
      },
    });
    try {
      const e = await fail(
        t.client.send(
          new StartTaskContactCommand({ InstanceId: INSTANCE_ID, ContactFlowId: 'ToQ1', Name: 'x' }),
        ),
      );
      expect(e.name).toBe('InvalidSignatureException');
      expect(e.$metadata.httpStatusCode).toBe(403);
      expect(seen).toEqual([expect.stringMatching(/^PUT \/contact\/task [1-9]\d*$/)]);
      expect(t.engine.center.agents.size).toBe(2);
      expect(t.events).toEqual([]);
    } finally {
      await t.close();
    }
  });

  it('a sink that fails does not fail the call', async () => {
    const t = await startTestApi({ failingSink: true });
    try {
      const out = await t.client.send(
        new StartTaskContactCommand({ InstanceId: INSTANCE_ID, ContactFlowId: t.flowId('ToQ1'), Name: 'x' }),
      );
      expect(out.ContactId).toEqual(expect.any(String));
    } finally {
      await t.close();
    }
  });
});
