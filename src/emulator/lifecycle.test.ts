import { describe, expect, it } from 'vitest';
import { type ContactEventEnvelope, checkContactEvent } from '../model/index.js';
import { INSTANCE, testEmulator } from './emulator.test-helpers.js';
import { InvalidParameterError, InvalidRequestError, ResourceNotFoundError } from './errors.js';
import { AMD_STATUSES, DISCONNECT_REASONS } from './event-types.js';
import { PLACEHOLDER_TIMESTAMP, QuirkySink } from './quirks.js';

function expectValid(events: { detail: unknown }[]): void {
  for (const e of events) {
    const r = checkContactEvent(e);
    expect(r.errors, JSON.stringify(e)).toEqual([]);
    expect(r.warnings, JSON.stringify(e)).toEqual([]);
  }
}

describe('inbound voice', () => {
  it('INITIATED -> QUEUED -> CONNECTED_TO_AGENT -> DISCONNECTED -> COMPLETED with cumulative fields', () => {
    const t = testEmulator();
    const { contactId } = t.emulator.startInboundVoiceContact({ ...INSTANCE, contactFlowId: 'ToQ1' });
    t.advance(5);
    expect(t.types(contactId)).toEqual(['INITIATED', 'QUEUED']);
    const ann = t.agent('ann');
    expect(() => t.emulator.accept({ ...INSTANCE, contactId: 'nope' })).toThrow(ResourceNotFoundError);
    t.emulator.accept({ ...INSTANCE, contactId });
    t.advance(10);
    t.emulator.hold({ ...INSTANCE, contactId });
    t.advance(20);
    t.emulator.resumeHold({ ...INSTANCE, contactId });
    t.emulator.end({ ...INSTANCE, contactId });
    t.advance(30);
    t.emulator.completeAfterContactWork({ ...INSTANCE, contactId });
    t.advance(1);
    expect(t.types(contactId)).toEqual([
      'INITIATED',
      'QUEUED',
      'CONNECTED_TO_AGENT',
      'DISCONNECTED',
      'COMPLETED',
    ]);
    const [init, queued, connected, disc, done] = t.of(contactId).map((e) => e.detail);
    expect(init.initiationMethod).toBe('INBOUND');
    expect(init.tags['aws:connect:systemEndpoint']).toBeDefined();
    expect(queued.queueInfo?.queueType).toBe('STANDARD');
    expect(connected.agentInfo?.agentArn).toContain(ann);
    expect(connected.agentInfo?.hierarchyGroups?.level2?.arn).toContain('agent-group/');
    expect(disc.disconnectTimestamp).toBeDefined();
    expect(disc.agentInfo?.agentInitiatedHoldDuration).toBe(20);
    expect(done.agentInfo?.afterContactWorkDuration).toBe(30);
    expect(done.agentInfo?.afterContactWorkEndTimestamp).toBeDefined();
    expect(t.events.every((e) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(e.time))).toBe(true);
    expect(t.events[0].resources).toEqual([
      t.emulator.center.instanceArn,
      `${t.emulator.center.instanceArn}/contact/${contactId}`,
    ]);
    expectValid(t.events);
  });

  it('carries the agent it rings, without a connected time, and the placeholder quirk gives it one', async () => {
    const t = testEmulator();
    const { contactId } = t.emulator.startInboundVoiceContact({ ...INSTANCE, contactFlowId: 'ToQ1' });
    t.advance(6);
    t.emulator.updateContactAttributes({ ...INSTANCE, initialContactId: contactId, attributes: { a: '1' } });
    t.emulator.stopContact({ ...INSTANCE, contactId });
    t.advance(1);
    expect(t.types(contactId)).toEqual(['INITIATED', 'QUEUED', 'CONTACT_DATA_UPDATED', 'DISCONNECTED']);
    const [, queued, ringing, hungUp] = t.of(contactId).map((e) => e.detail);
    expect(queued.agentInfo).toBeUndefined();
    for (const d of [ringing, hungUp]) {
      expect(d.agentInfo?.agentArn).toContain(t.agent('ann'));
      expect(d.agentInfo?.hierarchyGroups?.level1?.arn).toContain('agent-group/');
      expect(d.agentInfo?.connectedToAgentTimestamp).toBeUndefined();
    }
    expectValid(t.events);
    const shaped: ContactEventEnvelope[] = [];
    const sink = new QuirkySink({ publish: (e) => void shaped.push(...e) }, { placeholderTimestamps: 1 });
    await sink.publish(t.of(contactId));
    expect(shaped.map((e) => e.detail.agentInfo?.connectedToAgentTimestamp)).toEqual([
      undefined,
      undefined,
      PLACEHOLDER_TIMESTAMP,
      PLACEHOLDER_TIMESTAMP,
    ]);
  });

  it('attributes updated after DISCONNECTED change the contact without an event before COMPLETED', () => {
    const t = testEmulator();
    const { contactId } = t.emulator.startInboundVoiceContact({ ...INSTANCE, contactFlowId: 'ToQ1' });
    t.advance(6);
    t.emulator.accept({ ...INSTANCE, contactId });
    t.emulator.end({ ...INSTANCE, contactId });
    t.emulator.updateContactAttributes({
      ...INSTANCE,
      initialContactId: contactId,
      attributes: { wrapup: 'sale' },
    });
    t.emulator.completeAfterContactWork({ ...INSTANCE, contactId });
    t.advance(1);
    expect(t.types(contactId).slice(-2)).toEqual(['DISCONNECTED', 'COMPLETED']);
    expect(t.emulator.describeContact({ ...INSTANCE, contactId }).Attributes.wrapup).toBe('sale');
  });

  it('abandons when the customer hangs up in queue, and the flow can disconnect', () => {
    const t = testEmulator();
    t.emulator.setAgentStatus({ ...INSTANCE, userId: t.agent('ann'), agentStatusId: 'Offline' });
    const { contactId } = t.emulator.startInboundVoiceContact({ ...INSTANCE, contactFlowId: 'ToQ1' });
    t.advance(10);
    t.emulator.stopContact({ ...INSTANCE, contactId });
    const hung = t.emulator.startInboundVoiceContact({ ...INSTANCE, contactFlowId: 'Hangup' }).contactId;
    t.advance(10);
    expect(t.types(contactId)).toEqual(['INITIATED', 'QUEUED', 'DISCONNECTED']);
    expect(t.types(hung)).toEqual(['INITIATED', 'DISCONNECTED']);
    expectValid(t.events);
  });
});

