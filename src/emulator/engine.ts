import type { ContactEventEnvelope as ModelEnvelope } from '../model/index.js';
import type { Behavior, HandlePlan } from './behavior.js';
import { defaultBehavior } from './behavior.js';
import type { Agent, Center, Flow, Queue } from './center.js';
import { type Contact, NO_ATTRIBUTES, newContactRecord } from './contact.js';
import { activateStep, newCriteria, snapshot } from './criteria.js';
import { contactDetail } from './event-detail.js';
import { EventJsonWriter } from './event-json.js';
import type {
  Channel,
  ContactEventEnvelope,
  EventType,
  InitiationMethod,
  UpdatedProperty,
} from './event-types.js';
import { Rng, uuidFrom } from './rng.js';
import { findAgentFor, findContactFor, markBusy, markFree } from './routing.js';
import { Scheduler } from './scheduler.js';
import { iso, isoSeconds } from './time.js';

/**
 * Where emitted events go: a file, a bus over HTTP, the in-process bus. Events are the model's
 * {@link ModelEnvelope}; the emulator never mutates an event after handing it over.
 */
export interface EventSink {
  publish(events: ModelEnvelope[]): Promise<void> | void;
  /**
   * Sinks that store NDJSON may take the events as NDJSON instead: UTF-8 chunks that together are the
   * lines, each line what `JSON.stringify` gives for the event. A run then never builds event objects.
   * The chunks are lent: the sink writes or copies them before it returns (or its promise settles), and
   * the run fills their memory again afterwards. While the promise is pending the run goes on making the
   * next batch (into other chunks), and hands it over only once the promise has settled.
   */
  publishNdjson?(chunks: Buffer[], events: number): Promise<void> | void;
}

export interface EngineOptions {
  center: Center;
  /** Virtual start time (ms since the epoch); defaults to the next midnight UTC of the real clock. */
  startMs?: number;
  seed?: number;
  behavior?: Behavior;
  /** Tasks not completed by then are disconnected; Amazon Connect's default is 7 days. */
  taskExpiryMs?: number;
  /** How many finished contacts DescribeContact still knows. */
  retainFinished?: number;
}

/** Per-queue counts of what left the queue and how. */
export interface QueueCounts {
  queued: number;
  answered: number;
  abandoned: number;
  transferredOut: number;
  callbacks: number;
}

export interface EngineStats {
  events: Record<string, number>;
  /** `CHANNEL` -> outcome -> count, for contacts that ended. */
  contacts: Record<string, Record<string, number>>;
  queues: Map<Queue, QueueCounts>;
  started: number;
}

const DAY = 86_400_000;

/**
 * The contact state machine: one contact per lifecycle, each event emitted at the virtual moment the real
 * service would emit it, with the fields it would carry then. The API and the scenario both drive it.
 */
export class Engine {
  readonly center: Center;
  readonly clock: Scheduler;
  readonly stats: EngineStats = { events: {}, contacts: {}, queues: new Map(), started: 0 };
  protected readonly rng: Rng;
  protected readonly idRng: Rng;
  protected behavior: Behavior;
  protected readonly taskExpiryMs: number;
  protected readonly live = new Map<string, Contact>();
  protected readonly finished = new Map<string, Contact>();
  /** Ids of finished contacts, oldest evicted first, so DescribeContact memory stays bounded. */
  private readonly finishedRing: (string | undefined)[];
  private finishedNext = 0;
  private pending: ContactEventEnvelope[] = [];
  /** Set when events are collected as NDJSON text instead of objects. */
  private ndjson: EventJsonWriter | undefined;
  private ndjsonEvents = 0;
  private lastSecond = -1;
  private lastSecondIso = '';
  /** `stats.queues` by queue ordinal: no hashing of the queue for every count. */
  private readonly countsByQueue: QueueCounts[] = [];

