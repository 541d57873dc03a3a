import type { Behavior, DialOutcome, HandlePlan } from './behavior.js';
import type { Agent, Center, Queue } from './center.js';
import type { ConfigPath } from './config-check.js';
import type { Contact, ContactPlan } from './contact.js';
import { type Sampler, sampler, weighted } from './distribution.js';
import type { Emulator } from './emulator.js';
import type { AmdStatus, Channel, DisconnectReason } from './event-types.js';
import type { Rng } from './rng.js';
import {
  type CampaignSpec,
  type HandlingSpec,
  profileWeights,
  type Scenario,
  scenarioOrigin,
} from './scenario.js';
import type { Timer } from './scheduler.js';

const HOUR = 3_600_000;

interface ChannelSamplers {
  accept: Sampler;
  flow: Sampler;
  talk: Sampler;
  acw: Sampler;
  patience: Sampler;
  hold?: { probability: number; duration: Sampler };
  pause?: { probability: number; duration: Sampler; max: number };
}

const DEFAULTS: Record<
  Channel,
  { accept: number; flow: number; talk: number; acw: number; patience: number }
> = {
  VOICE: { accept: 3, flow: 20, talk: 240, acw: 30, patience: 180 },
  CHAT: { accept: 2, flow: 10, talk: 600, acw: 20, patience: 300 },
  TASK: { accept: 2, flow: 2, talk: 420, acw: 15, patience: 0 },
};

function channelSamplers(ch: Channel, h: HandlingSpec = {}): ChannelSamplers {
  const d = DEFAULTS[ch];
  const where = `handling.${ch}`;
  return {
    accept: sampler(h.accept, d.accept, where),
    flow: sampler(h.flow, d.flow, where),
    talk: sampler(h.talk, d.talk, where),
    acw: sampler(h.acw, d.acw, where),
    patience: sampler(h.patience, d.patience, where),
    hold: h.hold && { probability: h.hold.probability, duration: sampler(h.hold.duration, 30, where) },
    pause: h.pause && {
      probability: h.pause.probability,
      duration: sampler(h.pause.duration, 300, where),
      max: Math.min(10, h.pause.maxPauses ?? 2),
    },
  };
}

/** The scenario's world: every duration and choice drawn from its distributions and mixes. */
export class ScenarioBehavior implements Behavior {
  private readonly ch: Record<Channel, ChannelSamplers>;
  private readonly campaigns = new Map<
    string,
    { spec: CampaignSpec; amd?: (r: Rng) => AmdStatus; why?: (r: Rng) => DisconnectReason }
  >();
  private readonly agents: Agent[];
  /** The queue `mix.transfer.queue` names, resolved once. */
  private readonly transferQueue: Queue | undefined;

  constructor(
    private readonly scenario: Scenario,
    center: Center,
    private readonly rng: Rng,
  ) {
    const h = scenario.handling ?? {};
    this.ch = {
      VOICE: channelSamplers('VOICE', h.VOICE),
      CHAT: channelSamplers('CHAT', h.CHAT),
      TASK: channelSamplers('TASK', h.TASK),
    };
    for (const c of scenario.campaigns ?? []) {
      this.campaigns.set(c.campaignId, {
        spec: c,
        amd: weighted<AmdStatus>(c.amd ?? { HUMAN_ANSWERED: 1 }),
        why: weighted<DisconnectReason>(c.failureReasons ?? { OUTBOUND_ATTEMPT_FAILED: 1 }),
      });
    }
    this.agents = [...center.agents.values()];
    const transfer = scenario.mix?.transfer;
    if (transfer) {
      const origin = scenarioOrigin(scenario);
      if (!center.findFlow(transfer.flow)) {
        throw origin.error(
          ['mix', 'transfer', 'flow'],
          `unknown flow "${transfer.flow}" (${center.names('flows')})`,
        );
      }
      if (transfer.queue !== undefined) {
        this.transferQueue = center.findQueue(transfer.queue);
        if (!this.transferQueue)
          throw origin.error(
            ['mix', 'transfer', 'queue'],
            `unknown queue "${transfer.queue}" (${center.names('queues')})`,
          );
      }
    }
  }

