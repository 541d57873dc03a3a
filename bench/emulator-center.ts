import type { CenterConfig } from '../src/emulator/index.js';
import type { Scenario } from '../src/emulator/scenario.js';

/**
 * The benchmark's center: `agents` agents over 20 queues and 10 routing profiles, every channel, a few
 * skill-routed flows; and a day of traffic sized at about 100 contacts per agent.
 */
export function benchCenter(agents: number): CenterConfig {
  const queues = Array.from({ length: 20 }, (_, i) => ({ name: `Q${i}` }));
  const routingProfiles = Array.from({ length: 10 }, (_, p) => ({
    name: `P${p}`,
    channels: { VOICE: 1, CHAT: 3, TASK: 2 },
    queues: [
      { queue: `Q${2 * p}`, priority: 1 },
      { queue: `Q${2 * p + 1}`, priority: 1 },
      { queue: `Q${(2 * p + 2) % 20}`, priority: 2, delay: 20 },
    ],
  }));
  const perProfile = Math.floor(agents / 10);
  const agentGroups = routingProfiles.map((p, i) => ({
    username: `agent-p${i}`,
    count: perProfile,
    routingProfile: p.name,
    hierarchy: ['World', `Site${i % 3}`, `Team${i}`],
    proficiencies: [{ name: 'Language', value: i % 2 ? 'English' : 'Spanish', level: 3 + (i % 3) }],
  }));
  const flows = queues.flatMap((q, i) => [
    { name: `In-${q.name}`, durationSeconds: 15, setAttributes: { line: q.name }, queue: q.name },
    {
      name: `Skill-${q.name}`,
      durationSeconds: 10,
      queue: q.name,
      routingCriteria: [
        {
          expression: {
            attributeCondition: {
              name: 'Language',
              value: i % 2 ? 'English' : 'Spanish',
              comparisonOperator: 'NumberGreaterOrEqualTo' as const,
              proficiencyLevel: 4 as const,
            },
          },
          expirySeconds: 20,
        },
      ],
    },
  ]);
  flows.push({ name: 'Transfer', durationSeconds: 3, setAttributes: { line: 'transfer' }, queue: 'Q0' });
  return { name: 'bench', instance: { alias: 'bench' }, queues, routingProfiles, agents: agentGroups, flows };
}

export function benchScenario(agents: number): Scenario {
  const scale = agents / 10_000;
  const per = (n: number) => Math.round(n * scale);
  const profile = [
    0.3, 0.2, 0.2, 0.2, 0.3, 0.5, 0.8, 1.1, 1.4, 1.6, 1.6, 1.5, 1.4, 1.5, 1.6, 1.5, 1.4, 1.2, 1, 0.9, 0.7,
    0.6, 0.5, 0.4,
  ];
  const arrivals: Scenario['arrivals'] = [];
  for (let q = 0; q < 20; q++) {
    arrivals.push({
      channel: 'VOICE',
      flow: q % 5 === 0 ? `Skill-Q${q}` : `In-Q${q}`,
      perHour: per(1200),
      profile: 'day',
    });
    arrivals.push({ channel: 'CHAT', flow: `In-Q${q}`, perHour: per(500), profile: 'day' });
    arrivals.push({
      channel: 'TASK',
      flow: `In-Q${q}`,
      perHour: per(200),
      scheduled: 0.1,
      scheduleAheadMinutes: 60,
    });
  }
  return {
    name: 'bench',
    center: 'bench',
    seed: 1,
    profiles: { day: profile },
    arrivals,
    campaigns: [
      {
        campaignId: 'bench-campaign',
        flow: 'In-Q3',
        perHour: per(2000),
        profile: 'day',
        amdDisabled: 0.1,
        failures: 0.02,
        amd: {
          HUMAN_ANSWERED: 60,
          VOICEMAIL_BEEP: 15,
          AMD_UNANSWERED: 10,
          SIT_TONE_BUSY: 5,
          AMD_UNRESOLVED: 10,
        },
      },
    ],
    handling: {
      VOICE: {
        talk: { lognormal: { mean: 280, sd: 150 } },
        acw: { exponential: 30 },
        patience: { exponential: 240 },
        hold: { probability: 0.15, duration: { exponential: 40 } },
      },
      CHAT: {
        talk: { lognormal: { mean: 500, sd: 250 } },
        acw: { exponential: 20 },
        patience: { exponential: 400 },
      },
      TASK: {
        talk: { lognormal: { mean: 300, sd: 150 } },
        acw: { exponential: 15 },
        pause: { probability: 0.1, duration: { exponential: 120 } },
      },
    },
    mix: {
      transfer: { probability: 0.03, flow: 'Transfer' },
      callback: 0.2,
      flowAbandon: 0.03,
      monitor: 0.005,
    },
  };
}
