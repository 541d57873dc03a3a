import { type Static, Type } from '@sinclair/typebox';
import { Arn, OPEN, Timestamp } from './primitives.js';

export const HierarchyGroupSchema = Type.Object(
  { arn: Type.Optional(Arn('The ARN of the agent hierarchy group.')) },
  { ...OPEN, title: 'HierarchyGroup' },
);
export type HierarchyGroup = Static<typeof HierarchyGroupSchema>;

export const HierarchyGroupsSchema = Type.Object(
  {
    level1: Type.Optional(HierarchyGroupSchema),
    level2: Type.Optional(HierarchyGroupSchema),
    level3: Type.Optional(HierarchyGroupSchema),
    level4: Type.Optional(HierarchyGroupSchema),
    level5: Type.Optional(HierarchyGroupSchema),
  },
  { ...OPEN, title: 'HierarchyGroups', description: 'The hierarchy groups of the agent, level 1 to 5.' },
);
export type HierarchyGroups = Static<typeof HierarchyGroupsSchema>;

const Seconds = (description: string) => Type.Integer({ minimum: 0, description });

export const AgentInfoSchema = Type.Object(
  {
    agentArn: Type.Optional(Arn('The ARN of the agent.')),
    connectedToAgentTimestamp: Type.Optional(Timestamp('When the contact was connected to the agent.')),
    hierarchyGroups: Type.Optional(HierarchyGroupsSchema),
    agentInitiatedHoldDuration: Type.Optional(Seconds('Seconds the agent put the customer on hold.')),
    acceptedByAgentTimestamp: Type.Optional(Timestamp('When the agent accepted the contact.')),
    previewEndTimestamp: Type.Optional(Timestamp('When the agent preview ended.')),
    afterContactWorkStartTimestamp: Type.Optional(Timestamp('When after-contact work started.')),
    afterContactWorkEndTimestamp: Type.Optional(Timestamp('When after-contact work ended.')),
    afterContactWorkDuration: Type.Optional(Seconds('Seconds of after-contact work.')),
  },
  { ...OPEN, title: 'AgentInfo', description: 'The agent the contact was assigned to.' },
);
export type AgentInfo = Static<typeof AgentInfoSchema>;
