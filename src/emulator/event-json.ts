import type { Agent, Center, Queue } from './center.js';
import type { Contact } from './contact.js';
import type { AgentInfo, EventType, HierarchyGroups, UpdatedProperty } from './event-types.js';
import { NdjsonChunks } from './ndjson-chunks.js';
import type { Rng } from './rng.js';

const NO_BYTES: Uint8Array = new Uint8Array(0);

function utf8(text: string): Uint8Array {
  return Buffer.from(text, 'utf8');
}

const ID = utf8('{"version":"0","id":"');
const QUOTE = utf8('"');
const END = utf8('}}\n');
const CONNECTED_TO_SYSTEM = utf8(',"connectedToSystemTimestamp":"');
const DISCONNECT = utf8(',"disconnectTimestamp":"');
const SCHEDULED = utf8(',"scheduledTimestamp":"');
const GREETING_START = utf8(',"customerVoiceActivity":{"greetingStartTimestamp":"');
const GREETING_END = utf8(',"greetingEndTimestamp":"');
const CLOSE = utf8('}');
const CLOSE_STRING = utf8('"}');
const ENQUEUE = utf8(',"enqueueTimestamp":"');
const CONNECTED_TO_AGENT = utf8(',"connectedToAgentTimestamp":"');
const ACCEPTED = utf8(',"acceptedByAgentTimestamp":"');
const THEN_ACCEPTED = utf8('","acceptedByAgentTimestamp":"');
const HOLD = utf8(',"agentInitiatedHoldDuration":');
const ACW_START = utf8(',"afterContactWorkStartTimestamp":"');
const ACW_END = utf8(',"afterContactWorkEndTimestamp":"');
const ACW_DURATION = utf8(',"afterContactWorkDuration":');

/** Tags objects shared by many contacts (the system tags of each channel) are serialized once. */
const SHARED_TAGS = 8;

/**
 * Encoded text of one contact reused by every event it emits: the parts that never change are encoded
 * once, and each nested object is serialized once and kept with the object it was made from. The engine
 * replaces these objects and never mutates them (see {@link Contact}), so the text stays right while the
 * object is the same.
 */
export class ContactJson {
  campaign: object | undefined = undefined;
  campaignJson = NO_BYTES;
  tags: object | undefined = undefined;
  tagsJson = NO_BYTES;
  segmentAttributes: object | undefined = undefined;
  segmentAttributesJson = NO_BYTES;
  contactLens: object | undefined = undefined;
  contactLensJson = NO_BYTES;
  routingCriteria: object | undefined = undefined;
  routingCriteriaJson = NO_BYTES;
  stateTransitions: object | undefined = undefined;
  stateTransitionsJson = NO_BYTES;

  constructor(
    /** From the envelope's `region` to the opening quote of `detail.eventType`. */
    readonly envelope: Uint8Array,
    /** From the closing quote of `eventType` to the opening quote of `initiationTimestamp`. */
    readonly head: Uint8Array,
    /** The closing quote of `initiationTimestamp`, then the links to other contacts (`initialContactId`...). */
    readonly links: Uint8Array,
  ) {}
}

/**
 * Writes emitted events as NDJSON lines, byte for byte what `JSON.stringify` gives for the event objects
 * the engine otherwise builds (`contactDetail` inside the envelope): same keys, same order, same
 * values. Text that does not change from one event to the next is encoded once (per run, per contact,
 * per nested object); an event copies those bytes and writes its own id and timestamps (the emulator's
 * ASCII text, with nothing to escape) straight into the output. No event object or line string is built.
 */
export class EventJsonWriter {
  readonly out = new NdjsonChunks();
  private readonly afterId: Uint8Array;
  private readonly region: string;
  private readonly instanceArn: string;
  private time = '';
  /** The envelope from after the id to the time, which changes once a virtual second. */
  private afterIdAndTime = NO_BYTES;
  private readonly eventTypes = new Map<string, Uint8Array>();
  private readonly updated = new Map<string, Uint8Array>();
  /** Queues, agents and hierarchy groups belong to the center, so these maps stay as small as the config. */
  private readonly queues = new Map<Queue, Uint8Array>();
  private readonly enqueuedQueues = new Map<Queue, Uint8Array>();
  private readonly agents = new Map<Agent, Uint8Array>();
  private readonly connectedAgents = new Map<Agent, Uint8Array>();
  private readonly hierarchy = new Map<HierarchyGroups, Uint8Array>();
  private readonly sharedTags = new Map<object, Uint8Array>();

  constructor(center: Center) {
    this.afterId = utf8(
      `","detail-type":"Amazon Connect Contact Event","source":"aws.connect","account":${JSON.stringify(center.account)},"time":"`,
    );
    this.region = `","region":${JSON.stringify(center.region)},"resources":[`;
    this.instanceArn = JSON.stringify(center.instanceArn);
  }