  constructor(options: EngineOptions) {
    this.center = options.center;
    const start = options.startMs ?? Math.ceil(Date.now() / DAY) * DAY;
    this.clock = new Scheduler(start);
    this.rng = new Rng(options.seed ?? 1);
    this.idRng = this.rng.fork(1);
    this.behavior = options.behavior ?? defaultBehavior;
    this.taskExpiryMs = options.taskExpiryMs ?? 7 * DAY;
    this.finishedRing = new Array(Math.max(0, options.retainFinished ?? 10_000));
    for (const q of this.center.queues.values()) {
      const counts = newCounts();
      this.stats.queues.set(q, counts);
      this.countsByQueue[q.ordinal] = counts;
    }
    for (const a of this.center.agents.values()) {
      if (this.center.statusAtStart(a) === 'Available') this.setAvailable(a, true);
    }
  }

  /** Replaces the automatic behaviour (a scenario installs its own). */
  setBehavior(behavior: Behavior): void {
    this.behavior = behavior;
  }

  /** Events emitted since the last call, oldest first. */
  takeEvents(): ContactEventEnvelope[] {
    const out = this.pending;
    this.pending = [];
    return out;
  }

  get pendingEvents(): number {
    return this.pending.length + this.ndjsonEvents;
  }

  /**
   * From now on, emitted events are collected as NDJSON ({@link takeNdjson}), byte for byte
   * `JSON.stringify` of the objects {@link takeEvents} would give, and no event objects are built.
   */
  collectNdjson(): void {
    this.ndjson ??= new EventJsonWriter(this.center);
  }

  /**
   * NDJSON of the events emitted since the last call (UTF-8 chunks that together are the lines), and how
   * many they are. The chunks are the caller's until it hands them back with {@link recycleNdjson}.
   */
  takeNdjson(): { chunks: Buffer[]; events: number } {
    const events = this.ndjsonEvents;
    this.ndjsonEvents = 0;
    return { chunks: this.ndjson?.out.take() ?? [], events };
  }

  /** Chunks from {@link takeNdjson} that were written or copied: their memory is used again. */
  recycleNdjson(chunks: Buffer[]): void {
    this.ndjson?.out.recycle(chunks);
  }

  /** Contacts that have not ended yet. */
  get contactsInProgress(): number {
    return this.live.size;
  }

  liveContacts(): IterableIterator<Contact> {
    return this.live.values();
  }

  protected contact(id: string): Contact | undefined {
    return this.live.get(id) ?? this.finished.get(id);
  }

  // ---- events ----

  protected emit(c: Contact, eventType: EventType, updatedProperties?: UpdatedProperty[]): void {
    const now = this.clock.now();
    const second = Math.floor(now / 1000);
    if (second !== this.lastSecond) {
      this.lastSecond = second;
      this.lastSecondIso = isoSeconds(now);
    }
    this.stats.events[eventType] = (this.stats.events[eventType] ?? 0) + 1;
    if (this.ndjson) {
      this.ndjson.write(c, eventType, updatedProperties, this.idRng, this.lastSecondIso);
      this.ndjsonEvents++;
      return;
    }
    const d = contactDetail(c, this.center.instanceArn, eventType, updatedProperties);
    this.pending.push({
      version: '0',
      id: uuidFrom(this.idRng),
      'detail-type': 'Amazon Connect Contact Event',
      source: 'aws.connect',
      account: this.center.account,
      time: this.lastSecondIso,
      region: this.center.region,
      resources: c.resources,
      detail: d,
    });
  }

  // ---- creation ----

  protected newContact(
    channel: Channel,
    method: InitiationMethod,
    links: { previous?: Contact; related?: string; initialContactId?: string } = {},
  ): Contact {
    const id = uuidFrom(this.idRng);
    const now = this.clock.now();
    const arn = `${this.center.instanceArn}/contact/${id}`;
    const c = newContactRecord({
      id,
      arn,
      resources: [this.center.instanceArn, arn],
      channel,
      method,
      initiationMs: now,
      initiationIso: iso(now),
      tags: this.systemTags(channel),
    });
    if (links.previous) {
      const previous = links.previous;
      c.previousContactId = previous.id;
      c.initialContactId = previous.initialContactId ?? previous.id;
      c.attributes = previous.attributes;
      previous.chain ??= [previous];
      previous.chain.push(c);
      c.chain = previous.chain;
    } else if (links.initialContactId) c.initialContactId = links.initialContactId;
    if (links.related) c.relatedContactId = links.related;
    c.plan = this.behavior.plan?.(c);
    this.live.set(id, c);
    this.stats.started++;
    return c;
  }

