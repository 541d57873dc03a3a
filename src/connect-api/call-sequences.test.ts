import {
  PauseContactCommand,
  ResumeContactCommand,
  StartTaskContactCommand,
  StopContactCommand,
  TagContactCommand,
  TransferContactCommand,
  UntagContactCommand,
  UpdateContactAttributesCommand,
  UpdateContactScheduleCommand,
} from '@aws-sdk/client-connect';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkContactEvent } from '../model/index.js';
import { INSTANCE_ID, startTestApi, type TestApi } from './connect-api.test-helpers.js';

/** The exceptions a well-formed call may get for a contact in the wrong state. */
const STATE_ERRORS = new Set([
  'InvalidRequestException',
  'InvalidParameterException',
  'LimitExceededException',
  'ResourceNotFoundException',
  'ContactNotFoundException',
]);

type Step =
  | { kind: 'sdk'; op: string }
  | { kind: 'agent'; action: 'accept' | 'end' | 'complete-acw' }
  | { kind: 'advance'; seconds: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('sdk' as const),
    op: fc.constantFrom('pause', 'resume', 'stop', 'tag', 'untag', 'attributes', 'schedule', 'transfer'),
  }),
  fc.record({
    kind: fc.constant('agent' as const),
    action: fc.constantFrom('accept', 'end', 'complete-acw'),
  }),
  fc.record({ kind: fc.constant('advance' as const), seconds: fc.integer({ min: 0, max: 30 }) }),
);

describe('any sequence of calls on a task', () => {
  let t: TestApi;
  beforeAll(async () => {
    t = await startTestApi();
  });
  afterAll(async () => {
    await t.close();
  });

  const send = (op: string, id: string) => {
    const ref = { InstanceId: INSTANCE_ID, ContactId: id };
    switch (op) {
      case 'pause':
        return t.client.send(new PauseContactCommand(ref));
      case 'resume':
        return t.client.send(new ResumeContactCommand(ref));
      case 'stop':
        return t.client.send(new StopContactCommand(ref));
      case 'tag':
        return t.client.send(new TagContactCommand({ ...ref, Tags: { k: 'v' } }));
      case 'untag':
        return t.client.send(new UntagContactCommand({ ...ref, TagKeys: ['k'] }));
      case 'attributes':
        return t.client.send(
          new UpdateContactAttributesCommand({
            InstanceId: INSTANCE_ID,
            InitialContactId: id,
            Attributes: { a: '1' },
          }),
        );
      case 'schedule':
        return t.client.send(
          new UpdateContactScheduleCommand({
            ...ref,
            ScheduledTime: new Date(t.engine.clock.now() + 60_000),
          }),
        );
      default:
        return t.client.send(
          new TransferContactCommand({ ...ref, ContactFlowId: t.flowId('ToQ2'), QueueId: 'Q2' }),
        );
    }
  };

  it('never answers 5xx, and the contact events stay valid and in lifecycle order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
        const { ContactId } = await t.client.send(
          new StartTaskContactCommand({
            InstanceId: INSTANCE_ID,
            ContactFlowId: t.flowId('ToQ1'),
            Name: 'prop',
          }),
        );
        const id = ContactId as string;
        for (const s of steps) {
          if (s.kind === 'advance') t.advance(s.seconds);
          else if (s.kind === 'agent') {
            const res = await t.agentApi('POST', `/emulator/agents/ann/contacts/${id}/${s.action}`);
            expect(res.status).toBeLessThan(500);
          } else {
            await send(s.op, id).catch((e: Error) => expect(STATE_ERRORS).toContain(e.name));
          }
        }
        // End the contact and free the agent so that every run starts from the same center.
        await send('stop', id).catch(() => undefined);
        await t.agentApi('POST', `/emulator/agents/ann/contacts/${id}/complete-acw`);
        for (const c of t.engine.center.findAgent('ann')?.contacts ?? []) {
          await send('stop', c.id).catch(() => undefined);
          await t.agentApi('POST', `/emulator/agents/ann/contacts/${c.id}/complete-acw`);
        }
        t.advance(0);
        const types = t.types(id);
        expect(types[0]).toBe('INITIATED');
        expect(types.filter((x) => x === 'DISCONNECTED')).toHaveLength(1);
        const disconnectedAt = types.indexOf('DISCONNECTED');
        expect(types.slice(disconnectedAt + 1).every((x) => x === 'COMPLETED')).toBe(true);
        const pauses = types.filter((x) => x === 'PAUSED' || x === 'RESUMED');
        expect(pauses).toEqual(pauses.map((_, i) => (i % 2 === 0 ? 'PAUSED' : 'RESUMED')));
        for (const e of t.of(id)) expect(checkContactEvent(e).errors).toEqual([]);
      }),
      { numRuns: 25 },
    );
  });
});
