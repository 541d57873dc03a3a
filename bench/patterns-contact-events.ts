/**
 * A small, seeded generator of Amazon Connect contact events (EventBridge envelope + detail) with the
 * shapes real instances emit: several event types and channels, queues, agents with hierarchy groups,
 * tags, routing criteria with step expiry durations, and ISO timestamps.
 */
export const EVENT_TYPES = [
  'INITIATED',
  'QUEUED',
  'CONNECTED_TO_AGENT',
  'DISCONNECTED',
  'CONTACT_DATA_UPDATED',
  'COMPLETED',
] as const;

import { INITIATION_METHODS as ALL_INITIATION_METHODS, CHANNELS } from '../src/model/index.js';

export { CHANNELS };
/** The methods the workload draws from: the model's first six (the seed's), without the rarer ones. */
export const INITIATION_METHODS = ALL_INITIATION_METHODS.slice(0, 6);
export const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-2', 'ap-southeast-2'] as const;
export const TAG_KEYS = ['team', 'priority', 'campaign', 'language'] as const;
export const TAG_VALUES: Record<(typeof TAG_KEYS)[number], readonly string[]> = {
  team: ['sales', 'support', 'billing', 'retention', 'vip'],
  priority: ['low', 'normal', 'high', 'urgent'],
  campaign: ['spring', 'summer', 'autumn', 'winter', 'none'],
  language: ['en', 'es', 'fr', 'de', 'ja'],
};
export const ACCOUNT = '123456789012';
export const QUEUE_COUNT = 2000;
export const INSTANCE_COUNT = 20;

/** A deterministic pseudo-random source (mulberry32), so runs are comparable. */
export class Random {
  #state: number;
  constructor(seed: number) {
    this.#state = seed >>> 0;
  }
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(list: readonly T[]): T {
    return list[this.int(list.length)];
  }
  uuid(): string {
    const hex = () => this.int(0x10000).toString(16).padStart(4, '0');
    return `${hex()}${hex()}-${hex()}-4${hex().slice(1)}-a${hex().slice(1)}-${hex()}${hex()}${hex()}`;
  }
}

export function instanceId(i: number): string {
  return `0000${i.toString(16).padStart(4, '0')}-1111-4222-a333-444455556666`;
}

export function instanceArn(region: string, i: number): string {
  return `arn:aws:connect:${region}:${ACCOUNT}:instance/${instanceId(i)}`;
}

export function queueArn(region: string, instance: number, queue: number): string {
  return `${instanceArn(region, instance)}/queue/q-${queue.toString().padStart(5, '0')}`;
}

function timestamp(base: number, offsetSeconds: number): string {
  return new Date(base + offsetSeconds * 1000).toISOString();
}

/** One contact event as a plain object. */
export function contactEvent(r: Random): Record<string, unknown> {
  const region = r.pick(REGIONS);
  const instance = r.int(INSTANCE_COUNT);
  const queue = r.int(QUEUE_COUNT);
  const contactId = r.uuid();
  const eventType = r.pick(EVENT_TYPES);
  const channel = r.pick(CHANNELS);
  const start = Date.UTC(2024, 5, 1) + r.int(30 * 86400) * 1000;
  const agent = `${instanceArn(region, instance)}/agent/a-${r.int(500).toString().padStart(4, '0')}`;
  const tags: Record<string, string> = { 'aws:connect:instanceId': instanceId(instance) };
  for (const key of TAG_KEYS) if (r.next() < 0.6) tags[key] = r.pick(TAG_VALUES[key]);
  const detail: Record<string, unknown> = {
    eventType,
    contactId,
    initialContactId: r.next() < 0.2 ? r.uuid() : contactId,
    channel,
    instanceArn: instanceArn(region, instance),
    initiationMethod: r.pick(INITIATION_METHODS),
    initiationTimestamp: timestamp(start, 0),
    queueInfo: {
      queueArn: queueArn(region, instance, queue),
      queueType: 'STANDARD',
      enqueueTimestamp: timestamp(start, 5 + r.int(60)),
    },
    tags,
  };
  if (eventType !== 'INITIATED' && eventType !== 'QUEUED') {
    detail.agentInfo = {
      agentArn: agent,
      connectedToAgentTimestamp: timestamp(start, 70 + r.int(600)),
      hierarchyGroups: { level1: { arn: `${instanceArn(region, instance)}/agent-group/g-${r.int(10)}` } },
    };
  }
  if (eventType === 'DISCONNECTED' || eventType === 'COMPLETED') {
    detail.disconnectTimestamp = timestamp(start, 700 + r.int(3000));
  }
  if (r.next() < 0.3) {
    detail.routingCriteria = {
      activationTimestamp: timestamp(start, 6),
      index: r.int(3),
      steps: [
        {
          status: r.pick(['ACTIVE', 'JOINED', 'EXPIRED']),
          expiry: { durationInSeconds: 30 * (1 + r.int(10)) },
        },
        { status: 'INACTIVE', expiry: { durationInSeconds: 600 } },
      ],
    };
  }
  return {
    version: '0',
    id: r.uuid(),
    'detail-type': 'Amazon Connect Contact Event',
    source: 'aws.connect',
    account: ACCOUNT,
    time: timestamp(start, 1),
    region,
    resources: [`${instanceArn(region, instance)}/contact/${contactId}`, instanceArn(region, instance)],
    detail,
  };
}
