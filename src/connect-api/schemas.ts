import { type Static, type TSchema, Type } from '@sinclair/typebox';

/**
 * Request shapes of the supported Amazon Connect operations, member for member as the AWS SDK sends
 * them (PascalCase JSON bodies, timestamps as epoch seconds), with the service's length constraints.
 * Members the emulator has no use for (References, Attachments...) are accepted and ignored.
 */

const id = (maxLength: number) => Type.String({ minLength: 1, maxLength });
const opt = <T extends TSchema>(schema: T) => Type.Optional(schema);

export const InstanceId = id(100);
export const ContactId = id(256);
const FlowId = Type.String({ maxLength: 500 });

const Attributes = Type.Record(
  Type.String({ minLength: 1, maxLength: 32767 }),
  Type.String({ maxLength: 32767 }),
);
/** The SDK sends epoch seconds; ISO 8601 text is accepted too for hand-written requests. */
const Timestamp = Type.Union([Type.Number(), Type.String({ minLength: 1 })]);

const SegmentAttributeValue = Type.Recursive((This) =>
  Type.Object({
    ValueString: opt(Type.String({ minLength: 1, maxLength: 1024 })),
    ValueMap: opt(Type.Record(Type.String(), This)),
    ValueInteger: opt(Type.Integer()),
    ValueList: opt(Type.Array(This)),
    ValueArn: opt(Type.String()),
  }),
);
const SegmentAttributes = Type.Record(Type.String({ minLength: 1, maxLength: 128 }), SegmentAttributeValue);

const AttributeCondition = Type.Object({
  Name: opt(Type.String({ minLength: 1, maxLength: 64 })),
  Value: opt(Type.String({ minLength: 1, maxLength: 128 })),
  ProficiencyLevel: opt(Type.Number({ minimum: 1, maximum: 5 })),
  Range: opt(
    Type.Object({
      MinProficiencyLevel: opt(Type.Number({ minimum: 1, maximum: 5 })),
      MaxProficiencyLevel: opt(Type.Number({ minimum: 1, maximum: 5 })),
    }),
  ),
  MatchCriteria: opt(
    Type.Object({
      AgentsCriteria: opt(Type.Object({ AgentIds: opt(Type.Array(Type.String({ maxLength: 256 }))) })),
    }),
  ),
  ComparisonOperator: opt(Type.String({ minLength: 1, maxLength: 127 })),
});

export const Expression = Type.Recursive((This) =>
  Type.Object({
    AttributeCondition: opt(AttributeCondition),
    AndExpression: opt(Type.Array(This)),
    OrExpression: opt(Type.Array(This)),
    NotAttributeCondition: opt(AttributeCondition),
  }),
);

/** A user-defined tag key: the API reference's pattern, which also keeps out the system tags' `aws:`. */
export const TagKey = Type.String({ minLength: 1, maxLength: 128, pattern: '^(?!aws:)[a-zA-Z+-=._:/]+$' });
/** At most 6 user-defined tags per call (TagContact's limit). */
export const MAX_TAGS = 6;
const Tags = Type.Record(TagKey, Type.String({ maxLength: 256 }), {
  minProperties: 1,
  maxProperties: MAX_TAGS,
  additionalProperties: false,
});

export const StartOutboundVoiceContactBody = Type.Object({
  DestinationPhoneNumber: Type.String({ pattern: '^\\+[1-9]\\d{1,14}$' }),
  ContactFlowId: FlowId,
  InstanceId,
  Name: opt(Type.String({ maxLength: 512 })),
  Description: opt(Type.String({ maxLength: 4096 })),
  RelatedContactId: opt(ContactId),
  ClientToken: opt(Type.String({ maxLength: 500 })),
  SourcePhoneNumber: opt(Type.String()),
  QueueId: opt(Type.String()),
  Attributes: opt(Attributes),
  AnswerMachineDetectionConfig: opt(
    Type.Object({
      EnableAnswerMachineDetection: opt(Type.Boolean()),
      AwaitAnswerMachinePrompt: opt(Type.Boolean()),
    }),
  ),
  CampaignId: opt(Type.String({ minLength: 1, maxLength: 100 })),
  TrafficType: opt(Type.Union([Type.Literal('GENERAL'), Type.Literal('CAMPAIGN')])),
  RingTimeoutInSeconds: opt(Type.Integer({ minimum: 15, maximum: 60 })),
});

