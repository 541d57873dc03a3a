import { type Static, Type } from '@sinclair/typebox';
import type { RoutingExpression } from '../model/index.js';
import { configReader } from './config-check.js';

const strict = { additionalProperties: false } as const;
const Name = Type.String({ minLength: 1 });
const Channel = Type.Union([Type.Literal('VOICE'), Type.Literal('CHAT'), Type.Literal('TASK')], {
  description: 'VOICE, CHAT or TASK',
});
const Texts = Type.Record(Type.String({ minLength: 1 }), Type.String());

/** A predefined attribute an agent is proficient in (routing criteria match on these). */
const ProficiencySchema = Type.Object(
  { name: Name, value: Name, level: Type.Number({ minimum: 1, maximum: 5, description: '1.0 to 5.0' }) },
  strict,
);
export type ProficiencyConfig = Static<typeof ProficiencySchema>;

const QueueSchema = Type.Object({ name: Name, id: Type.Optional(Name) }, strict);
export type QueueConfig = Static<typeof QueueSchema>;

/** A queue an agent of the profile takes contacts from; lower priority numbers are served first. */
const ProfileQueueSchema = Type.Object(
  {
    queue: Name,
    priority: Type.Optional(Type.Integer({ minimum: 1 })),
    /** Seconds a contact must have waited before agents of this profile are offered it. */
    delay: Type.Optional(Type.Number({ minimum: 0 })),
    /** Channels served from this queue; all of the profile's channels when omitted. */
    channels: Type.Optional(Type.Array(Channel)),
  },
  strict,
);
export type ProfileQueueConfig = Static<typeof ProfileQueueSchema>;

const Concurrency = Type.Integer({ minimum: 0, maximum: 10 });
const RoutingProfileSchema = Type.Object(
  {
    name: Name,
    id: Type.Optional(Name),
    /** Concurrency per channel: how many contacts of each channel an agent holds at once. */
    channels: Type.Object(
      {
        VOICE: Type.Optional(Concurrency),
        CHAT: Type.Optional(Concurrency),
        TASK: Type.Optional(Concurrency),
      },
      strict,
    ),
    queues: Type.Array(ProfileQueueSchema),
  },
  strict,
);
export type RoutingProfileConfig = Static<typeof RoutingProfileSchema>;

const AgentSchema = Type.Object(
  {
    username: Name,
    id: Type.Optional(Name),
    /** Expands to `count` agents named `username-0001`, `username-0002`... */
    count: Type.Optional(Type.Integer({ minimum: 1 })),
    routingProfile: Name,
    /** Hierarchy group names, level 1 first (up to 5). */
    hierarchy: Type.Optional(Type.Array(Name, { maxItems: 5 })),
    proficiencies: Type.Optional(Type.Array(ProficiencySchema)),
    /** `auto`: the scenario plays the agent; `manual`: only agent actions through the API move its contacts. */
    control: Type.Optional(
      Type.Union([Type.Literal('auto'), Type.Literal('manual')], { description: 'auto or manual' }),
    ),
    /** Status at start of the run; a scenario's schedules may change it. */
    status: Type.Optional(
      Type.Union([Type.Literal('Available'), Type.Literal('Offline')], {
        description: 'Available or Offline',
      }),
    ),
  },
  strict,
);
export type AgentConfig = Static<typeof AgentSchema>;

/** A proficiency level of a routing condition: 1.0, 2.0, 3.0, 4.0 or 5.0, as the service takes them. */
const Level = Type.Union(
  [1, 2, 3, 4, 5].map((n) => Type.Literal(n)),
  { description: '1, 2, 3, 4 or 5' },
);

/**
 * A condition of a routing step as a center declares it: the model's shape, but closed, so that a
 * misspelt key is an error rather than a condition that silently matches every agent. The operator's
 * value is checked with the rest of the expression (`expressionProblem`).
 */
