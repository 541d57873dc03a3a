import { type Static, Type } from '@sinclair/typebox';
import { COMPARISON_OPERATORS, PROFICIENCY_LEVELS, type ProficiencyLevel, STEP_STATUSES } from './enums.js';
import { OPEN, OpenEnum, Timestamp } from './primitives.js';

const AttributeText = (description: string) => Type.String({ minLength: 1, maxLength: 64, description });

/** 1.0 to 5.0 in whole steps; JSON does not tell 2 from 2.0, so both spellings are the same number. */
export const ProficiencyLevelSchema = Type.Unsafe<ProficiencyLevel>({
  type: 'number',
  enum: [...PROFICIENCY_LEVELS],
  description: 'Proficiency level: 1.0, 2.0, 3.0, 4.0 or 5.0.',
});

export const AgentsCriteriaSchema = Type.Object(
  {
    agentIds: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 256 }), { description: 'Agents, by agent ID.' }),
    ),
  },
  { ...OPEN, title: 'AgentsCriteria', description: 'The agents a Match condition names.' },
);
export type AgentsCriteria = Static<typeof AgentsCriteriaSchema>;

export const MatchCriteriaSchema = Type.Object(
  { agentsCriteria: Type.Optional(AgentsCriteriaSchema) },
  { ...OPEN, title: 'MatchCriteria', description: 'Defines AgentsCriteria.' },
);
export type MatchCriteria = Static<typeof MatchCriteriaSchema>;

export const ProficiencyRangeSchema = Type.Object(
  {
    minProficiencyLevel: Type.Optional(ProficiencyLevelSchema),
    maxProficiencyLevel: Type.Optional(ProficiencyLevelSchema),
  },
  { ...OPEN, title: 'ProficiencyRange', description: 'The bounds of a Range condition.' },
);
export type ProficiencyRange = Static<typeof ProficiencyRangeSchema>;

export const AttributeConditionSchema = Type.Object(
  {
    name: Type.Optional(AttributeText('The name of the predefined attribute (1-64).')),
    value: Type.Optional(AttributeText('The value of the predefined attribute (1-64).')),
    comparisonOperator: Type.Optional(OpenEnum(COMPARISON_OPERATORS, 'The operator of the condition.')),
    proficiencyLevel: Type.Optional(ProficiencyLevelSchema),
    range: Type.Optional(ProficiencyRangeSchema),
    matchCriteria: Type.Optional(MatchCriteriaSchema),
  },
  { ...OPEN, title: 'AttributeCondition', description: 'A predefined attribute condition.' },
);
export type AttributeCondition = Static<typeof AttributeConditionSchema>;

/** A routing expression: AND / OR lists of expressions and attribute conditions, nested at any depth. */
export const RoutingExpressionSchema = Type.Recursive(
  (Self) =>
    Type.Object(
      {
        andExpression: Type.Optional(Type.Array(Self, { description: 'Expressions AND-ed together.' })),
        orExpression: Type.Optional(Type.Array(Self, { description: 'Expressions OR-ed together.' })),
        attributeCondition: Type.Optional(AttributeConditionSchema),
        notAttributeCondition: Type.Optional(AttributeConditionSchema),
      },
      OPEN,
    ),
  { $id: 'RoutingExpression', description: 'The expression of a routing step.' },
);
export type RoutingExpression = Static<typeof RoutingExpressionSchema>;

export const ExpirySchema = Type.Object(
  {
    durationInSeconds: Type.Optional(
      Type.Integer({ minimum: 0, description: 'Seconds to wait before the step expires.' }),
    ),
    expiryTimestamp: Type.Optional(Timestamp('When the routing step expires.')),
  },
  { ...OPEN, title: 'Expiry', description: 'The expiration of a routing step.' },
);
export type Expiry = Static<typeof ExpirySchema>;

export const RoutingStepSchema = Type.Object(
  {
    status: Type.Optional(OpenEnum(STEP_STATUSES, 'The status of the routing step.')),
    expression: Type.Optional(RoutingExpressionSchema),
    expiry: Type.Optional(ExpirySchema),
  },
  { ...OPEN, title: 'RoutingStep', description: 'One step of a routing criteria.' },
);
export type RoutingStep = Static<typeof RoutingStepSchema>;

export const RoutingCriteriaSchema = Type.Object(
  {
    activationTimestamp: Type.Optional(Timestamp('When the routing criteria was set to active.')),
    index: Type.Optional(Type.Integer({ minimum: 0, description: 'The index of the routing criteria.' })),
    steps: Type.Array(RoutingStepSchema, { minItems: 1, maxItems: 5, description: 'Routing steps (1-5).' }),
  },
  {
    ...OPEN,
    title: 'RoutingCriteria',
    description: 'The current routing criteria of the contact (one object in the canonical form).',
  },
);
export type RoutingCriteria = Static<typeof RoutingCriteriaSchema>;
