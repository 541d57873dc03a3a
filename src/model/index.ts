/** The contact event model: types, JSON Schema, canonicalization and validation of Amazon Connect events. */
export {
  canonicalizeContactEvent,
  checkContactEvent,
  checkContactEventText,
  isContactEvent,
  prepareContactEventChecks,
} from './check.js';
export { type EventDocument, type ReadOptions, readEventDocuments } from './event-documents.js';
export type { CheckResult, ModelIssue, TextCheckResult } from './issues.js';
export { contactEventJsonSchema } from './json-schema.js';
export { JsonSyntaxError, type ParseOptions, parseJson } from './json-text.js';
export type { AgentInfo, HierarchyGroup, HierarchyGroups } from './schema/agent.js';
export { AgentInfoSchema, HierarchyGroupSchema, HierarchyGroupsSchema } from './schema/agent.js';
export type { ContactLens } from './schema/contact-lens.js';
export { ContactLensSchema } from './schema/contact-lens.js';
export type {
  Campaign,
  ContactEventDetail,
  CustomerVoiceActivity,
  QueueInfo,
  SegmentAttributes,
  SegmentAttributeValue,
  SystemEndpoint,
  Tags,
} from './schema/detail.js';
export {
  CampaignSchema,
  ContactEventDetailSchema,
  CustomerVoiceActivitySchema,
  QueueInfoSchema,
  SegmentAttributesSchema,
  SegmentAttributeValueSchema,
  SystemEndpointSchema,
  TagsSchema,
} from './schema/detail.js';
export type {
  AmdStatus,
  Channel,
  ComparisonOperator,
  ContactEventType,
  DisconnectReason,
  InitiationMethod,
  ProficiencyLevel,
  QueueType,
  StepStatus,
  UpdatedProperty,
} from './schema/enums.js';
export {
  AMD_STATUSES,
  CHANNELS,
  COMPARISON_OPERATORS,
  DISCONNECT_REASONS,
  EVENT_TYPES,
  INITIATION_METHODS,
  PROFICIENCY_LEVELS,
  QUEUE_TYPES,
  STEP_STATUSES,
  UPDATED_PROPERTIES,
} from './schema/enums.js';
export type { ContactEventEnvelope } from './schema/envelope.js';
export {
  CONTACT_EVENT_DETAIL_TYPE,
  CONTACT_EVENT_SOURCE,
  ContactEventEnvelopeSchema,
} from './schema/envelope.js';
export { PLACEHOLDER_TIMESTAMP, TIMESTAMP_PATTERN } from './schema/primitives.js';
export type {
  AgentsCriteria,
  AttributeCondition,
  Expiry,
  MatchCriteria,
  ProficiencyRange,
  RoutingCriteria,
  RoutingExpression,
  RoutingStep,
} from './schema/routing.js';
export {
  AgentsCriteriaSchema,
  AttributeConditionSchema,
  ExpirySchema,
  MatchCriteriaSchema,
  RoutingCriteriaSchema,
  RoutingExpressionSchema,
  RoutingStepSchema,
} from './schema/routing.js';