describe('chat and tasks', () => {
  it('chat: CONNECTED_TO_SYSTEM, flow updates (attributes, tags, segment attributes, Contact Lens)', () => {
    const t = testEmulator();
    const { contactId } = t.emulator.startChatContact({ ...INSTANCE, contactFlowId: 'Attrs' });
    t.advance(3);
    expect(t.types(contactId).slice(0, 2)).toEqual(['INITIATED', 'CONNECTED_TO_SYSTEM']);
    const updated = t.of(contactId).flatMap((e) => e.detail.updatedProperties ?? []);
    expect(updated).toEqual([
      'UserDefinedAttributes',
      'Tags',
      'Segment Attributes',
      'ContactLens.ConversationalAnalytics.Configuration',
    ]);
    expect(t.of(contactId).at(-1)?.detail.segmentAttributes?.['connect:Subtype'].valueString).toBe(
      'connect:SMS',
    );
    expectValid(t.events);
  });

  it('tasks: scheduled, rescheduled, paused at most 10 times, resumed', () => {
    const t = testEmulator();
    const now = t.emulator.clock.now();
    expect(() =>
      t.emulator.startTaskContact({
        ...INSTANCE,
        contactFlowId: 'ToQ1',
        name: 'x',
        scheduledTime: now + 7 * 86_400_000,
      }),
    ).toThrow(InvalidParameterError);
    const { contactId } = t.emulator.startTaskContact({
      ...INSTANCE,
      contactFlowId: 'ToQ1',
      name: 'call back Mrs X',
      scheduledTime: new Date(now + 600_000),
    });
    t.advance(60);
    t.emulator.updateContactSchedule({ ...INSTANCE, contactId, scheduledTime: now + 1_200_000 });
    t.advance(600);
    expect(t.types(contactId)).toEqual(['INITIATED', 'CONTACT_DATA_UPDATED']);
    t.advance(600);
    t.emulator.accept({ ...INSTANCE, contactId });
    for (let i = 0; i < 10; i++) {
      t.emulator.pauseContact({ ...INSTANCE, contactId });
      t.emulator.resumeContact({ ...INSTANCE, contactId });
    }
    expect(() => t.emulator.pauseContact({ ...INSTANCE, contactId })).toThrow(InvalidRequestError);
    t.advance(1);
    const ev = t.of(contactId);
    expect(ev[1].detail.updatedProperties).toEqual(['ScheduledTimestamp']);
    expect(ev[1].detail.scheduledTimestamp).toBe(new Date(now + 1_200_000).toISOString());
    expect(ev.filter((e) => e.detail.eventType === 'PAUSED')).toHaveLength(10);
    expect(t.types(contactId).slice(2, 5)).toEqual(['CONNECTED_TO_SYSTEM', 'QUEUED', 'CONNECTED_TO_AGENT']);
    expectValid(t.events);
  });

  it('tasks expire: DISCONNECTED when not completed in time', () => {
    const t = testEmulator();
    t.emulator.setAgentStatus({ ...INSTANCE, userId: t.agent('ann'), agentStatusId: 'Offline' });
    const { contactId } = t.emulator.startTaskContact({ ...INSTANCE, contactFlowId: 'ToQ1', name: 'x' });
    t.advance(7 * 86_400);
    expect(t.types(contactId)).toEqual(['INITIATED', 'CONNECTED_TO_SYSTEM', 'QUEUED', 'DISCONNECTED']);
  });
});

