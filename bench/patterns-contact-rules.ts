import {
  CHANNELS,
  EVENT_TYPES,
  INITIATION_METHODS,
  INSTANCE_COUNT,
  instanceArn,
  QUEUE_COUNT,
  queueArn,
  type Random,
  REGIONS,
  TAG_KEYS,
  TAG_VALUES,
} from './patterns-contact-events.js';

const ENVELOPE = { source: ['aws.connect'], 'detail-type': ['Amazon Connect Contact Event'] };

/**
 * Rules of the kinds people write for contact events: by event type and channel, by queue, by
 * initiation method, by tag value, with anything-but exclusions, numeric conditions on routing step
 * durations, prefix filters on ARNs and timestamps. Each is scoped to one Connect instance (or queue),
 * as rule sets of thousands are in practice, so an event matches a handful of rules, not hundreds.
 */
export function contactRule(r: Random): object {
  const region = r.pick(REGIONS);
  const instance = r.int(INSTANCE_COUNT);
  const kind = r.int(8);
  switch (kind) {
    case 0:
      return {
        ...ENVELOPE,
        detail: {
          eventType: [r.pick(EVENT_TYPES)],
          channel: [r.pick(CHANNELS)],
          instanceArn: [instanceArn(region, instance)],
        },
      };
    case 1:
      return {
        ...ENVELOPE,
        detail: {
          eventType: [r.pick(EVENT_TYPES), r.pick(EVENT_TYPES)],
          queueInfo: { queueArn: [queueArn(region, instance, r.int(QUEUE_COUNT))] },
        },
      };
    case 2:
      return {
        ...ENVELOPE,
        detail: {
          initiationMethod: [r.pick(INITIATION_METHODS)],
          channel: [r.pick(CHANNELS), r.pick(CHANNELS)],
          instanceArn: [instanceArn(region, instance)],
        },
      };
    case 3: {
      const key = r.pick(TAG_KEYS);
      return {
        ...ENVELOPE,
        detail: {
          tags: { [key]: [r.pick(TAG_VALUES[key])] },
          eventType: [{ 'anything-but': ['INITIATED', 'QUEUED'] }],
          instanceArn: [instanceArn(region, instance)],
        },
      };
    }
    case 4:
      return {
        ...ENVELOPE,
        detail: {
          queueInfo: { queueArn: [queueArn(region, instance, r.int(QUEUE_COUNT))] },
          channel: [{ 'anything-but': r.pick(CHANNELS) }],
        },
      };
    case 5:
      return {
        ...ENVELOPE,
        detail: {
          eventType: ['CONNECTED_TO_AGENT'],
          routingCriteria: {
            steps: { expiry: { durationInSeconds: [{ numeric: ['>=', 30 * (1 + r.int(10))] }] } },
          },
          instanceArn: [instanceArn(region, instance)],
        },
      };
    case 6:
      return {
        ...ENVELOPE,
        region: [region],
        detail: {
          agentInfo: { agentArn: [{ prefix: `${instanceArn(region, instance)}/agent/a-0${r.int(5)}` }] },
        },
      };
    default:
      return {
        ...ENVELOPE,
        detail: {
          initiationTimestamp: [{ prefix: `2024-06-${(1 + r.int(30)).toString().padStart(2, '0')}T1` }],
          channel: [r.pick(CHANNELS)],
          instanceArn: [instanceArn(region, instance)],
          $or: [
            { initiationMethod: [r.pick(INITIATION_METHODS)] },
            { tags: { priority: [{ 'equals-ignore-case': r.pick(['HIGH', 'Urgent']) }] } },
          ],
        },
      };
  }
}
