import type { Agent, Flow, Queue } from './center.js';
import type { RoutingStepConfig } from './center-config.js';
import type { Contact, ContactPlan } from './contact.js';
import { activateStep, expressionProblem, newCriteria, snapshot } from './criteria.js';
import {
  InvalidParameterError,
  InvalidRequestError,
  ResourceNotFoundError,
  ServiceQuotaExceededError,
} from './errors.js';
import type { RoutingExpression, SegmentAttributes } from './event-types.js';
import { OutboundEngine } from './outbound.js';
import { uuidFromName } from './rng.js';
import { iso } from './time.js';

export type TimeInput = Date | number | string;

interface InstanceRef {
  instanceId: string;
}
interface ContactRef extends InstanceRef {
  contactId: string;
}

export interface StartOutboundVoiceContactInput extends InstanceRef {
  contactFlowId: string;
  destinationPhoneNumber: string;
  queueId?: string;
  attributes?: Record<string, string>;
  campaignId?: string;
  trafficType?: 'GENERAL' | 'CAMPAIGN';
  answerMachineDetectionConfig?: { enableAnswerMachineDetection?: boolean };
  relatedContactId?: string;
  name?: string;
  description?: string;
}

export interface StartChatContactInput extends InstanceRef {
  contactFlowId: string;
  participantDetails?: { displayName?: string };
  attributes?: Record<string, string>;
  segmentAttributes?: SegmentAttributes;
  relatedContactId?: string;
}

export interface StartTaskContactInput extends InstanceRef {
  contactFlowId: string;
  name: string;
  description?: string;
  attributes?: Record<string, string>;
  scheduledTime?: TimeInput;
  previousContactId?: string;
  relatedContactId?: string;
  segmentAttributes?: SegmentAttributes;
}

export interface RoutingCriteriaInput {
  steps: { expression: RoutingExpression; expiry?: { durationInSeconds?: number } }[];
}

const STATUS_IDS = {
  Available: uuidFromName('agent-status', 'Available'),
  Offline: uuidFromName('agent-status', 'Offline'),
};
const SIX_DAYS = 6 * 86_400_000;
/** How many tasks may name one contact as their PreviousContactId (the API reference's quota). */
const LINKED_TASKS = 12;

/** A chat's segment attributes unless given: one object for all chats (contacts replace it, never change it). */
const CHAT_SEGMENT_ATTRIBUTES: SegmentAttributes = Object.freeze({
  'connect:Subtype': Object.freeze({ valueString: 'connect:Chat' }),
});

/**
 * The emulated Amazon Connect instance: each method is one Amazon Connect API call (or one agent action in
 * the contact control panel) and drives the same state machine as scenario traffic, so it emits the same
 * events. Errors are {@link ResourceNotFoundError}, {@link InvalidParameterError}, {@link InvalidRequestError}.
 */
export class Emulator extends OutboundEngine {
  // ---- Start* ----

  startOutboundVoiceContact(input: StartOutboundVoiceContactInput): { contactId: string } {
    this.instance(input);
    const flow = this.flow(input.contactFlowId);
    if (!/^\+[1-9]\d{3,14}$/.test(input.destinationPhoneNumber ?? '')) {
      throw new InvalidParameterError('destinationPhoneNumber must be in E.164 form, e.g. +15550100123');
    }
    const queue = input.queueId === undefined ? undefined : this.queue(input.queueId);
    const campaign = input.trafficType === 'CAMPAIGN' || input.campaignId !== undefined;
    // Detection runs only when asked for, and only on campaign calls (the API reference's rule for the flag).
    const amd = input.answerMachineDetectionConfig?.enableAnswerMachineDetection === true;
    if (amd && !campaign) {
      throw new InvalidParameterError(
        'answerMachineDetectionConfig.enableAnswerMachineDetection is true: trafficType must be CAMPAIGN',
      );
    }
    const related = this.related(input.relatedContactId);
    const c = this.newContact('VOICE', 'API', { related: related?.id });
    this.startingAttributes(c, related, input.attributes);
    if (campaign) {
      c.campaignId = input.campaignId ?? 'default-campaign';
      c.campaign = { campaignId: c.campaignId };
    }
    c.name = input.name;
    this.dialOut(c, queue ? { ...flow, queue } : flow, amd);
    return { contactId: c.id };
  }