describe('transfers, callbacks, monitor, disconnect flows', () => {
  it('transfer and queue transfer create new contacts chained by previous and initial ids', () => {
    const t = testEmulator();
    const first = t.emulator.startChatContact({ ...INSTANCE, contactFlowId: 'ToQ1' }).contactId;
    t.advance(6);
    t.emulator.accept({ ...INSTANCE, contactId: first });
    const second = t.emulator.transferContact({
      ...INSTANCE,
      contactId: first,
      contactFlowId: 'ToQ2',
      userId: t.agent('bob'),
    });
    t.advance(2);
    const third = t.emulator.transferContact({
      ...INSTANCE,
      contactId: second.contactId,
      contactFlowId: 'ToQ2',
      queueId: 'Q2',
    });
    t.advance(2);
    const [a, b] = [t.of(second.contactId)[0].detail, t.of(third.contactId)[0].detail];
    expect(a.initiationMethod).toBe('TRANSFER');
    expect(a.previousContactId).toBe(first);
    expect(a.initialContactId).toBe(first);
    expect(
      t.of(second.contactId).find((e) => e.detail.eventType === 'QUEUED')?.detail.queueInfo?.queueType,
    ).toBe('AGENT');
    expect(b.initiationMethod).toBe('QUEUE_TRANSFER');
    expect(b.previousContactId).toBe(second.contactId);
    expect(b.initialContactId).toBe(first);
    expect(t.types(first)).toContain('DISCONNECTED');
    expectValid(t.events);
  });

  it('queued callback: the call ends, a CALLBACK contact is queued after the delay and dials on accept', () => {
    const t = testEmulator();
    t.emulator.setAgentStatus({ ...INSTANCE, userId: t.agent('ann'), agentStatusId: 'Offline' });
    const { contactId } = t.emulator.startInboundVoiceContact({ ...INSTANCE, contactFlowId: 'ToQ1' });
    t.advance(6);
    const cb = t.emulator.requestCallback({ ...INSTANCE, contactId, delaySeconds: 30 }).contactId;
    t.advance(20);
    expect(t.types(cb)).toEqual(['INITIATED']);
    t.emulator.setAgentStatus({ ...INSTANCE, userId: t.agent('ann'), agentStatusId: 'Available' });
    t.advance(20);
    t.emulator.accept({ ...INSTANCE, contactId: cb });
    t.advance(10);
    expect(t.types(cb)).toEqual(['INITIATED', 'QUEUED', 'CONNECTED_TO_AGENT', 'CONNECTED_TO_SYSTEM']);
    expect(t.of(cb)[0].detail.previousContactId).toBe(contactId);
    expect(t.of(cb)[0].detail.initiationMethod).toBe('CALLBACK');
    expectValid(t.events);
  });

  it('monitor: a MONITOR contact with SILENT_MONITOR then BARGE state transitions', () => {
    const t = testEmulator();
    const { contactId } = t.emulator.startInboundVoiceContact({ ...INSTANCE, contactFlowId: 'ToQ1' });
    t.advance(6);
    t.emulator.accept({ ...INSTANCE, contactId });
    const m = t.emulator.monitorContact({ ...INSTANCE, contactId, userId: t.agent('bob') });
    t.advance(5);
    t.emulator.end({ ...INSTANCE, contactId });
    t.advance(1);
    expect(t.types(m.contactId)).toEqual(['INITIATED', 'CONNECTED_TO_AGENT', 'DISCONNECTED']);
    const last = t.of(m.contactId)[2].detail;
    expect(last.relatedContactId).toBe(contactId);
    expect(last.stateTransitions?.[0].state).toBe('SILENT_MONITOR');
    expect(last.stateTransitions?.[0].stateEndTimestamp).toBe(last.disconnectTimestamp);
    expectValid(t.events);
  });

  it('a disconnect flow creates a DISCONNECT task', () => {
    const t = testEmulator();
    const { contactId } = t.emulator.startInboundVoiceContact({ ...INSTANCE, contactFlowId: 'WithSurvey' });
    t.advance(2);
    t.emulator.stopContact({ ...INSTANCE, contactId });
    t.advance(2);
    const task = t.events.find((e) => e.detail.initiationMethod === 'DISCONNECT');
    expect(task?.detail.channel).toBe('TASK');
    expect(task?.detail.relatedContactId).toBe(contactId);
  });
});