  private readonly tagCache = new Map<Channel, Record<string, string>>();

  private systemTags(channel: Channel): Record<string, string> {
    let tags = this.tagCache.get(channel);
    if (!tags) {
      tags = { 'aws:connect:instanceId': this.center.instanceId };
      if (channel === 'VOICE') tags['aws:connect:systemEndpoint'] = this.center.phoneNumber;
      this.tagCache.set(channel, tags);
    }
    return tags;
  }

  // ---- flows ----

  /** Runs `flow` on the contact: after its duration it applies what it sets and queues or ends the contact. */
  protected runFlow(c: Contact, flow: Flow): void {
    c.state = 'IN_FLOW';
    c.flow = flow;
    const abandonMs = c.plan?.flowAbandonMs;
    const flowMs = this.behavior.flowMs(
      c,
      flow.config.durationSeconds === undefined ? undefined : flow.config.durationSeconds * 1000,
    );
    if (abandonMs !== undefined && abandonMs < flowMs) {
      c.timer = this.clock.callAfter(abandonMs, this.abandonInFlow, this, c);
      return;
    }
    c.timer = this.clock.callAfter(flowMs, this.flowEnds, this, c);
  }

  /** The flow's time is up: the contact is still in the flow `runFlow` put it in. */
  private flowEnds(c: Contact): void {
    this.applyFlow(c, c.flow as Flow);
  }

  private abandonInFlow(c: Contact): void {
    this.disconnect(c, 'ABANDONED_IN_FLOW');
  }

  protected applyFlow(c: Contact, flow: Flow): void {
    const f = flow.config;
    if (f.setAttributes) {
      // Attributes are replaced, never changed: a contact with none shares the flow's frozen copy.
      if (flow.attributes && c.attributes === NO_ATTRIBUTES) {
        c.attributes = flow.attributes as Record<string, string>;
        this.emit(c, 'CONTACT_DATA_UPDATED', ['UserDefinedAttributes']);
      } else this.setAttributes(c, f.setAttributes);
    }
    if (f.setTags) this.setTags(c, f.setTags);
    if (f.setSegmentAttributes) {
      const seg = { ...c.segmentAttributes };
      for (const [k, v] of Object.entries(f.setSegmentAttributes)) seg[k] = { valueString: v };
      c.segmentAttributes = seg;
      this.emit(c, 'CONTACT_DATA_UPDATED', ['Segment Attributes']);
    }
    if (f.contactLens && !c.contactLens) {
      c.contactLens = CONTACT_LENS;
      this.emit(c, 'CONTACT_DATA_UPDATED', ['ContactLens.ConversationalAnalytics.Configuration']);
    }
    if (f.routingCriteria && f.routingCriteria.length > 0) {
      c.criteria = newCriteria(f.routingCriteria, c.criteria ? c.criteria.index + 1 : 0);
    }
    if (f.disconnectFlow) c.disconnectFlow = this.center.findFlow(f.disconnectFlow);
    const queue = c.targetAgent ? c.targetAgent.ownQueue : flow.queue;
    if (f.disconnect || !queue) {
      this.disconnect(c, 'FLOW_DISCONNECTED');
      return;
    }
    this.enqueue(c, queue);
  }

  protected setAttributes(c: Contact, attributes: Record<string, string>): void {
    c.attributes = { ...c.attributes, ...attributes };
    this.emit(c, 'CONTACT_DATA_UPDATED', ['UserDefinedAttributes']);
  }

  protected setTags(c: Contact, tags: Record<string, string>): void {
    c.tags = { ...c.tags, ...tags };
    this.emit(c, 'CONTACT_DATA_UPDATED', ['Tags']);
  }

  // ---- queue and routing ----

