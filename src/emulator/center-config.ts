import type { Channel, RoutingExpression } from './event-types.js';

/** A predefined attribute an agent is proficient in (routing criteria match on these). */
export interface ProficiencyConfig {
  name: string;
  value: string;
  /** 1.0 to 5.0. */
  level: number;
}

export interface QueueConfig {
  name: string;
  id?: string;
}

/** A queue an agent of the profile takes contacts from; lower priority numbers are served first. */
export interface ProfileQueueConfig {
  queue: string;
  priority?: number;
  /** Seconds a contact must have waited before agents of this profile are offered it. */
  delay?: number;
  /** Channels served from this queue; all of the profile's channels when omitted. */
  channels?: Channel[];
}

export interface RoutingProfileConfig {
  name: string;
  id?: string;
  /** Concurrency per channel: how many contacts of each channel an agent holds at once. */
  channels: Partial<Record<Channel, number>>;
  queues: ProfileQueueConfig[];
}

export interface AgentConfig {
  username: string;
  id?: string;
  /** Expands to `count` agents named `username-0001`, `username-0002`... */
  count?: number;
  routingProfile: string;
  /** Hierarchy group names, level 1 first (up to 5). */
  hierarchy?: string[];
  proficiencies?: ProficiencyConfig[];
  /** `auto`: the scenario plays the agent; `manual`: only agent actions through the API move its contacts. */
  control?: 'auto' | 'manual';
  /** Status at start of the run; a scenario's schedules may change it. */
  status?: 'Available' | 'Offline';
}

export interface RoutingStepConfig {
  expression: RoutingExpression;
  /** Seconds the step waits for a matching agent; the last step may omit it (waits forever). */
  expirySeconds?: number;
}

/**
 * A contact flow as the emulator models it: it runs for `durationSeconds`, applies what it sets (each
 * a CONTACT_DATA_UPDATED), then ends the contact, queues it, or transfers it.
 */
export interface FlowConfig {
  name: string;
  id?: string;
  durationSeconds?: number;
  setAttributes?: Record<string, string>;
  setTags?: Record<string, string>;
  setSegmentAttributes?: Record<string, string>;
  /** Enables Contact Lens conversational analytics on the contact. */
  contactLens?: boolean;
  routingCriteria?: RoutingStepConfig[];
  /** The queue the flow transfers the contact to. */
  queue?: string;
  /** The flow ends the contact instead of queueing it. */
  disconnect?: boolean;
  /** The flow that runs when the contact disconnects (set disconnect flow block). */
  disconnectFlow?: string;
  /** In a disconnect flow: a follow-up task the flow creates (initiation method DISCONNECT). */
  createTask?: { name: string; flow: string };
  /** Offers a queued callback: seconds before the callback contact is queued. */
  callbackDelaySeconds?: number;
}

export interface CenterConfig {
  name?: string;
  instance: { id?: string; alias?: string; account?: string; region?: string };
  phoneNumber?: string;
  queues: QueueConfig[];
  routingProfiles: RoutingProfileConfig[];
  agents: AgentConfig[];
  flows: FlowConfig[];
}
