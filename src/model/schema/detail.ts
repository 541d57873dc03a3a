import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { AgentInfoSchema } from './agent.js';
import { ContactLensSchema } from './contact-lens.js';
import {
  AMD_STATUSES,
  CHANNELS,
  DISCONNECT_REASONS,
  EVENT_TYPES,
  INITIATION_METHODS,
  QUEUE_TYPES,
  UPDATED_PROPERTIES,
} from './enums.js';
import { Arn, ContactIdentifier, OPEN, Opaque, OpenEnum, Timestamp } from './primitives.js';
import { RoutingCriteriaSchema } from './routing.js';

export const QueueInfoSchema = Type.Object(
  {
    queueArn: Type.Optional(Arn('The ARN of the queue.')),
    queueType: Type.Optional(OpenEnum(QUEUE_TYPES, 'The type of queue.')),
    enqueueTimestamp: Type.Optional(Timestamp('When the contact was added to the queue.')),
  },
  { ...OPEN, title: 'QueueInfo', description: 'The queue the contact was placed in.' },
);
export type QueueInfo = Static<typeof QueueInfoSchema>;

export const CustomerVoiceActivitySchema = Type.Object(
  {
    greetingStartTimestamp: Type.Optional(Timestamp('When the customer greeting began (outbound voice).')),
    greetingEndTimestamp: Type.Optional(Timestamp('When the customer greeting ended (outbound voice).')),
  },
  { ...OPEN, title: 'CustomerVoiceActivity' },
);
export type CustomerVoiceActivity = Static<typeof CustomerVoiceActivitySchema>;

export const CampaignSchema = Type.Object(
  { campaignId: Type.Optional(Type.String({ minLength: 1, description: 'The outbound campaign.' })) },
  { ...OPEN, title: 'Campaign', description: 'Information associated with a campaign.' },
);
export type Campaign = Static<typeof CampaignSchema>;

export const SystemEndpointSchema = Type.Object(
  {
    address: Type.Optional(Type.String({ description: 'For example a phone number.' })),
    type: Type.Optional(Type.String({ description: 'For example TELEPHONE_NUMBER.' })),
    displayName: Type.Optional(Type.String()),
  },
  { ...OPEN, title: 'SystemEndpoint', description: 'The system endpoint the contact used.' },
);
export type SystemEndpoint = Static<typeof SystemEndpointSchema>;

export const SegmentAttributeValueSchema = Type.Object(
  {
    valueString: Type.Optional(Type.String()),
    valueInteger: Type.Optional(Type.Integer()),
    valueArn: Type.Optional(Type.String()),
    valueMap: Type.Optional(Opaque('A map of segment attribute values.')),
    valueList: Type.Optional(Opaque('A list of segment attribute values.')),
  },
  { ...OPEN, title: 'SegmentAttributeValue' },
);
export type SegmentAttributeValue = Static<typeof SegmentAttributeValueSchema>;

/**
 * A map whose keys are kept as sent. Written with `additionalProperties` rather than a catch-all key
 * pattern, so validation does not run a regular expression on every key.
 */
function MapOf<T extends TSchema>(value: T, options: { title: string; description: string }) {
  return Type.Unsafe<Record<string, Static<T>>>({ type: 'object', additionalProperties: value, ...options });
}

/** Keys are kept as sent (`connect:Subtype`); only the values' field names are canonicalized. */
export const SegmentAttributesSchema = MapOf(SegmentAttributeValueSchema, {
  title: 'SegmentAttributes',
  description: 'System-defined key-value pairs of the contact segment, e.g. connect:Subtype.',
});
export type SegmentAttributes = Static<typeof SegmentAttributesSchema>;

/** Tag keys are kept as sent (`aws:connect:instanceId`, user keys such as `Dept`). */
export const TagsSchema = MapOf(Type.String(), {
  title: 'Tags',
  description: 'AWS-generated and user-defined tags of the contact.',
});
export type Tags = Static<typeof TagsSchema>;

export const ContactEventDetailSchema = Type.Object(
  {
    eventType: OpenEnum(EVENT_TYPES, 'The type of event published.'),
    contactId: ContactIdentifier('The identifier of the contact.'),
    initialContactId: Type.Optional(ContactIdentifier('The identifier of the initial contact.')),
    previousContactId: Type.Optional(ContactIdentifier('The contact this one was transferred from.')),
    relatedContactId: Type.Optional(ContactIdentifier('The contact related to this contact.')),
    channel: OpenEnum(CHANNELS, 'The type of channel.'),
    instanceArn: Arn('The ARN of the Amazon Connect instance.'),
    initiationMethod: OpenEnum(INITIATION_METHODS, 'How the contact was initiated.'),
    initiationTimestamp: Type.Optional(Timestamp('When the contact was initiated.')),
    connectedToSystemTimestamp: Type.Optional(Timestamp('When the customer endpoint connected.')),
    disconnectTimestamp: Type.Optional(Timestamp('When the customer endpoint disconnected.')),
    scheduledTimestamp: Type.Optional(Timestamp('When a scheduled task runs its flow (tasks only).')),
    updatedProperties: Type.Optional(
      Type.Array(OpenEnum(UPDATED_PROPERTIES, 'A property updated (CONTACT_DATA_UPDATED).')),
    ),
    queueInfo: Type.Optional(QueueInfoSchema),
    agentInfo: Type.Optional(AgentInfoSchema),
    customerVoiceActivity: Type.Optional(CustomerVoiceActivitySchema),
    campaign: Type.Optional(CampaignSchema),
    answeringMachineDetectionStatus: Type.Optional(
      OpenEnum(AMD_STATUSES, 'How an outbound campaign call was disposed.'),
    ),
    disconnectReason: Type.Optional(OpenEnum(DISCONNECT_REASONS, 'How an outbound campaign contact ended.')),
    tags: Type.Optional(TagsSchema),
    segmentAttributes: Type.Optional(SegmentAttributesSchema),
    contactLens: Type.Optional(ContactLensSchema),
    routingCriteria: Type.Optional(RoutingCriteriaSchema),
    systemEndpoint: Type.Optional(SystemEndpointSchema),
    chatMetrics: Type.Optional(Opaque('Chat metrics of the contact.')),
    recordings: Type.Optional(Opaque('Recordings of the contact.')),
    contactEvaluations: Type.Optional(Opaque('Evaluations of the contact.')),
    stateTransitions: Type.Optional(Opaque('State transitions, e.g. SILENT_MONITOR / BARGE.')),
  },
  { ...OPEN, title: 'ContactEventDetail', description: 'The detail of an Amazon Connect contact event.' },
);
export type ContactEventDetail = Static<typeof ContactEventDetailSchema>;