  protected enqueue(c: Contact, queue: Queue): void {
    const now = this.clock.now();
    c.state = 'QUEUED';
    c.queue = queue;
    c.enqueueMs = now;
    c.routingKeyMs = now;
    // Keys in the order `EventJsonWriter` writes them.
    c.queueInfo = { queueArn: queue.arn, queueType: queue.type, enqueueTimestamp: iso(now) };
    const crit = c.criteria;
    let stepExpiryMs: number | undefined;
    if (crit) {
      crit.activationMs = now;
      if (queue.type === 'STANDARD') stepExpiryMs = activateStep(crit, 0, now);
      c.routingCriteria = snapshot(crit);
    }
    this.emit(c, 'QUEUED');
    this.counts(queue).queued++;
    // Most contacts meet a free agent at once: a place in line and waiting timers would only be undone.
    // Timers made after routing keep their order among themselves, so the run is the same.
    this.route(c);
    if (c.state !== 'QUEUED') return;
    this.scheduleStep(c, stepExpiryMs);
    queue.waiting[c.channel].add(c);
    const patience = c.plan?.patienceMs;
    if (patience !== undefined)
      c.patienceTimer = this.clock.callAfter(patience, this.patienceRanOut, this, c);
    if (queue.delays.length > 0)
      c.delayTimers = queue.delays.map((d) => this.clock.callAfter(d, this.route, this, c));
  }

  private scheduleStep(c: Contact, expiryMs: number | undefined): void {
    if (expiryMs !== undefined) c.stepTimer = this.clock.call(expiryMs, this.expireStep, this, c);
  }

  /** The active step expired: EXPIRED, the next ACTIVE (or any agent after the last), then route again. */
  protected expireStep(c: Contact): void {
    const crit = c.criteria;
    if (!crit || c.state !== 'QUEUED') return;
    const now = this.clock.now();
    crit.steps[crit.active].status = 'EXPIRED';
    this.scheduleStep(c, activateStep(crit, crit.active + 1, now));
    c.routingCriteria = snapshot(crit);
    this.emit(c, 'CONTACT_DATA_UPDATED', ['RoutingCriteria.Step.Status']);
    this.route(c);
  }

  private patienceRanOut(c: Contact): void {
    c.patienceTimer = undefined;
    if (c.state !== 'QUEUED') return;
    if (c.plan?.callback && c.channel === 'VOICE') this.queueCallback(c, this.callbackDelayMs(c));
    else this.disconnect(c, 'ABANDONED');
  }

  protected callbackDelayMs(c: Contact): number {
    return (c.flow?.config.callbackDelaySeconds ?? 60) * 1000;
  }

  /** Offers the contact to the best free agent now, if there is one. */
  protected route(c: Contact): void {
    if (c.state !== 'QUEUED' || c.paused) return;
    const agent = findAgentFor(c, this.clock.now());
    if (agent) this.offer(c, agent);
  }

  private leaveQueue(c: Contact): void {
    if (c.queue) c.queue.waiting[c.channel].delete(c);
    if (c.adjusted && c.queue) {
      c.adjusted = false;
      c.queue.adjusted--;
    }
    this.clock.cancel(c.patienceTimer);
    this.clock.cancel(c.stepTimer);
    c.patienceTimer = undefined;
    c.stepTimer = undefined;
    if (c.delayTimers) for (const t of c.delayTimers) this.clock.cancel(t);
    c.delayTimers = undefined;
  }

  /**
   * The agent is reserved for the contact; it rings until the agent accepts. Events from now on carry the
   * agent (its ARN and hierarchy groups) before it connects, as the real service's do.
   */
  protected offer(c: Contact, agent: Agent): void {
    this.leaveQueue(c);
    c.state = 'OFFERED';
    c.agent = agent;
    this.updateAgentInfo(c);
    this.occupy(agent, c);
    if (agent.control === 'auto') {
      c.timer = this.clock.callAfter(this.behavior.acceptMs(c.channel), this.connectAgent, this, c);
    }
  }

  protected occupy(agent: Agent, c: Contact): void {
    agent.contacts.add(c);
    agent.inUse[c.channel]++;
    if (agent.inUse[c.channel] >= agent.profile.concurrency[c.channel]) markBusy(agent, c.channel);
  }

  /** Frees the agent's slot and gives it the next waiting contact it may take. */
  protected release(agent: Agent, c: Contact): void {
    if (!agent.contacts.delete(c)) return;
    agent.inUse[c.channel]--;
    if (agent.available) {
      markFree(agent, c.channel, this.clock.now());
      this.fill(agent, c.channel);
    }
  }

