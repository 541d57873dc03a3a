/** The public API of the `contact-events` package: named re-exports only, internals stay internal. */

export { Bus, type BusOptions } from './bus/index.js';
export {
  ConnectApiError,
  type ConnectApiOptions,
  type ConnectEngine,
  type ContactEventSink,
  connectApiPlugin,
  type RawRequest,
} from './connect-api/index.js';
export type {
  CenterConfig,
  EventSink,
  QuirkRates,
  RunOptions,
  RunSummary,
  Scenario,
} from './emulator/index.js';
export {
  Center,
  createEmulator,
  Emulator,
  EmulatorConfigError,
  InvalidParameterError,
  InvalidRequestError,
  loadCenter,
  loadScenario,
  NdjsonSink,
  PutEventsSink,
  ResourceNotFoundError,
  runEmulator,
  runScenario,
} from './emulator/index.js';
export type { EventLog, LogEntry, LogRecord } from './log/index.js';
export { SqliteEventLog } from './log/index.js';
export type {
  AgentInfo,
  AgentsCriteria,
  AmdStatus,
  AttributeCondition,
  Campaign,
  Channel,
  CheckResult,
  ComparisonOperator,
  ContactEventDetail,
  ContactEventEnvelope,
  ContactEventType,
  ContactLens,
  CustomerVoiceActivity,
  DisconnectReason,
  EventDocument,
  Expiry,
  HierarchyGroup,
  HierarchyGroups,
  InitiationMethod,
  MatchCriteria,
  ModelIssue,
  ProficiencyLevel,
  ProficiencyRange,
  QueueInfo,
  QueueType,
  RoutingCriteria,
  RoutingExpression,
  RoutingStep,
  SegmentAttributes,
  SegmentAttributeValue,
  StepStatus,
  SystemEndpoint,
  Tags,
  TextCheckResult,
  UpdatedProperty,
} from './model/index.js';
export {
  CONTACT_EVENT_DETAIL_TYPE,
  CONTACT_EVENT_SOURCE,
  canonicalizeContactEvent,
  checkContactEvent,
  checkContactEventText,
  contactEventJsonSchema,
  isContactEvent,
  JsonSyntaxError,
  PLACEHOLDER_TIMESTAMP,
  parseJson,
  prepareContactEventChecks,
  readEventDocuments,
} from './model/index.js';
export type { PatternTree } from './patterns/index.js';
export {
  CompiledPattern,
  compilePattern,
  InvalidEventPatternError,
  RuleMatcher,
  testEventPattern,
} from './patterns/index.js';
export { type RunningServer, startServer } from './server/index.js';
export type {
  ApiDestinationConfig,
  Clock,
  ConnectionConfig,
  DeliveryFailure,
  DeliveryOutcome,
  DeliveryRequest,
  HttpParameters,
  Target,
  TargetOptions,
  TargetSpec,
} from './targets/index.js';
export {
  createTarget,
  ManualClock,
  TargetConfigError,
  TargetSpecSchema,
  verifyWebhook,
  WebhookVerificationError,
} from './targets/index.js';
export type { InputTransformer, RenderContext, TargetInputConfig } from './transform/index.js';
export {
  compileTargetInput,
  renderTargetInput,
  ValidationException,
  validateInputTransformer,
  validateTargetInput,
} from './transform/index.js';
