import type {
  AmdStatus,
  AttributeCondition,
  ContactLens,
  DisconnectReason,
  RoutingExpression,
} from '../model/index.js';

/**
 * The shapes the emulator emits: the modern, camelCase form of Amazon Connect contact events inside an
 * EventBridge envelope. They are structurally the model's `ContactEventEnvelope`; kept here as plain
 * interfaces so that the hot path builds plain objects with a stable shape.
 */
export type Channel = 'VOICE' | 'CHAT' | 'TASK';

export type InitiationMethod =
  | 'INBOUND'
  | 'OUTBOUND'
  | 'TRANSFER'
  | 'CALLBACK'
  | 'API'
  | 'QUEUE_TRANSFER'
  | 'EXTERNAL_OUTBOUND'
  | 'MONITOR'
  | 'DISCONNECT';

export type EventType =
  | 'INITIATED'
  | 'CONNECTED_TO_SYSTEM'
  | 'CONTACT_DATA_UPDATED'
  | 'QUEUED'
  | 'CONNECTED_TO_AGENT'
  | 'DISCONNECTED'
  | 'PAUSED'
  | 'RESUMED'
  | 'AMD_DISABLED'
  | 'COMPLETED';

export type UpdatedProperty =
  | 'ScheduledTimestamp'
  | 'UserDefinedAttributes'
  | 'ContactLens.ConversationalAnalytics.Configuration'
  | 'Segment Attributes'
  | 'Tags'
  | 'RoutingCriteria.Step.Status';

/**
 * Every answering-machine detection status and every disconnect reason of a campaign call the model
 * documents (DISCARDED included): a campaign call can end in any.
 */
export { AMD_STATUSES, type AmdStatus, DISCONNECT_REASONS, type DisconnectReason } from '../model/index.js';

export type StepStatus = 'EXPIRED' | 'ACTIVE' | 'JOINED' | 'INACTIVE' | 'DEACTIVATED' | 'INTERRUPTED';

/** Routing expressions are the model's: AND / OR lists and attribute conditions. */
export type { AttributeCondition, RoutingExpression };

export interface RoutingStep {
  status: StepStatus;
  expression: RoutingExpression;
  expiry?: { durationInSeconds: number; expiryTimestamp?: string };
}

export interface RoutingCriteria {
  activationTimestamp?: string;
  index: number;
  steps: RoutingStep[];
}

export interface HierarchyGroups {
  level1?: { arn: string };
  level2?: { arn: string };
  level3?: { arn: string };
  level4?: { arn: string };
  level5?: { arn: string };
}

export interface AgentInfo {
  agentArn: string;
  connectedToAgentTimestamp?: string;
  acceptedByAgentTimestamp?: string;
  hierarchyGroups?: HierarchyGroups;
  agentInitiatedHoldDuration?: number;
  afterContactWorkStartTimestamp?: string;
  afterContactWorkEndTimestamp?: string;
  afterContactWorkDuration?: number;
}

export interface QueueInfo {
  queueArn: string;
  queueType: 'STANDARD' | 'AGENT';
  enqueueTimestamp?: string;
}

export interface StateTransition {
  state: 'SILENT_MONITOR' | 'BARGE';
  stateStartTimestamp: string;
  stateEndTimestamp?: string;
}

export type SegmentAttributes = Record<string, { valueString: string }>;

export interface ContactEventDetail {
  eventType: EventType;
  contactId: string;
  initialContactId?: string;
  previousContactId?: string;
  relatedContactId?: string;
  channel: Channel;
  instanceArn: string;
  initiationMethod: InitiationMethod;
  initiationTimestamp: string;
  connectedToSystemTimestamp?: string;
  disconnectTimestamp?: string;
  scheduledTimestamp?: string;
  updatedProperties?: UpdatedProperty[];
  queueInfo?: QueueInfo;
  agentInfo?: AgentInfo;
  customerVoiceActivity?: { greetingStartTimestamp: string; greetingEndTimestamp: string };
  campaign?: { campaignId: string };
  answeringMachineDetectionStatus?: AmdStatus;
  disconnectReason?: DisconnectReason;
  tags: Record<string, string>;
  segmentAttributes?: SegmentAttributes;
  contactLens?: ContactLens;
  routingCriteria?: RoutingCriteria;
  stateTransitions?: StateTransition[];
}

export interface ContactEventEnvelope {
  version: '0';
  id: string;
  'detail-type': 'Amazon Connect Contact Event';
  source: 'aws.connect';
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: ContactEventDetail;
}