  plan(c: Contact): ContactPlan | undefined {
    const mix = this.scenario.mix ?? {};
    const s = this.ch[c.channel];
    const plan: ContactPlan = {};
    const onTheLine = c.method !== 'MONITOR' && c.method !== 'EXTERNAL_OUTBOUND' && c.method !== 'CALLBACK';
    if (c.channel !== 'TASK' && onTheLine) {
      plan.patienceMs = s.patience(this.rng);
    }
    if (c.channel === 'VOICE' && c.method !== 'CALLBACK') plan.callback = this.rng.chance(mix.callback ?? 0);
    if (c.method === 'CALLBACK') {
      plan.answers = this.rng.next() < (mix.callbackAnswered ?? 0.9);
      plan.answerMs = 5000 + this.rng.next() * 15_000;
    }
    if (c.channel === 'CHAT' && c.method === 'API' && this.rng.chance(mix.flowAbandon ?? 0)) {
      plan.flowAbandonMs = this.rng.next() * s.flow(this.rng);
    }
    return plan;
  }

  flowMs(c: Contact, flowMs: number | undefined): number {
    return flowMs ?? this.ch[c.channel].flow(this.rng);
  }

  acceptMs(channel: Channel): number {
    return this.ch[channel].accept(this.rng);
  }

  handle(c: Contact, _agent: Agent): HandlePlan {
    const s = this.ch[c.channel];
    const mix = this.scenario.mix ?? {};
    const talkMs = s.talk(this.rng);
    const plan: HandlePlan = { talkMs };
    if (s.hold && c.channel === 'VOICE' && this.rng.chance(s.hold.probability)) {
      plan.hold = { atMs: this.rng.next() * talkMs * 0.6, ms: s.hold.duration(this.rng) };
    }
    if (s.pause && c.channel === 'TASK') {
      const pauses: { atMs: number; ms: number }[] = [];
      let at = 0;
      while (pauses.length < s.pause.max && this.rng.chance(s.pause.probability)) {
        at += this.rng.next() * talkMs * 0.3 + 1000;
        const ms = s.pause.duration(this.rng);
        pauses.push({ atMs: at, ms });
        at += ms + 1000;
      }
      if (pauses.length > 0) plan.pauses = pauses;
    }
    const t = mix.transfer;
    if (
      t &&
      c.method !== 'TRANSFER' &&
      c.method !== 'CALLBACK' &&
      c.method !== 'OUTBOUND' &&
      this.rng.chance(t.probability)
    ) {
      plan.transfer = { flow: t.flow, queue: this.transferQueue };
    }
    if (c.channel === 'VOICE' && this.rng.chance(mix.externalOutbound ?? 0)) {
      plan.external = { atMs: this.rng.next() * talkMs * 0.5, ms: this.rng.next() * talkMs * 0.4 };
    }
    if (c.channel !== 'TASK' && this.rng.chance(mix.monitor ?? 0)) {
      const supervisor = this.agents[this.rng.int(this.agents.length)];
      plan.monitor = { supervisor, atMs: this.rng.next() * talkMs * 0.5 };
      if (this.rng.chance(0.3)) plan.monitor.bargeAtMs = this.rng.next() * talkMs * 0.3;
    }
    return plan;
  }

  acwMs(c: Contact): number {
    return this.ch[c.channel].acw(this.rng);
  }

  dial(c: Contact, amd: boolean): DialOutcome {
    const campaign = c.campaignId ? this.campaigns.get(c.campaignId) : undefined;
    const ringMs = 3000 + this.rng.next() * 17_000;
    const startMs = 500 + this.rng.next() * 2500;
    if (campaign && this.rng.chance(campaign.spec.failures ?? 0)) {
      return { startMs, ringMs: 1000, answered: false, disconnectReason: campaign.why?.(this.rng) };
    }
    if (!amd) return { startMs, ringMs, answered: this.rng.chance(0.8) };
    const status = campaign?.amd?.(this.rng) ?? 'HUMAN_ANSWERED';
    const voicemail = status === 'VOICEMAIL_BEEP' || status === 'VOICEMAIL_NO_BEEP';
    return {
      startMs,
      ringMs,
      answered: true,
      amdStatus: status,
      greetingMs: 800 + this.rng.next() * 3000,
      mediaMs: voicemail ? 15_000 + this.rng.next() * 20_000 : 500,
    };
  }
}

interface ArrivalStream {
  meanGapMs: number;
  peak: number;
  weights: number[];
  arrive: () => void;
  timer: Timer | undefined;
}

/**
 * Arrivals and agents' shifts of a scenario, scheduled lazily on the virtual clock: each stream holds one
 * pending timer (non-homogeneous Poisson by thinning), so nothing grows with the length of the day.
 */
export class Traffic {
  /** Shift changes pending; each arrival stream holds its own pending timer. */
  private readonly timers = new Set<Timer>();
  private readonly streams: ArrivalStream[] = [];
  private stopped = false;
  /** The flow ids of `arrivals` and `campaigns`, in their order. */
  private readonly arrivalFlows: string[];
  private readonly campaignFlows: string[];
  /** The agents of each of `schedules`. */
  private readonly scheduled: Agent[][];