describe('outbound', () => {
  it('agent outbound has agentInfo and no queueInfo', () => {
    const t = testEmulator();
    const { contactId } = t.emulator.startAgentOutbound({
      ...INSTANCE,
      userId: 'ann',
      destinationPhoneNumber: '+15550100200',
    });
    t.advance(10);
    t.emulator.end({ ...INSTANCE, contactId });
    t.emulator.completeAfterContactWork({ ...INSTANCE, contactId });
    t.advance(1);
    expect(t.types(contactId)).toEqual(['INITIATED', 'CONNECTED_TO_SYSTEM', 'DISCONNECTED', 'COMPLETED']);
    expect(t.of(contactId).every((e) => e.detail.queueInfo === undefined && e.detail.agentInfo)).toBe(true);
    expectValid(t.events);
  });

  it.each(AMD_STATUSES)('campaign call with AMD status %s', (status) => {
    const t = testEmulator(() => ({
      startMs: 2000,
      ringMs: 5000,
      answered: true,
      amdStatus: status,
      greetingMs: 1200,
    }));
    const { contactId } = t.emulator.startOutboundVoiceContact({
      ...INSTANCE,
      contactFlowId: 'ToQ1',
      destinationPhoneNumber: '+15550100300',
      campaignId: 'c1',
      trafficType: 'CAMPAIGN',
      answerMachineDetectionConfig: { enableAnswerMachineDetection: true },
    });
    t.advance(20);
    const ev = t.of(contactId);
    expect(ev[0].detail.initiationTimestamp).not.toBe(ev[1].detail.initiationTimestamp);
    expect(ev[1].detail.eventType).toBe('CONNECTED_TO_SYSTEM');
    expect(ev[1].detail.answeringMachineDetectionStatus).toBe(status);
    expect(ev[1].detail.campaign?.campaignId).toBe('c1');
    if (status === 'HUMAN_ANSWERED') {
      expect(ev[1].detail.customerVoiceActivity?.greetingEndTimestamp).toBeDefined();
      expect(t.types(contactId)).toContain('QUEUED');
    } else expect(t.types(contactId).at(-1)).toBe('DISCONNECTED');
    expectValid(t.events);
  });

  it.each(DISCONNECT_REASONS)('campaign call whose media fails with %s', (reason) => {
    const t = testEmulator(() => ({ ringMs: 1000, answered: false, disconnectReason: reason }));
    const { contactId } = t.emulator.startOutboundVoiceContact({
      ...INSTANCE,
      contactFlowId: 'ToQ1',
      destinationPhoneNumber: '+15550100300',
      campaignId: 'c1',
    });
    t.advance(10);
    expect(t.types(contactId)).toEqual(['INITIATED', 'DISCONNECTED']);
    expect(t.of(contactId)[1].detail.disconnectReason).toBe(reason);
    expectValid(t.events);
  });

  it('campaign call with detection off: AMD_DISABLED, then queued', () => {
    const t = testEmulator(() => ({ ringMs: 1000, answered: true }));
    const { contactId } = t.emulator.startOutboundVoiceContact({
      ...INSTANCE,
      contactFlowId: 'ToQ1',
      destinationPhoneNumber: '+15550100300',
      campaignId: 'c1',
      answerMachineDetectionConfig: { enableAnswerMachineDetection: false },
    });
    t.advance(10);
    expect(t.types(contactId)).toEqual(['INITIATED', 'AMD_DISABLED', 'QUEUED']);
  });

  it('campaign call that does not ask for detection: AMD_DISABLED, as with detection off', () => {
    const t = testEmulator(() => ({ ringMs: 1000, answered: true }));
    const { contactId } = t.emulator.startOutboundVoiceContact({
      ...INSTANCE,
      contactFlowId: 'ToQ1',
      destinationPhoneNumber: '+15550100301',
      trafficType: 'CAMPAIGN',
      campaignId: 'c1',
    });
    t.advance(10);
    expect(t.types(contactId)).toEqual(['INITIATED', 'AMD_DISABLED', 'QUEUED']);
    expect(t.of(contactId)[1].detail.answeringMachineDetectionStatus).toBeUndefined();
  });

  it('detection asked for outside a campaign is refused, naming the member, and starts no contact', () => {
    const t = testEmulator();
    expect(() =>
      t.emulator.startOutboundVoiceContact({
        ...INSTANCE,
        contactFlowId: 'ToQ1',
        destinationPhoneNumber: '+15550100302',
        answerMachineDetectionConfig: { enableAnswerMachineDetection: true },
      }),
    ).toThrow(/enableAnswerMachineDetection is true: trafficType must be CAMPAIGN/);
    expect(t.events).toEqual([]);
  });
});