  /** Offers waiting contacts to the agent while it has free slots on the channel. */
  protected fill(agent: Agent, channel: Channel): void {
    while (agent.available && agent.inUse[channel] < agent.profile.concurrency[channel]) {
      const c = findContactFor(agent, channel, this.clock.now());
      if (!c) return;
      this.offer(c, agent);
    }
  }

  /** Routable (Available) or not (Offline); contacts in progress carry on either way. */
  setAvailable(agent: Agent, available: boolean): void {
    if (agent.available === available) return;
    agent.available = available;
    for (const ch of ['VOICE', 'CHAT', 'TASK'] as const) {
      if (!available) markBusy(agent, ch);
      else if (agent.inUse[ch] < agent.profile.concurrency[ch]) {
        markFree(agent, ch, this.clock.now());
        this.fill(agent, ch);
      }
    }
  }

  // ---- with the agent ----

  protected connectAgent(c: Contact): void {
    const agent = c.agent;
    if (!agent || c.state !== 'OFFERED') return;
    const now = this.clock.now();
    c.state = 'CONNECTED';
    c.timer = undefined;
    c.connectedToAgentMs = now;
    c.connectedToAgentIso = iso(now);
    this.updateAgentInfo(c);
    const crit = c.criteria;
    if (crit && crit.active >= 0 && crit.active < crit.steps.length && c.queue?.type === 'STANDARD') {
      crit.steps[crit.active].status = 'JOINED';
      c.routingCriteria = snapshot(crit);
    }
    if (c.queue) this.counts(c.queue).answered++;
    this.emit(c, 'CONNECTED_TO_AGENT');
    if (c.method === 'CALLBACK') {
      this.dialCustomerBack(c);
      return;
    }
    if (agent.control === 'auto') this.play(c, this.behavior.handle(c, agent));
  }

  /** A callback: the agent accepted, now the center calls the customer. */
  private dialCustomerBack(c: Contact): void {
    const answers = c.plan?.answers ?? true;
    c.timer = this.clock.after(c.plan?.answerMs ?? 8000, () => {
      if (!answers) {
        this.disconnect(c, 'CALLBACK_NOT_ANSWERED');
        return;
      }
      c.connectedToSystemIso = iso(this.clock.now());
      this.emit(c, 'CONNECTED_TO_SYSTEM');
      if (c.agent?.control === 'auto') this.play(c, this.behavior.handle(c, c.agent));
    });
  }

  /** A fresh agentInfo. Its keys are set in the order `EventJsonWriter` writes them: keep the two alike. */
  protected updateAgentInfo(c: Contact): void {
    const a = c.agent;
    if (!a) return;
    const info: Contact['agentInfo'] = { agentArn: a.arn };
    if (c.connectedToAgentIso) {
      info.connectedToAgentTimestamp = c.connectedToAgentIso;
      info.acceptedByAgentTimestamp = c.connectedToAgentIso;
    }
    if (a.hierarchyGroups) info.hierarchyGroups = a.hierarchyGroups;
    if (c.holdMs > 0 || c.acwStartMs !== undefined)
      info.agentInitiatedHoldDuration = Math.round(c.holdMs / 1000);
    if (c.acwStartMs !== undefined) info.afterContactWorkStartTimestamp = c.acwStartIso ?? iso(c.acwStartMs);
    c.agentInfo = info;
  }

