/** The contact-center emulator: an emulated Amazon Connect instance whose contacts emit real contact events. */
export type { Behavior, DialOutcome, HandlePlan } from './behavior.js';
export { defaultBehavior } from './behavior.js';
export type { Agent, Flow, Queue, RoutingProfile } from './center.js';
export { Center, parseCenter } from './center.js';
export type {
  AgentConfig,
  CenterConfig,
  FlowConfig,
  ProficiencyConfig,
  QueueConfig,
  RoutingProfileConfig,
  RoutingStepConfig,
} from './center-config.js';
export { BUILT_IN_CENTERS, BUILT_IN_SCENARIOS, DEMO_CENTER_YAML, DEMO_SCENARIO_YAML } from './demo.js';
export type {
  ContactDescription,
  InstanceDescription,
  ResourceSummary,
  RoutingCriteriaInput,
  StartChatContactInput,
  StartOutboundVoiceContactInput,
  StartTaskContactInput,
  TimeInput,
} from './emulator.js';
export { Emulator } from './emulator.js';
export type { EngineOptions, EngineStats, EventSink, QueueCounts } from './engine.js';
export {
  EmulatorConfigError,
  InvalidParameterError,
  InvalidRequestError,
  ResourceNotFoundError,
  ServiceQuotaExceededError,
} from './errors.js';
export { NdjsonSink } from './ndjson-sink.js';
export { PutEventsError, PutEventsSink, type PutEventsSinkOptions } from './putevents-sink.js';
export { type QuirkRates, QuirkySink } from './quirks.js';
export {
  type CreateEmulatorOptions,
  createEmulator,
  type DriveOptions,
  loadCenter,
  loadScenario,
  type PreparedScenario,
  type Progress,
  prepareScenario,
  type RunOptions,
  type RunSummary,
  runEmulator,
  runScenario,
  type Speed,
  type WallClock,
} from './run.js';
export { parseScenario, type Scenario } from './scenario.js';
export { Scheduler } from './scheduler.js';
export { parseDuration } from './time.js';