  /**
   * One event of the contact, as `contactDetail` would describe it now, with an id drawn from
   * `ids` as `uuidFrom` draws it and the envelope time `time`.
   */
  write(
    c: Contact,
    eventType: EventType,
    updatedProperties: UpdatedProperty[] | undefined,
    ids: Rng,
    time: string,
  ): void {
    const out = this.out;
    const j = c.json ?? this.contactJson(c);
    out.bytes(ID);
    const a = ids.uint32();
    const b = (ids.uint32() & 0xffff0fff) | 0x4000;
    const v = (ids.uint32() & 0x3fffffff) | 0x80000000;
    out.uuid(a, b, v, ids.uint32());
    if (time !== this.time) {
      this.time = time;
      this.afterIdAndTime = Buffer.concat([this.afterId, utf8(time)]);
    }
    out.bytes(this.afterIdAndTime);
    out.bytes(j.envelope);
    out.bytes(this.eventTypeJson(eventType));
    out.bytes(j.head);
    // Campaign calls: INITIATED keeps the moment of creation, later events the call's start.
    out.ascii(eventType === 'INITIATED' && c.firstInitiationIso ? c.firstInitiationIso : c.initiationIso);
    out.bytes(j.links);
    if (c.connectedToSystemIso) this.timestamp(CONNECTED_TO_SYSTEM, c.connectedToSystemIso);
    if (c.disconnectIso) this.timestamp(DISCONNECT, c.disconnectIso);
    if (c.scheduledIso) this.timestamp(SCHEDULED, c.scheduledIso);
    if (updatedProperties) out.bytes(this.updatedJson(updatedProperties));
    if (c.queueInfo) {
      const q = c.queue;
      if (q !== undefined && c.queueInfo.queueArn === q.arn && c.queueInfo.queueType === q.type) {
        const enqueued = c.queueInfo.enqueueTimestamp;
        if (enqueued !== undefined) {
          out.bytes(this.queuePrefix(q, this.enqueuedQueues, ENQUEUE));
          out.ascii(enqueued);
          out.bytes(CLOSE_STRING);
        } else {
          out.bytes(this.queuePrefix(q, this.queues, NO_BYTES));
          out.bytes(CLOSE);
        }
      } else out.text(`,"queueInfo":${JSON.stringify(c.queueInfo)}`);
    }
    if (c.agentInfo) {
      const agent = c.agent;
      if (agent !== undefined && c.agentInfo.agentArn === agent.arn) this.agentInfo(c.agentInfo, agent);
      else out.text(`,"agentInfo":${JSON.stringify(c.agentInfo)}`);
    }
    if (c.greeting) {
      this.timestamp(GREETING_START, c.greeting.greetingStartTimestamp);
      out.bytes(GREETING_END);
      out.ascii(c.greeting.greetingEndTimestamp);
      out.bytes(CLOSE_STRING);
    }
    if (c.campaign) {
      if (j.campaign !== c.campaign) {
        j.campaign = c.campaign;
        j.campaignJson = utf8(`,"campaign":${JSON.stringify(c.campaign)}`);
      }
      out.bytes(j.campaignJson);
    }
    if (c.amdStatus) out.text(`,"answeringMachineDetectionStatus":${JSON.stringify(c.amdStatus)}`);
    if (c.disconnectReason) out.text(`,"disconnectReason":${JSON.stringify(c.disconnectReason)}`);
    out.bytes(this.tagsJson(c, j));
    if (c.segmentAttributes) {
      if (j.segmentAttributes !== c.segmentAttributes) {
        j.segmentAttributes = c.segmentAttributes;
        j.segmentAttributesJson = utf8(`,"segmentAttributes":${JSON.stringify(c.segmentAttributes)}`);
      }
      out.bytes(j.segmentAttributesJson);
    }
    if (c.contactLens) {
      if (j.contactLens !== c.contactLens) {
        j.contactLens = c.contactLens;
        j.contactLensJson = utf8(`,"contactLens":${JSON.stringify(c.contactLens)}`);
      }
      out.bytes(j.contactLensJson);
    }
    if (c.routingCriteria) {
      if (j.routingCriteria !== c.routingCriteria) {
        j.routingCriteria = c.routingCriteria;
        j.routingCriteriaJson = utf8(`,"routingCriteria":${JSON.stringify(c.routingCriteria)}`);
      }
      out.bytes(j.routingCriteriaJson);
    }
    if (c.stateTransitions) {
      if (j.stateTransitions !== c.stateTransitions) {
        j.stateTransitions = c.stateTransitions;
        j.stateTransitionsJson = utf8(`,"stateTransitions":${JSON.stringify(c.stateTransitions)}`);
      }
      out.bytes(j.stateTransitionsJson);
    }
    out.bytes(END);
    out.endLine();
  }

