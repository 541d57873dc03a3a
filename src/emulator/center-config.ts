import { type Static, Type } from '@sinclair/typebox';
import { PROFICIENCY_LEVELS, type RoutingExpression } from '../model/index.js';
import { ChannelSchema, configReader, NameSchema, STRICT } from './config-check.js';

const Texts = Type.Record(Type.String({ minLength: 1 }), Type.String());

/** A predefined attribute an agent is proficient in (routing criteria match on these). */
const ProficiencySchema = Type.Object(
  {
    name: NameSchema,
    value: NameSchema,
    level: Type.Number({ minimum: 1, maximum: 5, description: '1.0 to 5.0' }),
  },
  STRICT,
);
export type ProficiencyConfig = Static<typeof ProficiencySchema>;

const QueueSchema = Type.Object({ name: NameSchema, id: Type.Optional(NameSchema) }, STRICT);
export type QueueConfig = Static<typeof QueueSchema>;

/** A queue an agent of the profile takes contacts from; lower priority numbers are served first. */
const ProfileQueueSchema = Type.Object(
  {
    queue: NameSchema,
    priority: Type.Optional(Type.Integer({ minimum: 1 })),
    /** Seconds a contact must have waited before agents of this profile are offered it. */
    delay: Type.Optional(Type.Number({ minimum: 0 })),
    /** Channels served from this queue; all of the profile's channels when omitted. */
    channels: Type.Optional(Type.Array(ChannelSchema)),
  },
  STRICT,
);
export type ProfileQueueConfig = Static<typeof ProfileQueueSchema>;

const Concurrency = Type.Integer({ minimum: 0, maximum: 10 });
const RoutingProfileSchema = Type.Object(
  {
    name: NameSchema,
    id: Type.Optional(NameSchema),
    /** Concurrency per channel: how many contacts of each channel an agent holds at once. */
    channels: Type.Object(
      {
        VOICE: Type.Optional(Concurrency),
        CHAT: Type.Optional(Concurrency),
        TASK: Type.Optional(Concurrency),
      },
      STRICT,
    ),
    queues: Type.Array(ProfileQueueSchema),
  },
  STRICT,
);
export type RoutingProfileConfig = Static<typeof RoutingProfileSchema>;

const AgentSchema = Type.Object(
  {
    username: NameSchema,
    id: Type.Optional(NameSchema),
    /** Expands to `count` agents named `username-0001`, `username-0002`... */
    count: Type.Optional(Type.Integer({ minimum: 1 })),
    routingProfile: NameSchema,
    /** Hierarchy group names, level 1 first (up to 5). */
    hierarchy: Type.Optional(Type.Array(NameSchema, { maxItems: 5 })),
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
  STRICT,
);
export type AgentConfig = Static<typeof AgentSchema>;

/** A proficiency level of a routing condition: 1.0, 2.0, 3.0, 4.0 or 5.0, as the service takes them. */
const Level = Type.Union(
  PROFICIENCY_LEVELS.map((n) => Type.Literal(n)),
  { description: '1, 2, 3, 4 or 5' },
);

/**
 * A condition of a routing step as a center declares it: the model's shape, but closed, so that a
 * misspelt key is an error rather than a condition that silently matches every agent. The operator's
 * value is checked with the rest of the expression (`expressionProblem`).
 */
const ConditionSchema = Type.Object(
  {
    name: Type.Optional(NameSchema),
    value: Type.Optional(NameSchema),
    comparisonOperator: Type.Optional(NameSchema),
    proficiencyLevel: Type.Optional(Level),
    range: Type.Optional(
      Type.Object(
        { minProficiencyLevel: Type.Optional(Level), maxProficiencyLevel: Type.Optional(Level) },
        STRICT,
      ),
    ),
    matchCriteria: Type.Optional(
      Type.Object(
        {
          agentsCriteria: Type.Optional(
            Type.Object({ agentIds: Type.Optional(Type.Array(NameSchema)) }, STRICT),
          ),
        },
        STRICT,
      ),
    ),
  },
  STRICT,
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
      STRICT,
    ),
  { $id: 'CenterRoutingExpression' },
);

const RoutingStepSchema = Type.Object(
  {
    expression: ExpressionSchema,
    expirySeconds: Type.Optional(Type.Number({ minimum: 0 })),
  },
  STRICT,
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
    name: NameSchema,
    id: Type.Optional(NameSchema),
    durationSeconds: Type.Optional(Type.Number({ minimum: 0 })),
    setAttributes: Type.Optional(Texts),
    setTags: Type.Optional(Texts),
    setSegmentAttributes: Type.Optional(Texts),
    /** Enables Contact Lens conversational analytics on the contact. */
    contactLens: Type.Optional(Type.Boolean()),
    routingCriteria: Type.Optional(Type.Array(RoutingStepSchema)),
    /** The queue the flow transfers the contact to. */
    queue: Type.Optional(NameSchema),
    /** The flow ends the contact instead of queueing it. */
    disconnect: Type.Optional(Type.Boolean()),
    /** The flow that runs when the contact disconnects (set disconnect flow block). */
    disconnectFlow: Type.Optional(NameSchema),
    /** In a disconnect flow: a follow-up task the flow creates (initiation method DISCONNECT). */
    createTask: Type.Optional(Type.Object({ name: NameSchema, flow: NameSchema }, STRICT)),
    /** Offers a queued callback: seconds before the callback contact is queued. */
    callbackDelaySeconds: Type.Optional(Type.Number({ minimum: 0 })),
  },
  STRICT,
);
/** The schema's shape, with routing steps typed as the model's expressions (the same keys). */
export type FlowConfig = Omit<Static<typeof FlowSchema>, 'routingCriteria'> & {
  routingCriteria?: RoutingStepConfig[];
};

export const CenterConfigSchema = Type.Object(
  {
    name: Type.Optional(NameSchema),
    instance: Type.Object(
      {
        id: Type.Optional(NameSchema),
        alias: Type.Optional(NameSchema),
        account: Type.Optional(
          Type.String({ pattern: '^\\d{12}$', description: '12 digits, quoted ("111122223333")' }),
        ),
        region: Type.Optional(NameSchema),
      },
      STRICT,
    ),
    phoneNumber: Type.Optional(
      Type.String({ pattern: '^\\+[1-9]\\d{1,14}$', description: 'an E.164 number' }),
    ),
    queues: Type.Optional(Type.Array(QueueSchema)),
    routingProfiles: Type.Optional(Type.Array(RoutingProfileSchema)),
    agents: Type.Optional(Type.Array(AgentSchema)),
    flows: Type.Optional(Type.Array(FlowSchema)),
  },
  STRICT,
);
export type CenterConfig = Omit<Static<typeof CenterConfigSchema>, 'flows'> & { flows?: FlowConfig[] };

/** Reads a center's YAML (or checks a config object): unknown keys, wrong types and bad values by path and line. */
export const centerConfigReader = configReader<CenterConfig>(CenterConfigSchema);