  /** An agent dials a customer from the contact control panel (initiation method OUTBOUND, no queue). */
  startAgentOutbound(input: InstanceRef & { userId: string; destinationPhoneNumber: string }): {
    contactId: string;
  } {
    this.instance(input);
    const agent = this.agent(input.userId);
    if (agent.inUse.VOICE >= agent.profile.concurrency.VOICE) {
      throw new InvalidRequestError(`agent ${agent.username} has no free voice slot`);
    }
    const c = this.newContact('VOICE', 'OUTBOUND');
    this.agentDial(c, agent);
    return { contactId: c.id };
  }

  startChatContact(input: StartChatContactInput): {
    contactId: string;
    participantId: string;
    participantToken: string;
  } {
    this.instance(input);
    const flow = this.flow(input.contactFlowId);
    const related = this.related(input.relatedContactId);
    const c = this.newContact('CHAT', 'API', { related: related?.id });
    this.startingAttributes(c, related, input.attributes);
    c.segmentAttributes = input.segmentAttributes ?? CHAT_SEGMENT_ATTRIBUTES;
    this.emit(c, 'INITIATED');
    c.connectedToSystemIso = c.initiationIso;
    this.emit(c, 'CONNECTED_TO_SYSTEM');
    this.runFlow(c, flow);
    return { contactId: c.id, participantId: `${c.id}-customer`, participantToken: `token-${c.id}` };
  }

  startTaskContact(input: StartTaskContactInput): { contactId: string } {
    this.instance(input);
    const flow = this.flow(input.contactFlowId);
    if (!input.name) throw new InvalidParameterError('name is required');
    const previous = input.previousContactId === undefined ? undefined : this.find(input.previousContactId);
    const related = this.related(input.relatedContactId);
    if (previous) this.checkLinkedTasks(previous);
    const c = this.newContact('TASK', 'API', { previous, related: related?.id });
    // With a previous contact the task starts with its chain's attributes; a related one's are only copied.
    this.startingAttributes(c, previous ? undefined : related, input.attributes);
    if (input.segmentAttributes) c.segmentAttributes = input.segmentAttributes;
    c.name = input.name;
    c.description = input.description;
    c.expiryTimer = this.clock.at(c.initiationMs + this.taskExpiryMs, () => this.disconnect(c, 'EXPIRED'));
    if (input.scheduledTime !== undefined) {
      const at = this.scheduleTime(input.scheduledTime);
      c.state = 'SCHEDULED';
      c.flow = flow;
      c.scheduledMs = at;
      c.scheduledIso = iso(at);
      this.emit(c, 'INITIATED');
      c.timer = this.clock.at(at, () => this.startTaskFlow(c, flow));
    } else {
      this.emit(c, 'INITIATED');
      this.startTaskFlow(c, flow);
    }
    return { contactId: c.id };
  }

  /** A customer calls the center's number (not an API call: the emulator's way to place inbound voice). */
  startInboundVoiceContact(input: InstanceRef & { contactFlowId: string; plan?: ContactPlan }): {
    contactId: string;
  } {
    this.instance(input);
    const flow = this.flow(input.contactFlowId);
    const c = this.newContact('VOICE', 'INBOUND');
    if (input.plan) c.plan = input.plan;
    this.emit(c, 'INITIATED');
    this.runFlow(c, flow);
    return { contactId: c.id };
  }

  /** The queued customer asks to be called back: the contact ends and a CALLBACK contact is queued. */
  requestCallback(input: ContactRef & { delaySeconds?: number }): { contactId: string } {
    this.instance(input);
    const c = this.active(input.contactId);
    if (c.state !== 'QUEUED' || c.channel !== 'VOICE')
      throw new InvalidRequestError('only a queued call can ask for a callback');
    const cb = this.queueCallback(
      c,
      input.delaySeconds === undefined ? this.callbackDelayMs(c) : input.delaySeconds * 1000,
    );
    return { contactId: cb.id };
  }

