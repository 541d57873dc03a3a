import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ContactEventEnvelope } from '../model/index.js';
import { parseCenter } from './center.js';
import { Emulator } from './emulator.js';
import { INSTANCE, TEST_CENTER_YAML } from './emulator.test-helpers.js';
import { loadScenario, prepareScenario, runScenario } from './run.js';

const HOUR = 3_600_000;

function lines(events: ContactEventEnvelope[]): string {
  return events.map((e) => `${JSON.stringify(e)}\n`).join('');
}

/** The same demo run twice: once as event objects, once as NDJSON written by the engine. */
async function demoBothWays(seed: number, startHour: number, hours: number) {
  const { scenario } = loadScenario('demo');
  const options = {
    scenario: { ...scenario, start: new Date(Date.UTC(2026, 0, 5, startHour)).toISOString() },
    seed,
    durationMs: hours * HOUR,
  };
  const events: ContactEventEnvelope[] = [];
  await runScenario({ ...options, sink: { publish: (batch) => void events.push(...batch) } });
  const chunks: Buffer[] = [];
  let counted = 0;
  const summary = await runScenario({
    ...options,
    sink: {
      publish: () => {
        throw new Error('a sink that takes NDJSON gets no event objects');
      },
      publishNdjson: (c, n) => {
        // Lent chunks: the run fills them again afterwards.
        chunks.push(...c.map((b) => Buffer.from(b)));
        counted += n;
      },
    },
  });
  return { events, text: Buffer.concat(chunks).toString('utf8'), counted, summary };
}

/** A center whose names and ids need escaping or are not ASCII. */
const ODD_CENTER_YAML = TEST_CENTER_YAML.replace(
  'instance: { id: 11111111-2222-3333-4444-555555555555, alias: test, account: "111122223333", region: eu-west-1 }',
  'instance: { id: 11111111-2222-3333-4444-555555555555, alias: test, account: "111122223333", region: "eu-wést-1" }',
).replace('queues: [ { name: Q1 }, { name: Q2 } ]', 'queues: [ { name: Q1, id: "q\\\\1 ü" }, { name: Q2 } ]');

/** Many API calls on one emulator, with free-form text in attributes, tags and routing criteria. */
function drive(e: Emulator, take: () => void): void {
  const at = (s: number): void => {
    e.clock.runUntil(e.clock.now() + s * 1000);
    take();
  };
  const bob = e.center.findAgent('bob')?.id as string;
  const chat = e.startChatContact({
    ...INSTANCE,
    contactFlowId: 'Attrs',
    attributes: { note: 'café' },
    segmentAttributes: { 'connect:Subtype': { valueString: 'connect:Chat' }, x: { valueString: 'é "q"' } },
  }).contactId;
  at(10);
  e.tagContact({ ...INSTANCE, contactId: chat, tags: { Ünïcode: '日本 😀', quote: 'a"b\\c\n' } });
  e.accept({ ...INSTANCE, contactId: chat });
  const voice = e.startInboundVoiceContact({ ...INSTANCE, contactFlowId: 'French' }).contactId;
  at(2);
  e.updateContactRoutingData({
    ...INSTANCE,
    contactId: voice,
    queuePriority: 1,
    queueTimeAdjustmentSeconds: 30,
    routingCriteria: {
      steps: [
        {
          expression: {
            attributeCondition: {
              name: 'Language',
              value: 'Français',
              comparisonOperator: 'NumberGreaterOrEqualTo',
              proficiencyLevel: 1,
            },
          },
          expiry: { durationInSeconds: 5 },
        },
      ],
    },
  });
  at(10);
  e.untagContact({ ...INSTANCE, contactId: chat, tagKeys: ['quote'] });
  e.monitorContact({ ...INSTANCE, contactId: chat, userId: bob, barge: true });
  const task = e.startTaskContact({
    ...INSTANCE,
    contactFlowId: 'ToQ2',
    name: 'tâche',
    description: 'd',
    scheduledTime: e.clock.now() + 60_000,
  }).contactId;
  e.updateContactSchedule({ ...INSTANCE, contactId: task, scheduledTime: e.clock.now() + 120_000 });
  at(30);
  e.end({ ...INSTANCE, contactId: chat });
  e.updateContactAttributes({ ...INSTANCE, initialContactId: chat, attributes: { after: 'ü' } });
  e.completeAfterContactWork({ ...INSTANCE, contactId: chat });
  e.startOutboundVoiceContact({
    ...INSTANCE,
    contactFlowId: 'ToQ1',
    destinationPhoneNumber: '+15550100123',
    campaignId: 'spring "offer" ü',
    trafficType: 'CAMPAIGN',
  });
  e.startOutboundVoiceContact({ ...INSTANCE, contactFlowId: 'ToQ1', destinationPhoneNumber: '+15550100124' });
  e.startAgentOutbound({ ...INSTANCE, userId: bob, destinationPhoneNumber: '+15550100125' });
  at(300);
  for (const c of [...e.liveContacts()]) {
    if (c.state === 'OFFERED') e.accept({ ...INSTANCE, contactId: c.id });
  }
  at(10);
  for (const c of [...e.liveContacts()]) {
    if (
      c.state === 'CONNECTED' &&
      c.channel === 'VOICE' &&
      c.method !== 'MONITOR' &&
      c.method !== 'EXTERNAL_OUTBOUND'
    )
      e.addExternalParticipant({ ...INSTANCE, contactId: c.id, talkSeconds: 20 });
  }
  at(10);
  for (const c of [...e.liveContacts()]) {
    if (c.state !== 'ENDED' && c.state !== 'ACW') e.stopContact({ ...INSTANCE, contactId: c.id });
  }
  for (const c of [...e.liveContacts()]) {
    if (c.state === 'ACW') e.completeAfterContactWork({ ...INSTANCE, contactId: c.id });
  }
  at(600);
}

