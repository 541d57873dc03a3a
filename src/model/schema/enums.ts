/**
 * The documented values of every enumeration of a contact event. The seed's values come first, then the
 * values the current Amazon Connect documentation adds. The lists are open: see `OpenEnum`.
 */

export const EVENT_TYPES = [
  'INITIATED',
  'CONNECTED_TO_SYSTEM',
  'CONTACT_DATA_UPDATED',
  'QUEUED',
  'CONNECTED_TO_AGENT',
  'DISCONNECTED',
  'PAUSED',
  'RESUMED',
  'AMD_DISABLED',
  'COMPLETED',
  'WEBRTC_API',
] as const;
export type ContactEventType = (typeof EVENT_TYPES)[number];

export const CHANNELS = ['VOICE', 'CHAT', 'TASK', 'EMAIL'] as const;
export type Channel = (typeof CHANNELS)[number];

export const INITIATION_METHODS = [
  'INBOUND',
  'OUTBOUND',
  'TRANSFER',
  'CALLBACK',
  'API',
  'QUEUE_TRANSFER',
  'EXTERNAL_OUTBOUND',
  'MONITOR',
  'DISCONNECT',
  'AGENT_REPLY',
  'FLOW',
] as const;
export type InitiationMethod = (typeof INITIATION_METHODS)[number];

export const AMD_STATUSES = [
  'HUMAN_ANSWERED',
  'VOICEMAIL_BEEP',
  'VOICEMAIL_NO_BEEP',
  'AMD_UNANSWERED',
  'AMD_UNRESOLVED',
  'AMD_UNRESOLVED_SILENCE',
  'AMD_NOT_APPLICABLE',
  'SIT_TONE_BUSY',
  'SIT_TONE_INVALID_NUMBER',
  'SIT_TONE_DETECTED',
  'FAX_MACHINE_DETECTED',
  'AMD_ERROR',
] as const;
export type AmdStatus = (typeof AMD_STATUSES)[number];

export const DISCONNECT_REASONS = [
  'OUTBOUND_DESTINATION_ENDPOINT_ERROR',
  'OUTBOUND_RESOURCE_ERROR',
  'OUTBOUND_ATTEMPT_FAILED',
  'EXPIRED',
  'DISCARDED',
] as const;
export type DisconnectReason = (typeof DISCONNECT_REASONS)[number];

export const STEP_STATUSES = [
  'EXPIRED',
  'ACTIVE',
  'JOINED',
  'INACTIVE',
  'DEACTIVATED',
  'INTERRUPTED',
] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

export const COMPARISON_OPERATORS = ['NumberGreaterOrEqualTo', 'Match', 'Range'] as const;
export type ComparisonOperator = (typeof COMPARISON_OPERATORS)[number];

export const QUEUE_TYPES = ['STANDARD', 'AGENT'] as const;
export type QueueType = (typeof QUEUE_TYPES)[number];

export const UPDATED_PROPERTIES = [
  'ScheduledTimestamp',
  'UserDefinedAttributes',
  'ContactLens.ConversationalAnalytics.Configuration',
  'Segment Attributes',
  'Tags',
  'RoutingCriteria.Step.Status',
] as const;
export type UpdatedProperty = (typeof UPDATED_PROPERTIES)[number];

export const PROFICIENCY_LEVELS = [1, 2, 3, 4, 5] as const;
export type ProficiencyLevel = (typeof PROFICIENCY_LEVELS)[number];