  /** The agent adds an external party to a connected call (EXTERNAL_OUTBOUND leg). */
  addExternalParticipant(input: ContactRef & { talkSeconds?: number }): void {
    const c = this.connected(input);
    if (c.channel !== 'VOICE') throw new InvalidRequestError('only calls take an external participant');
    this.addExternalLeg(c, (input.talkSeconds ?? 60) * 1000);
  }

  // ---- changes to a contact ----

  stopContact(input: ContactRef & { disconnectReason?: { code?: string } }): void {
    this.instance(input);
    const c = this.active(input.contactId);
    this.disconnect(c, c.state === 'CONNECTED' ? 'HANDLED' : 'STOPPED');
  }

  transferContact(input: ContactRef & { contactFlowId: string; queueId?: string; userId?: string }): {
    contactId: string;
    contactArn: string;
  } {
    this.instance(input);
    const c = this.active(input.contactId);
    const flow = this.flow(input.contactFlowId);
    if ((input.queueId === undefined) === (input.userId === undefined)) {
      throw new InvalidParameterError('give exactly one of queueId and userId');
    }
    if (c.state !== 'QUEUED' && c.state !== 'CONNECTED') {
      throw new InvalidRequestError(
        `contact ${c.id} is ${c.state}: only a queued or connected contact transfers`,
      );
    }
    const to =
      input.queueId !== undefined
        ? { queue: this.queue(input.queueId) }
        : { agent: this.agent(input.userId as string) };
    const next = this.transfer(c, { flow: flow.id, ...to }) as Contact;
    return { contactId: next.id, contactArn: next.arn };
  }

  /** UpdateContactAttributes names the contact by `initialContactId`, as the real call does. */
  updateContactAttributes(
    input: InstanceRef & { initialContactId: string; attributes: Record<string, string> },
  ): void {
    this.instance(input);
    const c = this.find(input.initialContactId);
    if (!input.attributes || typeof input.attributes !== 'object')
      throw new InvalidParameterError('attributes');
    // Every contact of the chain takes the update. After DISCONNECTED the attributes still change (as the
    // real call allows), but no event follows.
    for (const m of c.chain ?? [c]) {
      if (m.state === 'ENDED' || m.state === 'ACW') m.attributes = { ...m.attributes, ...input.attributes };
      else this.setAttributes(m, input.attributes);
    }
  }

  updateContactSchedule(input: ContactRef & { scheduledTime: TimeInput }): void {
    this.instance(input);
    const c = this.active(input.contactId);
    if (c.state !== 'SCHEDULED') throw new InvalidRequestError(`contact ${c.id} is not a scheduled task`);
    const at = this.scheduleTime(input.scheduledTime);
    c.scheduledMs = at;
    c.scheduledIso = iso(at);
    this.clock.cancel(c.timer);
    const flow = c.flow as Flow;
    c.timer = this.clock.at(at, () => this.startTaskFlow(c, flow));
    this.emit(c, 'CONTACT_DATA_UPDATED', ['ScheduledTimestamp']);
  }

  pauseContact(input: ContactRef & { contactFlowId?: string }): void {
    this.instance(input);
    const c = this.active(input.contactId);
    if (c.channel !== 'TASK') throw new InvalidRequestError('only tasks can be paused');
    if (c.pauseCount >= 10 && !c.paused)
      throw new InvalidRequestError('a task can be paused at most 10 times');
    if (!this.pauseTask(c))
      throw new InvalidRequestError(`contact ${c.id} is ${c.paused ? 'already paused' : c.state}`);
  }

  resumeContact(input: ContactRef & { contactFlowId?: string }): void {
    this.instance(input);
    const c = this.active(input.contactId);
    if (!this.resumeTask(c)) throw new InvalidRequestError(`contact ${c.id} is not paused`);
  }