  /** Plays a scenario's handling of a connected contact: holds, pauses, extra legs, then the end. */
  protected play(c: Contact, plan: HandlePlan): void {
    if (!plan.hold && !plan.pauses?.length && !plan.external && !plan.monitor) {
      // Nothing happens before the end (most contacts): the one timer the general path would set.
      c.handling = plan;
      c.timer = this.clock.call(this.clock.now() + plan.talkMs, this.talkEnds, this, c);
      return;
    }
    const steps: { atMs: number; run: () => void }[] = [];
    if (plan.hold) {
      const h = plan.hold;
      steps.push(
        { atMs: h.atMs, run: () => this.putOnHold(c) },
        { atMs: h.atMs + h.ms, run: () => this.takeOffHold(c) },
      );
    }
    for (const p of plan.pauses ?? []) {
      steps.push(
        { atMs: p.atMs, run: () => this.pauseTask(c) },
        { atMs: p.atMs + p.ms, run: () => this.resumeTask(c) },
      );
    }
    if (plan.external) {
      const x = plan.external;
      steps.push({ atMs: x.atMs, run: () => this.addExternalLeg(c, x.ms) });
    }
    if (plan.monitor) {
      const m = plan.monitor;
      steps.push({ atMs: m.atMs, run: () => this.addMonitor(c, m.supervisor, m.bargeAtMs) });
    }
    const endAt = Math.max(plan.talkMs, ...steps.map((s) => s.atMs + 1));
    steps.push({ atMs: endAt, run: () => this.endOfTalk(c, plan) });
    steps.sort((x, y) => x.atMs - y.atMs);
    const start = this.clock.now();
    let i = 0;
    const next = (): void => {
      const step = steps[i++];
      if (!step) return;
      c.timer = this.clock.at(start + step.atMs, () => {
        step.run();
        if (c.state === 'CONNECTED') next();
      });
    };
    next();
  }

  private talkEnds(c: Contact): void {
    this.endOfTalk(c, c.handling as HandlePlan);
  }

  private endOfTalk(c: Contact, plan: HandlePlan): void {
    if (plan.transfer) this.transfer(c, plan.transfer);
    else this.endByPlan(c);
  }

  private endByPlan(c: Contact): void {
    if (c.paused) this.resumeTask(c);
    if (c.holdStartMs !== undefined) this.takeOffHold(c);
    this.disconnect(c, 'HANDLED');
  }

  protected putOnHold(c: Contact): void {
    if (c.state === 'CONNECTED' && c.holdStartMs === undefined) c.holdStartMs = this.clock.now();
  }

  protected takeOffHold(c: Contact): void {
    if (c.holdStartMs === undefined) return;
    c.holdMs += this.clock.now() - c.holdStartMs;
    c.holdStartMs = undefined;
  }

  protected pauseTask(c: Contact): boolean {
    if (c.channel !== 'TASK' || c.state !== 'CONNECTED' || c.paused || c.pauseCount >= 10) return false;
    c.paused = true;
    c.pauseCount++;
    this.emit(c, 'PAUSED');
    return true;
  }

  protected resumeTask(c: Contact): boolean {
    if (!c.paused || c.state === 'ENDED') return false;
    c.paused = false;
    this.emit(c, 'RESUMED');
    return true;
  }

  /** A transfer from a connected contact: a new TRANSFER contact runs the flow into a queue or to an agent. */
  protected transfer(c: Contact, to: NonNullable<HandlePlan['transfer']>): Contact | undefined {
    const flow = this.center.findFlow(to.flow);
    if (!flow) return undefined;
    const inQueue = c.state === 'QUEUED';
    const next = this.newContact(c.channel, inQueue ? 'QUEUE_TRANSFER' : 'TRANSFER', { previous: c });
    next.tags = c.tags;
    next.segmentAttributes = c.segmentAttributes;
    if (to.agent) next.targetAgent = to.agent;
    if (inQueue && c.queue) this.counts(c.queue).transferredOut++;
    this.disconnect(c, inQueue ? 'QUEUE_TRANSFERRED' : 'TRANSFERRED');
    this.emit(next, 'INITIATED');
    const target = to.queue ? { ...flow, queue: to.queue } : flow;
    this.runFlow(next, target);
    return next;
  }

  /** The customer left the queue for a queued callback: a CALLBACK contact is queued after `delayMs`. */
  protected queueCallback(c: Contact, delayMs: number): Contact {
    const queue = c.queue as Queue;
    this.counts(queue).callbacks++;
    this.disconnect(c, 'CALLBACK_REQUESTED');
    const cb = this.newContact('VOICE', 'CALLBACK', { previous: c });
    this.emit(cb, 'INITIATED');
    cb.timer = this.clock.after(delayMs, () => this.enqueue(cb, queue));
    return cb;
  }

