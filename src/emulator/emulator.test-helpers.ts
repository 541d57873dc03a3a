import type { Behavior, DialOutcome } from './behavior.js';
import { defaultBehavior } from './behavior.js';
import { parseCenter } from './center.js';
import { Emulator } from './emulator.js';
import type { ContactEventEnvelope } from './event-types.js';

/** A small center whose agents only move when a test tells them to. */
export const TEST_CENTER_YAML = `
instance: { id: 11111111-2222-3333-4444-555555555555, alias: test, account: "111122223333", region: eu-west-1 }
queues: [ { name: Q1 }, { name: Q2 } ]
routingProfiles:
  - { name: P, channels: { VOICE: 1, CHAT: 2, TASK: 1 }, queues: [ { queue: Q1 }, { queue: Q2, priority: 2 } ] }
agents:
  - { username: ann, routingProfile: P, control: manual, hierarchy: [EU, Sales],
      proficiencies: [ { name: Language, value: French, level: 4 } ] }
  - { username: bob, routingProfile: P, control: manual, status: Offline }
flows:
  - { name: ToQ1, durationSeconds: 5, queue: Q1 }
  - { name: ToQ2, durationSeconds: 1, queue: Q2 }
  - { name: Attrs, durationSeconds: 2, setAttributes: { a: "1" }, setTags: { Dept: Sales }, contactLens: true,
      setSegmentAttributes: { "connect:Subtype": "connect:SMS" }, queue: Q1 }
  - name: French
    durationSeconds: 1
    queue: Q1
    routingCriteria:
      - { expression: { attributeCondition: { comparisonOperator: Match, matchCriteria: { agentsCriteria: { agentIds: [nobody] } } } }, expirySeconds: 10 }
      - { expression: { attributeCondition: { name: Language, value: French, comparisonOperator: NumberGreaterOrEqualTo, proficiencyLevel: 4 } }, expirySeconds: 20 }
  - { name: Hangup, durationSeconds: 3, disconnect: true }
  - { name: WithSurvey, durationSeconds: 1, queue: Q1, disconnectFlow: Survey }
  - { name: Survey, durationSeconds: 1, disconnect: true, createTask: { name: survey, flow: ToQ2 } }
`;

export const INSTANCE = { instanceId: '11111111-2222-3333-4444-555555555555' };

/** An emulator on the test center, with events collected in `events` and a way to move virtual time. */
export function testEmulator(dial?: (amd: boolean) => DialOutcome) {
  const behavior: Behavior = dial ? { ...defaultBehavior, dial: (_c, amd) => dial(amd) } : defaultBehavior;
  const emulator = new Emulator({
    center: parseCenter(TEST_CENTER_YAML),
    startMs: Date.UTC(2026, 0, 5, 9),
    behavior,
  });
  const events: ContactEventEnvelope[] = [];
  const advance = (seconds: number): void => {
    emulator.clock.runUntil(emulator.clock.now() + seconds * 1000);
    events.push(...emulator.takeEvents());
  };
  const of = (contactId: string) => events.filter((e) => e.detail.contactId === contactId);
  const types = (contactId: string) => of(contactId).map((e) => e.detail.eventType);
  const agent = (name: string) => emulator.center.findAgent(name)?.id as string;
  return { emulator, events, advance, of, types, agent };
}
