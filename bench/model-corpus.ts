/**
 * A deterministic corpus of realistic contact events for the model benchmark: lifecycles of voice, chat
 * and task contacts in the modern camelCase form, the seed's six samples, and PascalCase re-spellings.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const FIXTURES = fileURLToPath(new URL('../src/model/fixtures/', import.meta.url));
const ACCOUNT = '111122223333';
const INSTANCE = `arn:aws:connect:us-east-1:${ACCOUNT}:instance/0b7a1c9e-5d6f-4e3a-9c2b-1a2b3c4d5e6f`;

/** Mulberry32: a small seeded generator, so every run measures the same events. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function uuid(next: () => number): string {
  const hex = () => Math.floor(next() * 16).toString(16);
  const part = (n: number) => Array.from({ length: n }, hex).join('');
  return `${part(8)}-${part(4)}-4${part(3)}-a${part(3)}-${part(12)}`;
}

function stamp(ms: number): string {
  return new Date(ms).toISOString();
}

type Json = Record<string, unknown>;

function envelope(next: () => number, at: number, contactId: string, detail: Json): Json {
  return {
    version: '0',
    id: uuid(next),
    'detail-type': 'Amazon Connect Contact Event',
    source: 'aws.connect',
    account: ACCOUNT,
    time: `${stamp(at).slice(0, 19)}Z`,
    region: 'us-east-1',
    resources: [INSTANCE, `${INSTANCE}/contact/${contactId}`],
    detail,
  };
}

const CHANNELS = ['VOICE', 'VOICE', 'VOICE', 'CHAT', 'TASK'] as const;
const STAGES = ['INITIATED', 'QUEUED', 'CONNECTED_TO_AGENT', 'DISCONNECTED', 'COMPLETED'] as const;

/** One contact's lifecycle in the modern form, as Amazon Connect emits it today. */
function lifecycle(next: () => number, start: number): Json[] {
  const contactId = uuid(next);
  const channel = CHANNELS[Math.floor(next() * CHANNELS.length)];
  const queue = `${INSTANCE}/queue/${uuid(next)}`;
  const agent = `${INSTANCE}/agent/${uuid(next)}`;
  const enqueued = start + 2000 + Math.floor(next() * 5000);
  const connected = enqueued + Math.floor(next() * 60_000);
  const ended = connected + 30_000 + Math.floor(next() * 600_000);
  const events: Json[] = [];
  STAGES.forEach((eventType, stage) => {
    const detail: Json = {
      eventType,
      contactId,
      channel,
      instanceArn: INSTANCE,
      initiationMethod: channel === 'VOICE' ? 'INBOUND' : 'API',
      initiationTimestamp: stamp(start),
      tags: { 'aws:connect:instanceId': INSTANCE.slice(-36), 'aws:connect:systemEndpoint': '+18005550100' },
    };
    if (stage >= 1)
      detail.queueInfo = { queueArn: queue, queueType: 'STANDARD', enqueueTimestamp: stamp(enqueued) };
    if (stage >= 2) {
      detail.agentInfo = {
        agentArn: agent,
        connectedToAgentTimestamp: stamp(connected),
        hierarchyGroups: { level1: { arn: `${INSTANCE}/agent-group/${contactId.slice(0, 8)}` } },
      };
      detail.routingCriteria = {
        activationTimestamp: stamp(enqueued),
        index: 0,
        steps: [
          {
            status: 'JOINED',
            expiry: { durationInSeconds: 30 },
            expression: {
              attributeCondition: {
                name: 'Language',
                value: 'English',
                comparisonOperator: 'NumberGreaterOrEqualTo',
                proficiencyLevel: 3,
              },
            },
          },
        ],
      };
    }
    if (stage >= 3) detail.disconnectTimestamp = stamp(ended);
    events.push(
      envelope(next, [start, enqueued, connected, ended, ended + 60_000][stage], contactId, detail),
    );
  });
  return events;
}

function pascal(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((item) => pascal(item));
  if (value === null || typeof value !== 'object') return value;
  const keepKeys = key === 'tags' || key === 'segmentAttributes';
  return Object.fromEntries(
    Object.entries(value as Json).map(([k, v]) => [
      keepKeys ? k : k.charAt(0).toUpperCase() + k.slice(1),
      pascal(v, k),
    ]),
  );
}

export interface Corpus {
  /** Modern camelCase events (already canonical). */
  modern: string[];
  /** The seed samples and PascalCase re-spellings of modern events (canonicalization does work). */
  variants: string[];
}

/** `contacts` lifecycles of five events each, plus one variant for every ten modern events. */
export function buildCorpus(contacts: number, seed = 42): Corpus {
  const next = random(seed);
  const modernEvents: Json[] = [];
  for (let i = 0; i < contacts; i++)
    modernEvents.push(...lifecycle(next, Date.UTC(2024, 4, 14, 9) + i * 7_000));
  const seeds = readdirSync(FIXTURES)
    .filter((f) => f.startsWith('seed-') && !f.includes('.canonical.'))
    .map((f) => readFileSync(FIXTURES + f, 'utf8'));
  const variants: string[] = [];
  for (let i = 0; i < modernEvents.length; i += 10) {
    const event = modernEvents[i];
    variants.push(
      i % 20 === 0
        ? seeds[(i / 20) % seeds.length]
        : JSON.stringify({ ...event, detail: pascal(event.detail) }),
    );
  }
  return {
    modern: modernEvents.map((e) => JSON.stringify(e)),
    variants: variants.map((v) => JSON.stringify(JSON.parse(v))),
  };
}