export const StartChatContactBody = Type.Object({
  InstanceId,
  ContactFlowId: FlowId,
  ParticipantDetails: Type.Object({ DisplayName: Type.String({ minLength: 1, maxLength: 256 }) }),
  Attributes: opt(Attributes),
  ClientToken: opt(Type.String({ maxLength: 500 })),
  ChatDurationInMinutes: opt(Type.Integer({ minimum: 60, maximum: 10080 })),
  RelatedContactId: opt(ContactId),
  SegmentAttributes: opt(SegmentAttributes),
});

export const StartTaskContactBody = Type.Object({
  InstanceId,
  Name: Type.String({ minLength: 1, maxLength: 512 }),
  PreviousContactId: opt(ContactId),
  ContactFlowId: opt(FlowId),
  Attributes: opt(Attributes),
  Description: opt(Type.String({ maxLength: 4096 })),
  ClientToken: opt(Type.String({ maxLength: 500 })),
  ScheduledTime: opt(Timestamp),
  TaskTemplateId: opt(Type.String({ minLength: 1, maxLength: 500 })),
  QuickConnectId: opt(Type.String()),
  RelatedContactId: opt(ContactId),
  SegmentAttributes: opt(SegmentAttributes),
});

export const StopContactBody = Type.Object({
  ContactId,
  InstanceId,
  DisconnectReason: opt(Type.Object({ Code: opt(Type.String({ maxLength: 128 })) })),
});

export const TransferContactBody = Type.Object({
  InstanceId,
  ContactId,
  ContactFlowId: FlowId,
  QueueId: opt(Type.String()),
  UserId: opt(Type.String()),
  ClientToken: opt(Type.String({ maxLength: 500 })),
});

export const UpdateContactAttributesBody = Type.Object({
  InitialContactId: ContactId,
  InstanceId,
  Attributes,
});

export const UpdateContactScheduleBody = Type.Object({ InstanceId, ContactId, ScheduledTime: Timestamp });

export const PauseResumeBody = Type.Object({ ContactId, InstanceId, ContactFlowId: opt(FlowId) });

export const UpdateContactRoutingDataBody = Type.Object({
  QueueTimeAdjustmentSeconds: opt(Type.Integer()),
  QueuePriority: opt(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })),
  RoutingCriteria: opt(
    Type.Object({
      Steps: opt(
        Type.Array(
          Type.Object({
            Expiry: opt(Type.Object({ DurationInSeconds: opt(Type.Integer({ minimum: 1 })) })),
            Expression: opt(Expression),
          }),
        ),
      ),
    }),
  ),
});

export const MonitorContactBody = Type.Object({
  InstanceId,
  ContactId,
  UserId: Type.String({ minLength: 1 }),
  AllowedMonitorCapabilities: opt(
    Type.Array(Type.Union([Type.Literal('SILENT_MONITOR'), Type.Literal('BARGE')])),
  ),
  ClientToken: opt(Type.String({ maxLength: 500 })),
});

export const TagContactBody = Type.Object({ ContactId, InstanceId, Tags });

export const PutUserStatusBody = Type.Object({
  AgentStatusId: Type.String({ minLength: 1, maxLength: 256 }),
});

export const InstanceParams = Type.Object({ InstanceId });
export const ContactParams = Type.Object({ InstanceId, ContactId });
export const UserParams = Type.Object({ InstanceId, UserId: Type.String({ minLength: 1 }) });

/**
 * Query of a List* call: `maxResults` up to the operation's own maximum (10 for ListInstances, 100 for
 * ListAgentStatuses, 1000 for the others), and `nextToken`; the operation's filters come beside.
 */
export const pageQuery = (maxResults: number) => ({
  maxResults: opt(Type.Integer({ minimum: 1, maximum: maxResults })),
  nextToken: opt(Type.String({ minLength: 1 })),
});

export type StartOutboundVoiceContactBody = Static<typeof StartOutboundVoiceContactBody>;
export type StartTaskContactBody = Static<typeof StartTaskContactBody>;
export type ExpressionInput = Static<typeof Expression>;
export type UpdateContactRoutingDataBody = Static<typeof UpdateContactRoutingDataBody>;
