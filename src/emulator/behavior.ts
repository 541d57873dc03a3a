import type { Agent, Queue } from './center.js';
import type { Contact, ContactPlan } from './contact.js';
import type { AmdStatus, Channel, DisconnectReason } from './event-types.js';

/** What happens while an agent handles a contact, drawn when the agent connects. Times are from connect. */
export interface HandlePlan {
  talkMs: number;
  hold?: { atMs: number; ms: number };
  /** Tasks: pause at `atMs` for `ms` (at most 10 per task). */
  pauses?: { atMs: number; ms: number }[];
  /** Transfer at the end instead of hanging up: to a queue, or to an agent, through a flow. */
  transfer?: { flow: string; queue?: Queue; agent?: Agent };
  /** Voice: the agent adds an external participant (EXTERNAL_OUTBOUND leg). */
  external?: { atMs: number; ms: number };
  /** Voice: a supervisor monitors the contact, optionally barging in. */
  monitor?: { supervisor: Agent; atMs: number; bargeAtMs?: number };
}

/** How an outbound dial goes. */
export interface DialOutcome {
  /** Campaign calls: time from INITIATED until the call is started (initiationTimestamp update). */
  startMs?: number;
  /** Ringing time until media (answer, voicemail, tone) or failure. */
  ringMs: number;
  answered: boolean;
  amdStatus?: AmdStatus;
  disconnectReason?: DisconnectReason;
  /** Greeting length when a person or a voicemail answered. */
  greetingMs?: number;
  /** Non-human media (voicemail message, tone) lasts this long before the call ends. */
  mediaMs?: number;
}

/**
 * The automatic parts of the world: how long flows, ringing, talk and after-contact work take, how
 * customers behave. A scenario supplies one drawn from its distributions; the default is fixed and small.
 */
export interface Behavior {
  /** How the customer of a new contact behaves (patience, callback, abandon in the flow); none: waits forever. */
  plan?(contact: Contact): ContactPlan | undefined;
  flowMs(contact: Contact, flowDurationMs: number | undefined): number;
  acceptMs(channel: Channel): number;
  handle(contact: Contact, agent: Agent): HandlePlan;
  acwMs(contact: Contact): number;
  dial(contact: Contact, amdEnabled: boolean): DialOutcome;
}

/** Fixed, predictable timings: used when no scenario drives the center. */
export const defaultBehavior: Behavior = {
  flowMs: (_c, flowMs) => flowMs ?? 2000,
  acceptMs: (channel) => (channel === 'VOICE' ? 3000 : 1000),
  handle: () => ({ talkMs: 120_000 }),
  acwMs: () => 30_000,
  dial: (_c, amd) => ({
    ringMs: 5000,
    answered: true,
    ...(amd ? { amdStatus: 'HUMAN_ANSWERED', greetingMs: 1500 } : {}),
  }),
};