  protected addExternalLeg(c: Contact, ms: number): void {
    if (c.channel !== 'VOICE' || !c.agent) return;
    const leg = this.newContact('VOICE', 'EXTERNAL_OUTBOUND', { previous: c });
    leg.agent = c.agent;
    leg.connectedToAgentIso = leg.initiationIso;
    this.updateAgentInfo(leg);
    leg.state = 'CONNECTED';
    this.emit(leg, 'INITIATED');
    c.legs = [...(c.legs ?? []), leg];
    leg.timer = this.clock.after(4000, () => {
      leg.connectedToSystemIso = iso(this.clock.now());
      this.emit(leg, 'CONNECTED_TO_SYSTEM');
      leg.timer = this.clock.after(ms, () => this.disconnect(leg, 'HANDLED'));
    });
  }

  /** A supervisor starts monitoring the contact: a MONITOR contact with state transitions. */
  protected addMonitor(c: Contact, supervisor: Agent, bargeAtMs?: number): Contact | undefined {
    if (c.state !== 'CONNECTED' || c.channel === 'TASK') return undefined;
    const m = this.newContact(c.channel, 'MONITOR', { related: c.id });
    const now = this.clock.now();
    m.agent = supervisor;
    m.connectedToSystemIso = m.initiationIso;
    m.state = 'CONNECTED';
    this.emit(m, 'INITIATED');
    m.connectedToAgentMs = now;
    m.connectedToAgentIso = iso(now);
    this.updateAgentInfo(m);
    m.stateTransitions = [{ state: 'SILENT_MONITOR', stateStartTimestamp: iso(now) }];
    this.emit(m, 'CONNECTED_TO_AGENT');
    c.legs = [...(c.legs ?? []), m];
    if (bargeAtMs !== undefined) m.timer = this.clock.after(bargeAtMs, () => this.barge(m));
    return m;
  }

  protected barge(m: Contact): void {
    const list = m.stateTransitions;
    if (m.state !== 'CONNECTED' || !list) return;
    const last = list[list.length - 1];
    if (last.state === 'BARGE') return;
    const at = iso(this.clock.now());
    m.stateTransitions = [
      ...list.slice(0, -1),
      { ...last, stateEndTimestamp: at },
      { state: 'BARGE', stateStartTimestamp: at },
    ];
  }

  // ---- the end ----

  /** The contact disconnects; with an agent it goes to after-contact work, otherwise it is done. */
  protected disconnect(c: Contact, outcome: string): void {
    if (c.state === 'ACW' || c.state === 'ENDED') return;
    const wasState = c.state;
    const now = this.clock.now();
    this.clock.cancel(c.timer);
    this.clock.cancel(c.expiryTimer);
    c.timer = undefined;
    c.expiryTimer = undefined;
    if (wasState === 'QUEUED') this.leaveQueue(c);
    const leftQueueOtherwise = outcome === 'QUEUE_TRANSFERRED' || outcome === 'CALLBACK_REQUESTED';
    if ((wasState === 'QUEUED' || wasState === 'OFFERED') && c.queue && !leftQueueOtherwise) {
      this.counts(c.queue).abandoned++;
    }
    if (c.holdStartMs !== undefined) this.takeOffHold(c);
    c.disconnectIso = iso(now);
    if (c.stateTransitions) {
      const list = c.stateTransitions;
      const last = list[list.length - 1];
      c.stateTransitions = [...list.slice(0, -1), { ...last, stateEndTimestamp: c.disconnectIso }];
    }
    const withAgent = wasState === 'CONNECTED' && c.agent !== undefined && agentWorks(c);
    if (withAgent) {
      c.acwStartMs = now;
      // After-contact work starts as the contact disconnects.
      c.acwStartIso = c.disconnectIso;
      this.updateAgentInfo(c);
    }
    c.outcome = c.outcome ?? (wasState === 'OFFERED' ? 'ABANDONED' : outcome);
    this.emit(c, 'DISCONNECTED');
    if (c.legs) for (const leg of c.legs) this.disconnect(leg, 'HANDLED');
    this.runDisconnectFlow(c);
    if (withAgent) {
      c.state = 'ACW';
      if (c.agent?.control === 'auto')
        c.timer = this.clock.callAfter(this.behavior.acwMs(c), this.complete, this, c);
      return;
    }
    const agent = c.agent;
    this.finish(c);
    if (agent && wasState === 'OFFERED') this.release(agent, c);
  }

