import { parse } from 'yaml';
import type { DistributionSpec } from './distribution.js';
import { EmulatorConfigError } from './errors.js';
import type { AmdStatus, Channel, DisconnectReason } from './event-types.js';

/** Contacts arriving through a flow: Poisson with `perHour` as the daily mean rate, shaped by a profile. */
export interface ArrivalSpec {
  channel: Channel;
  flow: string;
  perHour: number;
  /** A name from `profiles`, or 24 hourly weights; flat when omitted. */
  profile?: string | number[];
  /** Tasks: share scheduled ahead, how far ahead, and share rescheduled once. */
  scheduled?: number;
  scheduleAheadMinutes?: number;
  reschedule?: number;
}

export interface CampaignSpec {
  campaignId: string;
  flow: string;
  perHour: number;
  profile?: string | number[];
  /** Share of calls placed with answering machine detection off (AMD_DISABLED). */
  amdDisabled?: number;
  /** Outcome mix when detection is on. */
  amd?: Partial<Record<AmdStatus, number>>;
  /** Share of calls whose media fails, and the reasons' mix. */
  failures?: number;
  failureReasons?: Partial<Record<DisconnectReason, number>>;
}

export interface HandlingSpec {
  accept?: DistributionSpec;
  flow?: DistributionSpec;
  talk?: DistributionSpec;
  acw?: DistributionSpec;
  patience?: DistributionSpec;
  hold?: { probability: number; duration: DistributionSpec };
  /** Tasks: pauses while the agent works on them. */
  pause?: { probability: number; duration: DistributionSpec; maxPauses?: number };
}

export interface MixSpec {
  transfer?: { probability: number; flow: string; queue?: string };
  /** Share of voice customers who, their patience run out, ask for a callback instead of hanging up. */
  callback?: number;
  callbackAnswered?: number;
  /** Share of chat customers who leave while the flow runs. */
  flowAbandon?: number;
  monitor?: number;
  externalOutbound?: number;
}

export interface ScheduleSpec {
  /** Agents whose username starts with this (all agents when omitted). */
  agents?: string;
  /** Shifts as [start, end] in `HH:MM` UTC; an end before the start runs past midnight. */
  shifts: [string, string][];
}

export interface Scenario {
  name: string;
  /** A built-in center name or a path to a center YAML file. */
  center: string;
  start?: string;
  seed?: number;
  profiles?: Record<string, number[]>;
  arrivals?: ArrivalSpec[];
  campaigns?: CampaignSpec[];
  agentOutbound?: { perHour: number; profile?: string | number[] };
  handling?: Partial<Record<Channel, HandlingSpec>>;
  mix?: MixSpec;
  schedules?: ScheduleSpec[];
}

/** Parses a scenario from YAML text. */
export function parseScenario(text: string, source = 'scenario'): Scenario {
  let s: Scenario;
  try {
    s = parse(text) as Scenario;
  } catch (cause) {
    throw new EmulatorConfigError(`${source}: not valid YAML`, { cause });
  }
  if (!s || typeof s !== 'object') throw new EmulatorConfigError(`${source}: empty scenario`);
  if (!s.center) throw new EmulatorConfigError(`${source}: a scenario names its "center"`);
  for (const a of [...(s.arrivals ?? []), ...(s.campaigns ?? [])]) {
    if (!(a.perHour >= 0)) throw new EmulatorConfigError(`${source}: perHour must be >= 0 (flow ${a.flow})`);
  }
  for (const a of s.arrivals ?? []) {
    if (!['VOICE', 'CHAT', 'TASK'].includes(a.channel)) {
      throw new EmulatorConfigError(`${source}: channel ${a.channel} (VOICE, CHAT or TASK)`);
    }
  }
  return { ...s, name: s.name ?? source };
}

/** Hourly weights normalised to a mean of 1. */
export function profileWeights(s: Scenario, profile: string | number[] | undefined): number[] {
  if (profile === undefined) return new Array(24).fill(1);
  const raw = typeof profile === 'string' ? s.profiles?.[profile] : profile;
  if (raw?.length !== 24 || raw.some((w) => !(w >= 0))) {
    throw new EmulatorConfigError(`profile ${JSON.stringify(profile)}: 24 non-negative hourly weights`);
  }
  const mean = raw.reduce((a, b) => a + b, 0) / 24;
  return mean > 0 ? raw.map((w) => w / mean) : raw;
}