  /** Resolves what the scenario names in the center, so that a wrong name fails before the run starts. */
  constructor(
    private readonly emulator: Emulator,
    private readonly scenario: Scenario,
    private readonly rng: Rng,
  ) {
    this.arrivalFlows = (scenario.arrivals ?? []).map((a, i) => this.flowId(a.flow, ['arrivals', i, 'flow']));
    this.campaignFlows = (scenario.campaigns ?? []).map((c, i) =>
      this.flowId(c.flow, ['campaigns', i, 'flow']),
    );
    this.scheduled = (scenario.schedules ?? []).map((spec, i) => this.scheduledAgents(spec.agents, i));
  }

  start(): void {
    const s = this.scenario;
    const e = this.emulator;
    const inst = { instanceId: e.center.instanceId };
    for (const [i, a] of (s.arrivals ?? []).entries()) {
      const flowId = this.arrivalFlows[i];
      // One request per stream: the calls read it and keep nothing of it.
      const request = { ...inst, contactFlowId: flowId };
      const arrive = (): void => {
        if (a.channel === 'VOICE') e.startInboundVoiceContact(request);
        else if (a.channel === 'CHAT') e.startChatContact(request);
        else this.task(flowId, a.scheduled ?? 0, a.scheduleAheadMinutes ?? 60, a.reschedule ?? 0);
      };
      this.stream(a.perHour, profileWeights(s, a.profile), arrive);
    }
    for (const [i, c] of (s.campaigns ?? []).entries()) {
      const flowId = this.campaignFlows[i];
      this.stream(c.perHour, profileWeights(s, c.profile), () => {
        const amd = !this.rng.chance(c.amdDisabled ?? 0);
        const phone = `+1555${String(1_000_000 + this.rng.int(8_999_999))}`;
        e.startOutboundVoiceContact({
          ...inst,
          contactFlowId: flowId,
          destinationPhoneNumber: phone,
          campaignId: c.campaignId,
          trafficType: 'CAMPAIGN',
          answerMachineDetectionConfig: { enableAnswerMachineDetection: amd },
        });
      });
    }
    if (s.agentOutbound) {
      const agents = [...e.center.agents.values()].filter((a) => a.control === 'auto');
      this.stream(s.agentOutbound.perHour, profileWeights(s, s.agentOutbound.profile), () => {
        for (let i = 0; i < 10 && agents.length > 0; i++) {
          const a = agents[this.rng.int(agents.length)];
          if (a.available && a.inUse.VOICE < a.profile.concurrency.VOICE) {
            e.startAgentOutbound({ ...inst, userId: a.id, destinationPhoneNumber: '+15550109999' });
            return;
          }
        }
      });
    }
    this.shifts();
  }

  /** Stops arrivals and shift changes; every auto agent stays on until the queues are empty. */
  stop(): void {
    this.stopped = true;
    for (const t of this.timers) this.emulator.clock.cancel(t);
    this.timers.clear();
    for (const s of this.streams) {
      this.emulator.clock.cancel(s.timer);
      s.timer = undefined;
    }
    for (const a of this.emulator.center.agents.values())
      if (a.control === 'auto') this.emulator.setAvailable(a, true);
  }

  private flowId(name: string, path: ConfigPath): string {
    const center = this.emulator.center;
    const f = center.findFlow(name);
    if (!f)
      throw scenarioOrigin(this.scenario).error(path, `unknown flow "${name}" (${center.names('flows')})`);
    return f.id;
  }

  /**
   * The agents a schedule sets Available and Offline: those the scenario plays (auto control) whose
   * username starts with `prefix`. A schedule that selects none would leave the agents it meant as they
   * are all day, which is never what was written.
   */
  private scheduledAgents(prefix: string | undefined, index: number): Agent[] {
    const all = [...this.emulator.center.agents.values()];
    const named = prefix === undefined ? all : all.filter((a) => a.username.startsWith(prefix));
    const agents = named.filter((a) => a.control === 'auto');
    if (agents.length > 0) return agents;
    const origin = scenarioOrigin(this.scenario);
    const declared = `agents: ${usernames(all) || 'none declared'}`;
    if (prefix === undefined)
      throw origin.error(['schedules', index], `no agent is under auto control for it to move (${declared})`);
    const path = ['schedules', index, 'agents'];
    if (named.length === 0) throw origin.error(path, `"${prefix}" begins no agent's username (${declared})`);
    throw origin.error(
      path,
      `"${prefix}" selects only agents under manual control (${usernames(named)}), which a schedule does not move`,
    );
  }