  /** After-contact work ends: COMPLETED with the ACW fields, and the agent's slot frees. */
  protected complete(c: Contact): void {
    if (c.state !== 'ACW' || c.acwStartMs === undefined) return;
    const now = this.clock.now();
    const emitted = c.agentInfo;
    this.updateAgentInfo(c);
    // A fresh object, not emitted yet: completing it in place leaves emitted ones unchanged.
    if (c.agentInfo === emitted) c.agentInfo = { ...emitted } as NonNullable<Contact['agentInfo']>;
    const info = c.agentInfo as NonNullable<Contact['agentInfo']>;
    info.afterContactWorkEndTimestamp = iso(now);
    info.afterContactWorkDuration = Math.round((now - c.acwStartMs) / 1000);
    this.emit(c, 'COMPLETED');
    const agent = c.agent as Agent;
    this.finish(c);
    this.release(agent, c);
  }

  private runDisconnectFlow(c: Contact): void {
    const task = c.disconnectFlow?.config.createTask;
    if (!task) return;
    const flow = this.center.findFlow(task.flow);
    if (!flow) return;
    const t = this.newContact('TASK', 'DISCONNECT', { related: c.id });
    t.name = task.name;
    t.attributes = c.attributes;
    this.emit(t, 'INITIATED');
    this.startTaskFlow(t, flow);
  }

  /** A task enters the system: CONNECTED_TO_SYSTEM, then its flow; its expiry clock starts at initiation. */
  protected startTaskFlow(t: Contact, flow: Flow): void {
    t.expiryTimer ??= this.clock.at(t.initiationMs + this.taskExpiryMs, () => this.disconnect(t, 'EXPIRED'));
    t.connectedToSystemIso = iso(this.clock.now());
    this.emit(t, 'CONNECTED_TO_SYSTEM');
    this.runFlow(t, flow);
  }

  private finish(c: Contact): void {
    c.state = 'ENDED';
    // An ended contact emits nothing more: its NDJSON text need not outlive it in DescribeContact's memory.
    c.json = undefined;
    this.clock.cancel(c.timer);
    this.clock.cancel(c.expiryTimer);
    c.timer = undefined;
    c.expiryTimer = undefined;
    this.live.delete(c.id);
    const byOutcome = this.stats.contacts[c.channel] ?? {};
    this.stats.contacts[c.channel] = byOutcome;
    const outcome = c.outcome ?? 'ENDED';
    byOutcome[outcome] = (byOutcome[outcome] ?? 0) + 1;
    const ring = this.finishedRing;
    if (ring.length > 0) {
      const old = ring[this.finishedNext];
      if (old !== undefined) this.finished.delete(old);
      ring[this.finishedNext] = c.id;
      this.finishedNext = (this.finishedNext + 1) % ring.length;
      this.finished.set(c.id, c);
    }
  }

  protected counts(q: Queue): QueueCounts {
    let counts = this.countsByQueue[q.ordinal];
    if (counts === undefined) {
      counts = this.stats.queues.get(q) ?? newCounts();
      this.stats.queues.set(q, counts);
      this.countsByQueue[q.ordinal] = counts;
    }
    return counts;
  }
}

/** Legs that ride on another contact (monitor, external party) hold no slot and do no after-contact work. */
function agentWorks(c: Contact): boolean {
  return c.method !== 'MONITOR' && c.method !== 'EXTERNAL_OUTBOUND';
}

function newCounts(): QueueCounts {
  return { queued: 0, answered: 0, abandoned: 0, transferredOut: 0, callbacks: 0 };
}

const CONTACT_LENS = {
  conversationalAnalytics: {
    configuration: {
      enabled: true,
      channelConfiguration: { analyticsModes: ['PostContact'] },
      languageLocale: 'en-US',
      redactionConfiguration: {
        behavior: 'Enable',
        policy: 'RedactedAndOriginal',
        entities: ['EMAIL'],
        maskMode: 'EntityType',
      },
    },
  },
};