const ConditionSchema = Type.Object(
  {
    name: Type.Optional(Name),
    value: Type.Optional(Name),
    comparisonOperator: Type.Optional(Name),
    proficiencyLevel: Type.Optional(Level),
    range: Type.Optional(
      Type.Object(
        { minProficiencyLevel: Type.Optional(Level), maxProficiencyLevel: Type.Optional(Level) },
        strict,
      ),
    ),
    matchCriteria: Type.Optional(
      Type.Object(
        {
          agentsCriteria: Type.Optional(Type.Object({ agentIds: Type.Optional(Type.Array(Name)) }, strict)),
        },
        strict,
      ),
    ),
  },
  strict,
);

const ExpressionSchema = Type.Recursive(
  (Self) =>
    Type.Object(
      {
        attributeCondition: Type.Optional(ConditionSchema),
        notAttributeCondition: Type.Optional(ConditionSchema),
        andExpression: Type.Optional(Type.Array(Self)),
        orExpression: Type.Optional(Type.Array(Self)),
      },
      strict,
    ),
  { $id: 'CenterRoutingExpression' },
);

const RoutingStepSchema = Type.Object(
  {
    expression: ExpressionSchema,
    expirySeconds: Type.Optional(Type.Number({ minimum: 0 })),
  },
  strict,
);

export interface RoutingStepConfig {
  expression: RoutingExpression;
  /** Seconds the step waits for a matching agent; the last step may omit it (waits forever). */
  expirySeconds?: number;
}

/**
 * A contact flow as the emulator models it: it runs for `durationSeconds`, applies what it sets (each
 * a CONTACT_DATA_UPDATED), then ends the contact, queues it, or transfers it.
 */
const FlowSchema = Type.Object(
  {
    name: Name,
    id: Type.Optional(Name),
    durationSeconds: Type.Optional(Type.Number({ minimum: 0 })),
    setAttributes: Type.Optional(Texts),
    setTags: Type.Optional(Texts),
    setSegmentAttributes: Type.Optional(Texts),
    /** Enables Contact Lens conversational analytics on the contact. */
    contactLens: Type.Optional(Type.Boolean()),
    routingCriteria: Type.Optional(Type.Array(RoutingStepSchema)),
    /** The queue the flow transfers the contact to. */
    queue: Type.Optional(Name),
    /** The flow ends the contact instead of queueing it. */
    disconnect: Type.Optional(Type.Boolean()),
    /** The flow that runs when the contact disconnects (set disconnect flow block). */
    disconnectFlow: Type.Optional(Name),
    /** In a disconnect flow: a follow-up task the flow creates (initiation method DISCONNECT). */
    createTask: Type.Optional(Type.Object({ name: Name, flow: Name }, strict)),
    /** Offers a queued callback: seconds before the callback contact is queued. */
    callbackDelaySeconds: Type.Optional(Type.Number({ minimum: 0 })),
  },
  strict,
);
/** The schema's shape, with routing steps typed as the model's expressions (the same keys). */
export type FlowConfig = Omit<Static<typeof FlowSchema>, 'routingCriteria'> & {
  routingCriteria?: RoutingStepConfig[];
};

export const CenterConfigSchema = Type.Object(
  {
    name: Type.Optional(Name),
    instance: Type.Object(
      {
        id: Type.Optional(Name),
        alias: Type.Optional(Name),
        account: Type.Optional(
          Type.String({ pattern: '^\\d{12}$', description: '12 digits, quoted ("111122223333")' }),
        ),
        region: Type.Optional(Name),
      },
      strict,
    ),
    phoneNumber: Type.Optional(
      Type.String({ pattern: '^\\+[1-9]\\d{1,14}$', description: 'an E.164 number' }),
    ),
    queues: Type.Optional(Type.Array(QueueSchema)),
    routingProfiles: Type.Optional(Type.Array(RoutingProfileSchema)),
    agents: Type.Optional(Type.Array(AgentSchema)),
    flows: Type.Optional(Type.Array(FlowSchema)),
  },
  strict,
);
export type CenterConfig = Omit<Static<typeof CenterConfigSchema>, 'flows'> & { flows?: FlowConfig[] };

/** Reads a center's YAML (or checks a config object): unknown keys, wrong types and bad values by path and line. */
export const centerConfigReader = configReader<CenterConfig>(CenterConfigSchema);