describe('routing', () => {
  it('steps expire one by one; the matching agent JOINS on the second step', () => {
    const t = testEmulator();
    const { contactId } = t.emulator.startChatContact({ ...INSTANCE, contactFlowId: 'French' });
    t.advance(5);
    expect(t.types(contactId)).toEqual(['INITIATED', 'CONNECTED_TO_SYSTEM', 'QUEUED']);
    t.advance(10);
    const expired = t.of(contactId).at(-1)?.detail;
    expect(expired?.updatedProperties).toEqual(['RoutingCriteria.Step.Status']);
    expect(expired?.routingCriteria?.steps.map((s) => s.status)).toEqual(['EXPIRED', 'ACTIVE']);
    t.emulator.accept({ ...INSTANCE, contactId });
    t.advance(1);
    expect(
      t
        .of(contactId)
        .at(-1)
        ?.detail.routingCriteria?.steps.map((s) => s.status),
    ).toEqual(['EXPIRED', 'JOINED']);
    expectValid(t.events);
  });

  it('longest-waiting first, one voice contact per agent, agent status gates routing', () => {
    const t = testEmulator();
    const a = t.emulator.startInboundVoiceContact({ ...INSTANCE, contactFlowId: 'ToQ1' }).contactId;
    t.advance(1);
    const b = t.emulator.startInboundVoiceContact({ ...INSTANCE, contactFlowId: 'ToQ1' }).contactId;
    t.advance(10);
    t.emulator.accept({ ...INSTANCE, contactId: a });
    expect(() => t.emulator.accept({ ...INSTANCE, contactId: b })).toThrow(InvalidRequestError);
    t.emulator.setAgentStatus({ ...INSTANCE, userId: 'bob', agentStatusId: 'Available' });
    t.emulator.accept({ ...INSTANCE, contactId: b });
    t.advance(1);
    expect(t.of(b).at(-1)?.detail.agentInfo?.agentArn).toContain(t.agent('bob'));
  });

  it('queue priority from UpdateContactRoutingData goes before waiting time', () => {
    const t = testEmulator();
    t.emulator.setAgentStatus({ ...INSTANCE, userId: 'ann', agentStatusId: 'Offline' });
    const older = t.emulator.startInboundVoiceContact({ ...INSTANCE, contactFlowId: 'ToQ1' }).contactId;
    t.advance(1);
    const newer = t.emulator.startInboundVoiceContact({ ...INSTANCE, contactFlowId: 'ToQ1' }).contactId;
    t.advance(10);
    t.emulator.updateContactRoutingData({ ...INSTANCE, contactId: newer, queuePriority: 1 });
    t.emulator.setAgentStatus({ ...INSTANCE, userId: 'ann', agentStatusId: 'Available' });
    expect(() => t.emulator.accept({ ...INSTANCE, contactId: older })).toThrow(InvalidRequestError);
    t.emulator.accept({ ...INSTANCE, contactId: newer });
  });

  it('UpdateContactRoutingData replaces the criteria with the next index', () => {
    const t = testEmulator();
    t.emulator.setAgentStatus({ ...INSTANCE, userId: 'ann', agentStatusId: 'Offline' });
    const { contactId } = t.emulator.startChatContact({ ...INSTANCE, contactFlowId: 'ToQ1' });
    t.advance(6);
    t.emulator.updateContactRoutingData({
      ...INSTANCE,
      contactId,
      queuePriority: 1,
      routingCriteria: {
        steps: [
          {
            expression: {
              attributeCondition: {
                name: 'Language',
                value: 'French',
                comparisonOperator: 'NumberGreaterOrEqualTo',
                proficiencyLevel: 2,
              },
            },
          },
        ],
      },
    });
    t.advance(1);
    expect(t.of(contactId).at(-1)?.detail.routingCriteria?.index).toBe(0);
    expect(t.of(contactId).at(-1)?.detail.routingCriteria?.steps[0].status).toBe('ACTIVE');
    expectValid(t.events);
  });
});