  updateContactRoutingData(
    input: ContactRef & {
      queueTimeAdjustmentSeconds?: number;
      queuePriority?: number;
      routingCriteria?: RoutingCriteriaInput;
    },
  ): void {
    this.instance(input);
    const c = this.active(input.contactId);
    if (c.state !== 'QUEUED' || !c.queue) throw new InvalidRequestError(`contact ${c.id} is not in a queue`);
    if (input.queuePriority !== undefined) {
      if (
        !Number.isInteger(input.queuePriority) ||
        input.queuePriority < 1 ||
        input.queuePriority > 9_223_372_036
      ) {
        throw new InvalidParameterError('queuePriority must be a positive integer');
      }
      c.priority = input.queuePriority;
    }
    if (input.queueTimeAdjustmentSeconds !== undefined) {
      c.routingKeyMs = (c.enqueueMs ?? 0) - input.queueTimeAdjustmentSeconds * 1000;
    }
    if (
      (input.queuePriority !== undefined || input.queueTimeAdjustmentSeconds !== undefined) &&
      !c.adjusted
    ) {
      c.adjusted = true;
      c.queue.adjusted++;
    }
    if (input.routingCriteria) this.replaceCriteria(c, input.routingCriteria);
    this.route(c);
  }

  tagContact(input: ContactRef & { tags: Record<string, string> }): void {
    this.instance(input);
    const c = this.active(input.contactId);
    const keys = Object.keys(input.tags ?? {});
    if (keys.length === 0) throw new InvalidParameterError('tags must not be empty');
    if (keys.some((k) => k.startsWith('aws:')))
      throw new InvalidParameterError('tag keys starting with aws: are reserved');
    this.setTags(c, input.tags);
  }

  untagContact(input: ContactRef & { tagKeys: string[] }): void {
    this.instance(input);
    const c = this.active(input.contactId);
    if (!Array.isArray(input.tagKeys) || input.tagKeys.some((k) => k.startsWith('aws:'))) {
      throw new InvalidParameterError('tagKeys must be user tag keys');
    }
    const tags = { ...c.tags };
    for (const k of input.tagKeys) delete tags[k];
    c.tags = tags;
    this.emit(c, 'CONTACT_DATA_UPDATED', ['Tags']);
  }

  /** A supervisor monitors a connected contact (MonitorContact). */
  monitorContact(input: ContactRef & { userId: string; barge?: boolean }): {
    contactId: string;
    contactArn: string;
  } {
    this.instance(input);
    const c = this.active(input.contactId);
    if (c.channel === 'TASK')
      throw new InvalidRequestError(`contact ${c.id} is a task: only calls and chats are monitored`);
    const m = this.addMonitor(c, this.agent(input.userId));
    if (!m) throw new InvalidRequestError(`contact ${c.id} is not connected to an agent`);
    if (input.barge) this.barge(m);
    return { contactId: m.id, contactArn: m.arn };
  }

  // ---- agents ----

  /** PutUserStatus with `Available` or `Offline` (by status name or id). */
  setAgentStatus(input: InstanceRef & { userId: string; agentStatusId: string }): void {
    this.instance(input);
    const agent = this.agent(input.userId);
    const s = input.agentStatusId;
    if (s !== 'Available' && s !== 'Offline' && s !== STATUS_IDS.Available && s !== STATUS_IDS.Offline) {
      throw new ResourceNotFoundError(`agent status ${s} does not exist`);
    }
    this.setAvailable(agent, s === 'Available' || s === STATUS_IDS.Available);
  }

  /** The agent accepts a contact offered to it (manual agents). */
  accept(input: ContactRef): void {
    this.instance(input);
    const c = this.active(input.contactId);
    if (c.state !== 'OFFERED') throw new InvalidRequestError(`contact ${c.id} is not ringing (${c.state})`);
    this.connectAgent(c);
  }

  hold(input: ContactRef): void {
    const c = this.connected(input);
    if (c.holdStartMs !== undefined) throw new InvalidRequestError('the customer is already on hold');
    this.putOnHold(c);
  }

  resumeHold(input: ContactRef): void {
    const c = this.connected(input);
    if (c.holdStartMs === undefined) throw new InvalidRequestError('the customer is not on hold');
    this.takeOffHold(c);
  }

  /** The agent ends the contact: DISCONNECTED, then after-contact work. */
  end(input: ContactRef): void {
    const c = this.connected(input);
    this.disconnect(c, 'HANDLED');
  }

  completeAfterContactWork(input: ContactRef): void {
    this.instance(input);
    const c = this.find(input.contactId);
    if (c.state !== 'ACW') throw new InvalidRequestError(`contact ${c.id} is not in after-contact work`);
    this.complete(c);
  }