  private task(flowId: string, scheduled: number, aheadMinutes: number, reschedule: number): void {
    const e = this.emulator;
    const inst = { instanceId: e.center.instanceId };
    if (!this.rng.chance(scheduled)) {
      e.startTaskContact({ ...inst, contactFlowId: flowId, name: 'Follow up' });
      return;
    }
    const at = e.clock.now() + 60_000 + this.rng.next() * aheadMinutes * 60_000;
    const { contactId } = e.startTaskContact({
      ...inst,
      contactFlowId: flowId,
      name: 'Scheduled follow up',
      scheduledTime: at,
    });
    if (this.rng.chance(reschedule)) {
      const change = e.clock.now() + (at - e.clock.now()) / 2;
      e.clock.at(change, () => {
        try {
          e.updateContactSchedule({ ...inst, contactId, scheduledTime: at + 15 * 60_000 });
        } catch {
          // The task may have been stopped or expired meanwhile: nothing to reschedule.
        }
      });
    }
  }

  /** A Poisson stream with rate `perHour` x hourly weight, by thinning against the peak rate. */
  private stream(perHour: number, weights: number[], arrive: () => void): void {
    const peak = Math.max(...weights);
    const meanGapMs = HOUR / (perHour * peak);
    if (!(meanGapMs > 0 && Number.isFinite(meanGapMs))) return;
    const s: ArrivalStream = { meanGapMs, peak, weights, arrive, timer: undefined };
    this.streams.push(s);
    this.nextArrival(s);
  }

  /** Schedules the stream's next candidate arrival: one pending timer per stream, no closure per arrival. */
  private nextArrival(s: ArrivalStream): void {
    const clock = this.emulator.clock;
    s.timer = clock.callAfter(this.rng.exponential(s.meanGapMs), this.candidate, this, s);
  }

  private candidate(s: ArrivalStream): void {
    s.timer = undefined;
    if (this.stopped) return;
    const hour = Math.floor(this.emulator.clock.now() / HOUR) % 24;
    if (this.rng.next() * s.peak < s.weights[hour]) s.arrive();
    this.nextArrival(s);
  }

  private shifts(): void {
    const e = this.emulator;
    for (const [i, spec] of (this.scenario.schedules ?? []).entries()) {
      const agents = this.scheduled[i];
      const onShift = (t: number): boolean => spec.shifts.some(([from, to]) => inShift(t, from, to));
      const apply = (): void => {
        const on = onShift(e.clock.now());
        for (const a of agents) e.setAvailable(a, on);
      };
      apply();
      const edges = spec.shifts.flatMap(([from, to]) => [minutes(from), minutes(to)]);
      for (const m of new Set(edges)) this.daily(m, apply);
    }
  }

  private daily(minuteOfDay: number, run: () => void): void {
    const clock = this.emulator.clock;
    const day = 86_400_000;
    const now = clock.now();
    let at = now - (now % day) + minuteOfDay * 60_000;
    if (at <= now) at += day;
    const timer = clock.at(at, () => {
      this.timers.delete(timer);
      if (this.stopped) return;
      run();
      this.daily(minuteOfDay, run);
    });
    this.timers.add(timer);
  }
}

/**
 * Usernames as a reader takes them in: the agents of a `count` as one range (`sales-0001..sales-0006`),
 * and no more than a few dozen names.
 */
function usernames(agents: Agent[]): string {
  const runs: string[][] = [];
  for (const a of agents) {
    const run = runs[runs.length - 1];
    const m = /^(.*)-\d{4}$/.exec(a.username);
    const prev = run && /^(.*)-\d{4}$/.exec(run[run.length - 1]);
    if (m && prev && prev[1] === m[1]) run.push(a.username);
    else runs.push([a.username]);
  }
  const shown = runs.slice(0, 30).map((r) => (r.length > 1 ? `${r[0]}..${r[r.length - 1]}` : r[0]));
  return `${shown.join(', ')}${runs.length > 30 ? `, and ${runs.length - 30} more` : ''}`;
}

function minutes(hhmm: string): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  if (!m) throw new RangeError(`shift time "${hhmm}" is not HH:MM`);
  return Number(m[1]) * 60 + Number(m[2]);
}

function inShift(t: number, from: string, to: string): boolean {
  const m = Math.floor((t % 86_400_000) / 60_000);
  const a = minutes(from);
  const b = minutes(to);
  return a <= b ? m >= a && m < b : m >= a || m < b;
}