function apiBothWays(yaml: string): { objects: string; text: string } {
  const make = () => new Emulator({ center: parseCenter(yaml), startMs: Date.UTC(2026, 0, 5, 9), seed: 3 });
  const a = make();
  const events: ContactEventEnvelope[] = [];
  drive(a, () => events.push(...(a.takeEvents() as ContactEventEnvelope[])));
  const b = make();
  b.collectNdjson();
  const chunks: Buffer[] = [];
  drive(b, () => {
    expect(b.takeEvents()).toEqual([]);
    chunks.push(...b.takeNdjson().chunks);
  });
  return { objects: lines(events), text: Buffer.concat(chunks).toString('utf8') };
}

describe('NDJSON written by the engine', () => {
  it('is byte for byte JSON.stringify of the events, for any seed of the demo day', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.integer({ min: 0, max: 20 }),
        async (seed, h) => {
          const { events, text, counted, summary } = await demoBothWays(seed, h, 3);
          expect(events.length).toBeGreaterThan(0);
          expect(counted).toBe(events.length);
          expect(summary.events).toBe(events.length);
          expect(text).toBe(lines(events));
        },
      ),
      { numRuns: 6 },
    );
  });

  it('is byte for byte JSON.stringify of the events driven by API calls, text beyond ASCII included', () => {
    const { objects, text } = apiBothWays(TEST_CENTER_YAML);
    expect(objects).toContain('日本 😀');
    expect(objects).toContain('Français');
    expect(text).toBe(objects);
  });

  it('escapes what the center names need escaped, as JSON.stringify does', () => {
    const { objects, text } = apiBothWays(ODD_CENTER_YAML);
    expect(objects).toContain('/queue/q\\\\1 ü"');
    expect(objects).toContain('eu-wést-1');
    expect(text).toBe(objects);
  });

  it('comes after the event objects of calls made before the run began, in emission order', async () => {
    const { scenario } = loadScenario('demo');
    const run = async (sink: Parameters<typeof runScenario>[0]['sink']) => {
      const prepared = prepareScenario({ scenario, seed: 9, startMs: Date.UTC(2026, 0, 5, 9) });
      const e = prepared.emulator;
      e.startChatContact({ instanceId: e.center.instanceId, contactFlowId: 'Chat' });
      await runScenario({ scenario, prepared, durationMs: HOUR / 4, sink });
    };
    const events: ContactEventEnvelope[] = [];
    await run({ publish: (batch) => void events.push(...batch) });
    const chunks: Buffer[] = [];
    await run({
      publish: (batch) => void chunks.push(Buffer.from(lines(batch))),
      publishNdjson: (c) => void chunks.push(...c.map((b) => Buffer.from(b))),
    });
    expect(events.length).toBeGreaterThan(1);
    expect(Buffer.concat(chunks).toString('utf8')).toBe(lines(events));
  });
});