  // ---- reads ----

  describeInstance(input: InstanceRef): InstanceDescription {
    this.instance(input);
    return this.instanceSummary();
  }

  listInstances(): InstanceDescription[] {
    return [this.instanceSummary()];
  }

  listQueues(input: InstanceRef & { queueTypes?: ('STANDARD' | 'AGENT')[] }): ResourceSummary[] {
    this.instance(input);
    const types = input.queueTypes ?? ['STANDARD', 'AGENT'];
    return [...new Set(this.center.queues.values())]
      .filter((q) => types.includes(q.type))
      .map((q) => ({ id: q.id, arn: q.arn, name: q.name, queueType: q.type }));
  }

  listContactFlows(input: InstanceRef): ResourceSummary[] {
    this.instance(input);
    return [...this.center.flows.values()].map((f) => ({
      id: f.id,
      arn: f.arn,
      name: f.config.name,
      contactFlowType: 'CONTACT_FLOW',
    }));
  }

  listUsers(input: InstanceRef): ResourceSummary[] {
    this.instance(input);
    return [...this.center.agents.values()].map((a) => ({ id: a.id, arn: a.arn, username: a.username }));
  }

  listAgentStatuses(input: InstanceRef): ResourceSummary[] {
    this.instance(input);
    return (['Available', 'Offline'] as const).map((name) => ({
      id: STATUS_IDS[name],
      arn: `${this.center.instanceArn}/agent-state/${STATUS_IDS[name]}`,
      name,
      type: name === 'Available' ? 'ROUTABLE' : 'OFFLINE',
    }));
  }

  describeContact(input: ContactRef): ContactDescription {
    this.instance(input);
    return describe(this.find(input.contactId));
  }

  // ---- helpers ----

  private instanceSummary(): InstanceDescription {
    const c = this.center;
    return {
      id: c.instanceId,
      arn: c.instanceArn,
      instanceAlias: c.alias,
      account: c.account,
      region: c.region,
    };
  }

  private instance(input: InstanceRef): void {
    const id = input?.instanceId;
    if (id !== this.center.instanceId && id !== this.center.instanceArn) {
      throw new ResourceNotFoundError(`instance ${id} does not exist`);
    }
  }

  private flow(id: string): Flow {
    const f = id === undefined ? undefined : this.center.findFlow(id);
    if (!f) throw new ResourceNotFoundError(`contact flow ${id} does not exist`);
    return f;
  }

  private queue(id: string): Queue {
    const q = this.center.findQueue(id);
    if (!q) throw new ResourceNotFoundError(`queue ${id} does not exist`);
    return q;
  }

  private agent(id: string): Agent {
    const a = this.center.findAgent(id);
    if (!a) throw new ResourceNotFoundError(`user ${id} does not exist`);
    return a;
  }

  private find(contactId: string): Contact {
    const c = this.contact(contactId);
    if (!c) throw new ResourceNotFoundError(`contact ${contactId} does not exist`);
    return c;
  }

  private active(contactId: string): Contact {
    const c = this.find(contactId);
    if (c.state === 'ENDED' || c.state === 'ACW')
      throw new InvalidRequestError(`contact ${contactId} has ended`);
    return c;
  }

  private connected(input: ContactRef): Contact {
    this.instance(input);
    const c = this.active(input.contactId);
    if (c.state !== 'CONNECTED')
      throw new InvalidRequestError(`contact ${c.id} is not connected to an agent`);
    return c;
  }

  private related(id: string | undefined): Contact | undefined {
    return id === undefined ? undefined : this.find(id);
  }

  /** A new contact's attributes: a copy of its related contact's, then those given. */
  private startingAttributes(
    c: Contact,
    related: Contact | undefined,
    given: Record<string, string> | undefined,
  ): void {
    if (related) c.attributes = related.attributes;
    if (given) c.attributes = { ...c.attributes, ...given };
  }

