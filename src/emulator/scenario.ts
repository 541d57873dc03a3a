import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { AMD_STATUSES, DISCONNECT_REASONS } from '../model/index.js';
import { ChannelSchema, ConfigOrigin, type ConfigPath, configReader, STRICT } from './config-check.js';
import { DistributionSchema } from './distribution.js';
import { EmulatorConfigError } from './errors.js';
import { MAX_SEED } from './rng.js';

const Share = Type.Number({ minimum: 0, maximum: 1, description: 'a share between 0 and 1' });
const PerHour = Type.Number({ minimum: 0 });
const HourlyWeights = Type.Array(Type.Number({ minimum: 0 }), { minItems: 24, maxItems: 24 });
/** A name from `profiles`, or 24 hourly weights; flat when omitted. */
const ProfileSchema = Type.Union([Type.String({ minLength: 1 }), HourlyWeights], {
  description: 'a profile name or 24 non-negative hourly weights',
});
type Profile = Static<typeof ProfileSchema>;
/** Weights of named outcomes, each key one of `names`. */
const Mix = (names: readonly string[]) =>
  Type.Object(
    Object.fromEntries(names.map((n) => [n, Type.Optional(Type.Number({ minimum: 0 }))])) as Record<
      string,
      TSchema
    >,
    STRICT,
  );
const HOUR_MINUTE = '([01]?\\d|2[0-3]):[0-5]\\d';
const ShiftStart = Type.String({
  pattern: `^${HOUR_MINUTE}$`,
  description: 'a time of day from 00:00 to 23:59',
});
/** "24:00" ends a shift at midnight: the shift's edge falls at the start of the next day, as "00:00" would. */
const ShiftEnd = Type.String({
  pattern: `^(${HOUR_MINUTE}|24:00)$`,
  description: 'a time of day from 00:00 to 24:00',
});

/** Contacts arriving through a flow: Poisson with `perHour` as the daily mean rate, shaped by a profile. */
const ArrivalSchema = Type.Object(
  {
    channel: ChannelSchema,
    flow: Type.String({ minLength: 1 }),
    perHour: PerHour,
    profile: Type.Optional(ProfileSchema),
    /** Tasks: share scheduled ahead, how far ahead, and share rescheduled once. */
    scheduled: Type.Optional(Share),
    scheduleAheadMinutes: Type.Optional(Type.Number({ minimum: 0 })),
    reschedule: Type.Optional(Share),
  },
  STRICT,
);
export type ArrivalSpec = Static<typeof ArrivalSchema>;

const CampaignSchema = Type.Object(
  {
    campaignId: Type.String({ minLength: 1 }),
    flow: Type.String({ minLength: 1 }),
    perHour: PerHour,
    profile: Type.Optional(ProfileSchema),
    /** Share of calls placed with answering machine detection off (AMD_DISABLED). */
    amdDisabled: Type.Optional(Share),
    /** Outcome mix when detection is on. */
    amd: Type.Optional(Mix(AMD_STATUSES)),
    /** Share of calls whose media fails, and the reasons' mix. */
    failures: Type.Optional(Share),
    failureReasons: Type.Optional(Mix(DISCONNECT_REASONS)),
  },
  STRICT,
);
export type CampaignSpec = Static<typeof CampaignSchema>;

const HandlingSchema = Type.Object(
  {
    accept: Type.Optional(DistributionSchema),
    flow: Type.Optional(DistributionSchema),
    talk: Type.Optional(DistributionSchema),
    acw: Type.Optional(DistributionSchema),
    patience: Type.Optional(DistributionSchema),
    hold: Type.Optional(Type.Object({ probability: Share, duration: DistributionSchema }, STRICT)),
    /** Tasks: pauses while the agent works on them. */
    pause: Type.Optional(
      Type.Object(
        {
          probability: Share,
          duration: DistributionSchema,
          maxPauses: Type.Optional(Type.Integer({ minimum: 0, maximum: 10 })),
        },
        STRICT,
      ),
    ),
  },
  STRICT,
);
export type HandlingSpec = Static<typeof HandlingSchema>;

const MixSchema = Type.Object(
  {
    transfer: Type.Optional(
      Type.Object(
        {
          probability: Share,
          flow: Type.String({ minLength: 1 }),
          queue: Type.Optional(Type.String({ minLength: 1 })),
        },
        STRICT,
      ),
    ),
    /** Share of voice customers who, their patience run out, ask for a callback instead of hanging up. */
    callback: Type.Optional(Share),
    callbackAnswered: Type.Optional(Share),
    /** Share of chat customers who leave while the flow runs. */
    flowAbandon: Type.Optional(Share),
    monitor: Type.Optional(Share),
    externalOutbound: Type.Optional(Share),
  },
  STRICT,
);
export type MixSpec = Static<typeof MixSchema>;

const ScheduleSchema = Type.Object(
  {
    /** Agents under auto control whose username starts with this (all of them when omitted). */
    agents: Type.Optional(Type.String()),
    /** Shifts as [start, end] in `HH:MM` UTC; an end before the start runs past midnight. */
    shifts: Type.Array(Type.Tuple([ShiftStart, ShiftEnd])),
  },
  STRICT,
);
export type ScheduleSpec = Static<typeof ScheduleSchema>;