  private contactJson(c: Contact): ContactJson {
    let links = '"';
    if (c.initialContactId) links += `,"initialContactId":${JSON.stringify(c.initialContactId)}`;
    if (c.previousContactId) links += `,"previousContactId":${JSON.stringify(c.previousContactId)}`;
    if (c.relatedContactId) links += `,"relatedContactId":${JSON.stringify(c.relatedContactId)}`;
    const j = new ContactJson(
      utf8(`${this.region}${c.resources.map((r) => JSON.stringify(r)).join(',')}],"detail":{"eventType":"`),
      utf8(
        `","contactId":${JSON.stringify(c.id)},"channel":${JSON.stringify(c.channel)},"instanceArn":${this.instanceArn},"initiationMethod":${JSON.stringify(c.method)},"initiationTimestamp":"`,
      ),
      links.length === 1 ? QUOTE : utf8(links),
    );
    c.json = j;
    return j;
  }

  /** A timestamp (the emulator's own ISO text) after its key and opening quote. */
  private timestamp(key: Uint8Array, iso: string): void {
    this.out.bytes(key);
    this.out.ascii(iso);
    this.out.bytes(QUOTE);
  }

  private tagsJson(c: Contact, j: ContactJson): Uint8Array {
    const shared = this.sharedTags.get(c.tags);
    if (shared !== undefined) return shared;
    if (j.tags !== c.tags) {
      j.tags = c.tags;
      j.tagsJson = utf8(`,"tags":${JSON.stringify(c.tags)}`);
      if (this.sharedTags.size < SHARED_TAGS) this.sharedTags.set(c.tags, j.tagsJson);
    }
    return j.tagsJson;
  }

  /** `queueInfo` up to its `queueType`, then `more`: keys in the order `Engine.enqueue` sets them. */
  private queuePrefix(q: Queue, cache: Map<Queue, Uint8Array>, more: Uint8Array): Uint8Array {
    let bytes = cache.get(q);
    if (bytes === undefined) {
      const type = JSON.stringify(q.type);
      bytes = Buffer.concat([
        utf8(`,"queueInfo":{"queueArn":${JSON.stringify(q.arn)},"queueType":${type}`),
        more,
      ]);
      cache.set(q, bytes);
    }
    return bytes;
  }

  /** `agentInfo` up to its `agentArn`, then `more`. */
  private agentPrefix(agent: Agent, cache: Map<Agent, Uint8Array>, more: Uint8Array): Uint8Array {
    let bytes = cache.get(agent);
    if (bytes === undefined) {
      bytes = Buffer.concat([utf8(`,"agentInfo":{"agentArn":${JSON.stringify(agent.arn)}`), more]);
      cache.set(agent, bytes);
    }
    return bytes;
  }

  /** Keys in the order the engine sets them (see `Engine.updateAgentInfo` and `Engine.complete`). */
  private agentInfo(info: AgentInfo, agent: Agent): void {
    const out = this.out;
    if (info.connectedToAgentTimestamp !== undefined) {
      out.bytes(this.agentPrefix(agent, this.connectedAgents, CONNECTED_TO_AGENT));
      out.ascii(info.connectedToAgentTimestamp);
      if (info.acceptedByAgentTimestamp !== undefined) {
        out.bytes(THEN_ACCEPTED);
        out.ascii(info.acceptedByAgentTimestamp);
      }
      out.bytes(QUOTE);
    } else {
      out.bytes(this.agentPrefix(agent, this.agents, NO_BYTES));
      if (info.acceptedByAgentTimestamp !== undefined)
        this.timestamp(ACCEPTED, info.acceptedByAgentTimestamp);
    }
    if (info.hierarchyGroups !== undefined) {
      let groups = this.hierarchy.get(info.hierarchyGroups);
      if (groups === undefined) {
        groups = utf8(`,"hierarchyGroups":${JSON.stringify(info.hierarchyGroups)}`);
        this.hierarchy.set(info.hierarchyGroups, groups);
      }
      out.bytes(groups);
    }
    if (info.agentInitiatedHoldDuration !== undefined) {
      out.bytes(HOLD);
      out.ascii(JSON.stringify(info.agentInitiatedHoldDuration));
    }
    if (info.afterContactWorkStartTimestamp !== undefined)
      this.timestamp(ACW_START, info.afterContactWorkStartTimestamp);
    if (info.afterContactWorkEndTimestamp !== undefined)
      this.timestamp(ACW_END, info.afterContactWorkEndTimestamp);
    if (info.afterContactWorkDuration !== undefined) {
      out.bytes(ACW_DURATION);
      out.ascii(JSON.stringify(info.afterContactWorkDuration));
    }
    out.bytes(CLOSE);
  }

  private eventTypeJson(eventType: EventType): Uint8Array {
    let bytes = this.eventTypes.get(eventType);
    if (bytes === undefined) {
      bytes = utf8(eventType);
      this.eventTypes.set(eventType, bytes);
    }
    return bytes;
  }

  private updatedJson(props: UpdatedProperty[]): Uint8Array {
    if (props.length !== 1) return utf8(`,"updatedProperties":${JSON.stringify(props)}`);
    let bytes = this.updated.get(props[0]);
    if (bytes === undefined) {
      bytes = utf8(`,"updatedProperties":${JSON.stringify(props)}`);
      this.updated.set(props[0], bytes);
    }
    return bytes;
  }
}