describe('API errors and reads', () => {
  it('maps bad input to the error classes', () => {
    const t = testEmulator();
    expect(() => t.emulator.listQueues({ instanceId: 'other' })).toThrow(ResourceNotFoundError);
    expect(() => t.emulator.startChatContact({ ...INSTANCE, contactFlowId: 'missing' })).toThrow(
      ResourceNotFoundError,
    );
    expect(() =>
      t.emulator.startOutboundVoiceContact({
        ...INSTANCE,
        contactFlowId: 'ToQ1',
        destinationPhoneNumber: '555',
      }),
    ).toThrow(InvalidParameterError);
    const { contactId } = t.emulator.startChatContact({ ...INSTANCE, contactFlowId: 'ToQ1' });
    expect(() => t.emulator.tagContact({ ...INSTANCE, contactId, tags: { 'aws:x': 'y' } })).toThrow(
      InvalidParameterError,
    );
    expect(() => t.emulator.resumeContact({ ...INSTANCE, contactId })).toThrow(InvalidRequestError);
  });

  it('tags, untags, describes and lists', () => {
    const t = testEmulator();
    const { contactId } = t.emulator.startChatContact({ ...INSTANCE, contactFlowId: 'ToQ1' });
    t.emulator.tagContact({ ...INSTANCE, contactId, tags: { Dept: 'Finance' } });
    t.emulator.untagContact({ ...INSTANCE, contactId, tagKeys: ['Dept'] });
    t.emulator.updateContactAttributes({ ...INSTANCE, initialContactId: contactId, attributes: { k: 'v' } });
    t.advance(1);
    const upd = t.of(contactId).filter((e) => e.detail.eventType === 'CONTACT_DATA_UPDATED');
    expect(upd.map((e) => e.detail.updatedProperties?.[0])).toEqual([
      'Tags',
      'Tags',
      'UserDefinedAttributes',
    ]);
    expect(upd[0].detail.tags.Dept).toBe('Finance');
    expect(upd[1].detail.tags.Dept).toBeUndefined();
    const d = t.emulator.describeContact({ ...INSTANCE, contactId });
    expect(d.Channel).toBe('CHAT');
    expect(d.Attributes.k).toBe('v');
    expect(t.emulator.listQueues({ ...INSTANCE, queueTypes: ['STANDARD'] }).map((q) => q.name)).toEqual([
      'Q1',
      'Q2',
    ]);
    expect(t.emulator.listUsers(INSTANCE)).toHaveLength(2);
    expect(t.emulator.listContactFlows(INSTANCE).length).toBeGreaterThan(3);
  });
});