  /** At most {@link LINKED_TASKS} tasks may name the same previous contact. */
  private checkLinkedTasks(previous: Contact): void {
    let linked = 0;
    for (const m of previous.chain ?? [])
      if (m.channel === 'TASK' && m.previousContactId === previous.id) linked++;
    if (linked >= LINKED_TASKS) {
      throw new ServiceQuotaExceededError(
        `contact ${previous.id} already has ${LINKED_TASKS} tasks linked to it by previousContactId`,
      );
    }
  }

  private scheduleTime(t: TimeInput): number {
    const ms = t instanceof Date ? t.getTime() : typeof t === 'number' ? t : Date.parse(t);
    const now = this.clock.now();
    if (!Number.isFinite(ms) || ms < now || ms > now + SIX_DAYS) {
      throw new InvalidParameterError('scheduledTime must be between now and 6 days ahead');
    }
    return ms;
  }

  private replaceCriteria(c: Contact, input: RoutingCriteriaInput): void {
    if (!Array.isArray(input.steps) || input.steps.length < 1 || input.steps.length > 5) {
      throw new InvalidParameterError('routingCriteria needs 1 to 5 steps');
    }
    input.steps.forEach((s, i) => {
      const problem = expressionProblem(s.expression ?? {}, `routingCriteria.steps[${i}].expression`);
      if (problem) throw new InvalidParameterError(problem);
    });
    const steps: RoutingStepConfig[] = input.steps.map((s) => ({
      expression: s.expression,
      expirySeconds: s.expiry?.durationInSeconds,
    }));
    this.clock.cancel(c.stepTimer);
    const crit = newCriteria(steps, c.criteria ? c.criteria.index + 1 : 0);
    const now = this.clock.now();
    crit.activationMs = now;
    const expiry = activateStep(crit, 0, now);
    if (expiry !== undefined) c.stepTimer = this.clock.at(expiry, () => this.expireStep(c));
    c.criteria = crit;
    c.routingCriteria = snapshot(crit);
    this.emit(c, 'CONTACT_DATA_UPDATED', ['RoutingCriteria.Step.Status']);
  }
}

export interface InstanceDescription {
  id: string;
  arn: string;
  instanceAlias: string;
  account: string;
  region: string;
}

export type ResourceSummary = { id: string; arn: string } & Record<string, string>;

/** DescribeContact's Contact, with timestamps as Dates. */
export interface ContactDescription {
  Arn: string;
  Id: string;
  InitialContactId?: string;
  PreviousContactId?: string;
  RelatedContactId?: string;
  Channel: string;
  InitiationMethod: string;
  Name?: string;
  Description?: string;
  InitiationTimestamp: Date;
  DisconnectTimestamp?: Date;
  ScheduledTimestamp?: Date;
  QueueInfo?: { Id: string; EnqueueTimestamp?: Date };
  AgentInfo?: { Id: string; ConnectedToAgentTimestamp?: Date };
  Tags: Record<string, string>;
  Attributes: Record<string, string>;
  State: string;
}

function describe(c: Contact): ContactDescription {
  const d: ContactDescription = {
    Arn: c.arn,
    Id: c.id,
    Channel: c.channel,
    InitiationMethod: c.method,
    InitiationTimestamp: new Date(c.initiationMs),
    Tags: c.tags,
    Attributes: c.attributes,
    State: c.state,
  };
  if (c.initialContactId) d.InitialContactId = c.initialContactId;
  if (c.previousContactId) d.PreviousContactId = c.previousContactId;
  if (c.relatedContactId) d.RelatedContactId = c.relatedContactId;
  if (c.name) d.Name = c.name;
  if (c.description) d.Description = c.description;
  if (c.disconnectIso) d.DisconnectTimestamp = new Date(c.disconnectIso);
  if (c.scheduledMs !== undefined) d.ScheduledTimestamp = new Date(c.scheduledMs);
  if (c.queue)
    d.QueueInfo = {
      Id: c.queue.id,
      EnqueueTimestamp: c.enqueueMs === undefined ? undefined : new Date(c.enqueueMs),
    };
  if (c.agent) {
    d.AgentInfo = { Id: c.agent.id };
    if (c.connectedToAgentMs !== undefined)
      d.AgentInfo.ConnectedToAgentTimestamp = new Date(c.connectedToAgentMs);
  }
  return d;
}
