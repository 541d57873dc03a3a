import type { HandlePlan } from './behavior.js';
import type { Agent, Flow, Queue } from './center.js';
import type { ContactJson } from './event-json.js';
import type {
  AgentInfo,
  AmdStatus,
  Channel,
  ContactEventDetail,
  DisconnectReason,
  InitiationMethod,
  QueueInfo,
  RoutingCriteria,
  RoutingStep,
  SegmentAttributes,
  StateTransition,
} from './event-types.js';
import type { Timer } from './scheduler.js';

/** Where a contact is in its lifecycle. */
export type ContactState =
  | 'SCHEDULED'
  | 'DIALING'
  | 'IN_FLOW'
  | 'QUEUED'
  | 'OFFERED'
  | 'CONNECTED'
  | 'ACW'
  | 'ENDED';

/** How a scenario plays the customer and the agent of one contact (absent for contacts driven by the API). */
export interface ContactPlan {
  /** Seconds the customer waits in queue before giving up. */
  patienceMs?: number;
  /** On running out of patience, ask for a callback instead of hanging up. */
  callback?: boolean;
  /** Seconds the customer spends in the flow before hanging up (abandon in the flow). */
  flowAbandonMs?: number;
  /** Customer answer delay and outcome for calls the center places (callbacks, outbound). */
  answerMs?: number;
  answers?: boolean;
}

export interface CriteriaState {
  index: number;
  activationMs?: number;
  steps: {
    status: RoutingStep['status'];
    expression: RoutingStep['expression'];
    durationMs?: number;
    expiryMs?: number;
  }[];
  /** Index of the ACTIVE step; steps.length once every step expired (any agent of the queue). */
  active: number;
}

/**
 * One contact and everything its events carry. Objects that events reference (tags, attributes, the
 * queueInfo / agentInfo / routingCriteria snapshots) are replaced, never mutated, so that an emitted event
 * keeps the values it had when it was emitted without being copied. The id, ARN, resources, channel,
 * method and links to other contacts are set when the contact is created and never change; the id is a
 * generated UUID and the ARN the instance's with `/contact/` and the id, which the NDJSON writer relies on.
 */
export interface Contact {
  id: string;
  arn: string;
  /** The envelope's resources: [instance ARN, contact ARN], shared by every event of the contact. */
  resources: string[];
  channel: Channel;
  method: InitiationMethod;
  initialContactId?: string;
  previousContactId?: string;
  relatedContactId?: string;
  state: ContactState;
  initiationMs: number;
  initiationIso: string;
  /** Campaign calls: the INITIATED event's initiation time, before it is updated to the call's start. */
  firstInitiationIso?: string;
  connectedToSystemIso?: string;
  disconnectIso?: string;
  scheduledMs?: number;
  scheduledIso?: string;
  flow?: Flow;
  disconnectFlow?: Flow;
  queue?: Queue;
  enqueueMs?: number;
  /** Routing order in the queue: lower priority first, then lower key (enqueue time minus any adjustment). */
  routingKeyMs: number;
  priority: number;
  /** Priority or key changed by UpdateContactRoutingData: the queue is no longer in plain arrival order. */
  adjusted?: boolean;
  queueInfo?: QueueInfo;
  /** A transfer to an agent: the agent whose own queue the flow puts the contact in. */
  targetAgent?: Agent;
  agent?: Agent;
  connectedToAgentMs?: number;
  connectedToAgentIso?: string;
  holdStartMs?: number;
  holdMs: number;
  acwStartMs?: number;
  acwStartIso?: string;
  agentInfo?: AgentInfo;
  attributes: Record<string, string>;
  tags: Record<string, string>;
  segmentAttributes?: SegmentAttributes;
  contactLens?: ContactEventDetail['contactLens'];
  criteria?: CriteriaState;
  routingCriteria?: RoutingCriteria;
  campaignId?: string;
  campaign?: { campaignId: string };
  amdStatus?: AmdStatus;
  disconnectReason?: DisconnectReason;
  greeting?: { greetingStartTimestamp: string; greetingEndTimestamp: string };
  paused: boolean;
  pauseCount: number;
  stateTransitions?: StateTransition[];
  /** Monitor and external legs that end with this contact. */
  legs?: Contact[];
  /**
   * The contacts linked to one another by their previous contact (transfers, callbacks, external legs,
   * tasks started with a PreviousContactId), in the order they were made, shared by all of them: an
   * update of user-defined attributes reaches every one.
   */
  chain?: Contact[];
  name?: string;
  description?: string;
  outcome?: string;
  plan?: ContactPlan;
  /** How the agent handles it, drawn when the agent connects. */
  handling?: HandlePlan;
  /** Its events' fixed text, when events are written as NDJSON (see {@link ContactJson}). */
  json?: ContactJson;
  /** The lifecycle's next step (flow end, ringing, talk...). */
  timer?: Timer;
  patienceTimer?: Timer;
  stepTimer?: Timer;
  expiryTimer?: Timer;
  delayTimers?: Timer[];
}

/** The attributes of a contact that has none: one frozen object for all of them. */
export const NO_ATTRIBUTES: Record<string, string> = Object.freeze({}) as Record<string, string>;

/**
 * A new contact with every field present from the start (undefined until the lifecycle reaches it), so
 * that all contacts share one object shape and the state machine's property accesses stay monomorphic.
 */
export function newContactRecord(
  init: Pick<
    Contact,
    'id' | 'arn' | 'resources' | 'channel' | 'method' | 'initiationMs' | 'initiationIso' | 'tags'
  >,
): Contact {
  return {
    id: init.id,
    arn: init.arn,
    resources: init.resources,
    channel: init.channel,
    method: init.method,
    initialContactId: undefined,
    previousContactId: undefined,
    relatedContactId: undefined,
    state: 'IN_FLOW',
    initiationMs: init.initiationMs,
    initiationIso: init.initiationIso,
    firstInitiationIso: undefined,
    connectedToSystemIso: undefined,
    disconnectIso: undefined,
    scheduledMs: undefined,
    scheduledIso: undefined,
    flow: undefined,
    disconnectFlow: undefined,
    queue: undefined,
    enqueueMs: undefined,
    routingKeyMs: 0,
    priority: 5,
    adjusted: undefined,
    queueInfo: undefined,
    targetAgent: undefined,
    agent: undefined,
    connectedToAgentMs: undefined,
    connectedToAgentIso: undefined,
    holdStartMs: undefined,
    holdMs: 0,
    acwStartMs: undefined,
    acwStartIso: undefined,
    agentInfo: undefined,
    attributes: NO_ATTRIBUTES,
    tags: init.tags,
    segmentAttributes: undefined,
    contactLens: undefined,
    criteria: undefined,
    routingCriteria: undefined,
    campaignId: undefined,
    campaign: undefined,
    amdStatus: undefined,
    disconnectReason: undefined,
    greeting: undefined,
    paused: false,
    pauseCount: 0,
    stateTransitions: undefined,
    legs: undefined,
    chain: undefined,
    name: undefined,
    description: undefined,
    outcome: undefined,
    plan: undefined,
    handling: undefined,
    timer: undefined,
    patienceTimer: undefined,
    stepTimer: undefined,
    expiryTimer: undefined,
    delayTimers: undefined,
    json: undefined,
  };
}