export const ScenarioSchema = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1 })),
    /** A built-in center name or a path to a center YAML file. */
    center: Type.String({ minLength: 1 }),
    start: Type.Optional(
      Type.String({
        pattern: '^\\d{4}-\\d{2}-\\d{2}(T[\\d:.]+(Z|[+-]\\d{2}:?\\d{2})?)?$',
        description: 'an ISO 8601 date-time',
      }),
    ),
    /** The run's generators take 32 bits: a larger seed would repeat a smaller one's run. */
    seed: Type.Optional(
      Type.Integer({ minimum: 0, maximum: MAX_SEED, description: `an integer from 0 to ${MAX_SEED}` }),
    ),
    profiles: Type.Optional(Type.Record(Type.String(), HourlyWeights)),
    arrivals: Type.Optional(Type.Array(ArrivalSchema)),
    campaigns: Type.Optional(Type.Array(CampaignSchema)),
    agentOutbound: Type.Optional(
      Type.Object({ perHour: PerHour, profile: Type.Optional(ProfileSchema) }, STRICT),
    ),
    handling: Type.Optional(
      Type.Object(
        {
          VOICE: Type.Optional(HandlingSchema),
          CHAT: Type.Optional(HandlingSchema),
          TASK: Type.Optional(HandlingSchema),
        },
        STRICT,
      ),
    ),
    mix: Type.Optional(MixSchema),
    schedules: Type.Optional(Type.Array(ScheduleSchema)),
  },
  STRICT,
);
export type Scenario = Static<typeof ScenarioSchema> & { name: string };

const reader = configReader<Static<typeof ScenarioSchema>>(ScenarioSchema);

/** Where each checked scenario came from, for the errors found once its center is known. */
const origins = new WeakMap<Scenario, ConfigOrigin>();

/**
 * Parses a scenario from YAML text. Unknown keys, wrong types and values out of range are errors that
 * name the key's path and line.
 */
export function parseScenario(text: string, source = 'scenario'): Scenario {
  const { value, origin } = reader.read(text, source);
  return checked(value, origin);
}

/** A scenario given as an object (from code), checked as a file would be. */
export function checkScenario(scenario: Scenario): Scenario {
  const origin = origins.get(scenario) ?? new ConfigOrigin(`scenario ${scenario?.name ?? ''}`.trim());
  return checked(reader.check(scenario, origin.source), origin, scenario.name);
}

/**
 * What a scenario's errors start with and, when it was parsed from text and not changed since, the lines
 * of its keys: a problem with a flow or an agent of the center is found only once the center is loaded.
 */
export function scenarioOrigin(s: Scenario): ConfigOrigin {
  return origins.get(s) ?? new ConfigOrigin(`scenario ${s.name}`);
}

/** What the schema cannot see, but the scenario alone shows: dates, references to its own profiles, mixes. */
function checked(s: Static<typeof ScenarioSchema>, origin: ConfigOrigin, name = origin.source): Scenario {
  if (s.start !== undefined && Number.isNaN(Date.parse(s.start)))
    throw origin.error(['start'], `"${s.start}" is not a date-time`);
  const profiled: [ConfigPath, Profile | undefined][] = [
    [['agentOutbound', 'profile'], s.agentOutbound?.profile],
  ];
  for (const [i, a] of (s.arrivals ?? []).entries()) profiled.push([['arrivals', i, 'profile'], a.profile]);
  for (const [i, c] of (s.campaigns ?? []).entries()) profiled.push([['campaigns', i, 'profile'], c.profile]);
  for (const [path, profile] of profiled) {
    if (typeof profile === 'string' && s.profiles?.[profile] === undefined) {
      throw origin.error(path, `unknown profile "${profile}" (${profileNames(s)})`);
    }
  }
  for (const [i, c] of (s.campaigns ?? []).entries()) {
    for (const key of ['amd', 'failureReasons'] as const) {
      const mix = c[key];
      // Outcomes are drawn in proportion to their weights: with none above 0 there is nothing to draw.
      if (mix && !Object.values(mix).some((w) => typeof w === 'number' && w > 0))
        throw origin.error(['campaigns', i, key], 'a mix needs at least one positive weight');
    }
  }
  const scenario = { ...s, name: s.name ?? name };
  origins.set(scenario, origin);
  return scenario;
}

function profileNames(s: Static<typeof ScenarioSchema>): string {
  const known = Object.keys(s.profiles ?? {});
  return known.length > 0 ? `profiles: ${known.join(', ')}` : 'no profiles declared';
}

/** Hourly weights normalised to a mean of 1. */
export function profileWeights(s: Scenario, profile: string | number[] | undefined): number[] {
  if (profile === undefined) return new Array(24).fill(1);
  const raw = typeof profile === 'string' ? s.profiles?.[profile] : profile;
  if (raw === undefined) {
    throw new EmulatorConfigError(`scenario ${s.name}: unknown profile "${profile}" (${profileNames(s)})`);
  }
  if (raw.length !== 24 || raw.some((w) => !(w >= 0))) {
    throw new EmulatorConfigError(`profile ${JSON.stringify(profile)}: 24 non-negative hourly weights`);
  }
  const mean = raw.reduce((a, b) => a + b, 0) / 24;
  return mean > 0 ? raw.map((w) => w / mean) : raw;
}
