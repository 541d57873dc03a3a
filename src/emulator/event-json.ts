import type { Agent, Center } from './center.js';
import { CenterJson, NO_BYTES, utf8 } from './center-json.js';
import type { Contact } from './contact.js';
import type { AgentInfo, EventType, UpdatedProperty } from './event-types.js';
import { NdjsonChunks } from './ndjson-chunks.js';
import type { Rng } from './rng.js';

const ID = utf8('{"version":"0","id":"');
const END = utf8('}}\n');
const CONNECTED_TO_SYSTEM = utf8(',"connectedToSystemTimestamp":"');
const DISCONNECT = utf8(',"disconnectTimestamp":"');
const SCHEDULED = utf8(',"scheduledTimestamp":"');
const GREETING_START = utf8(',"customerVoiceActivity":{"greetingStartTimestamp":"');
const GREETING_END = utf8('","greetingEndTimestamp":"');
const CLOSE = 125; // }
const ACCEPTED = utf8(',"acceptedByAgentTimestamp":"');
const THEN_ACCEPTED = utf8('","acceptedByAgentTimestamp":"');
const HOLD = utf8(',"agentInitiatedHoldDuration":');
const ACW_START = utf8(',"afterContactWorkStartTimestamp":"');
const ACW_END = utf8(',"afterContactWorkEndTimestamp":"');
const ACW_DURATION = utf8(',"afterContactWorkDuration":');

/**
 * Tags and segment attributes objects shared by many contacts (the system tags of each channel, the chats'
 * default segment attributes) are serialized once: the first few objects seen are kept with their text.
 */
const SHARED_OBJECTS = 8;

/**
 * One member's encoded text (`,"key":{...}`), kept with the object it was made from and made again only
 * when the engine replaced the object: the engine never mutates these objects (see {@link Contact}).
 */
class MemberText {
  private object: object | undefined = undefined;
  private text = NO_BYTES;

  constructor(private readonly key: string) {}

  /** Whether `value` is not the object the kept text was made from. */
  stale(value: object): boolean {
    return value !== this.object;
  }

  of(value: object): Uint8Array {
    if (value !== this.object) {
      this.object = value;
      this.text = utf8(`,"${this.key}":${JSON.stringify(value)}`);
    }
    return this.text;
  }
}

/**
 * Encoded text of one contact's own objects. Made only for contacts that have such text (most have
 * none: their tags are shared).
 */
export class ContactJson {
  /** The links to other contacts (`initialContactId`...), after the initiation timestamp's closing quote. */
  links = NO_BYTES;
  readonly campaign = new MemberText('campaign');
  readonly tags = new MemberText('tags');
  readonly segmentAttributes = new MemberText('segmentAttributes');
  readonly contactLens = new MemberText('contactLens');
  readonly routingCriteria = new MemberText('routingCriteria');
  readonly stateTransitions = new MemberText('stateTransitions');
}

/**
 * Writes emitted events as NDJSON lines, byte for byte what `JSON.stringify` gives for the event objects
 * the engine otherwise builds (`contactDetail` inside the envelope): same keys, same order, same
 * values. Text that does not change from one event to the next is encoded once (per run in
 * {@link CenterJson}, per nested object in {@link ContactJson}); an event copies those bytes and writes
 * its own ids and timestamps (the emulator's ASCII text, with nothing to escape) straight into the
 * output. No event object or line string is built.
 */
export class EventJsonWriter {
  readonly out = new NdjsonChunks();
  private readonly center: CenterJson;
  /** Tags objects shared by many contacts, with and without the line's end after them. */
  private readonly sharedTags = new Map<object, { tags: Uint8Array; thenEnd: Uint8Array }>();
  /** Segment attributes shared by many contacts (the chats' default). */
  private readonly sharedSegments = new Map<object, Uint8Array>();

  constructor(center: Center) {
    this.center = new CenterJson(center);
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
    const f = this.center;
    out.bytes(ID);
    const a = ids.uint32();
    const b = (ids.uint32() & 0xffff0fff) | 0x4000;
    const v = (ids.uint32() & 0x3fffffff) | 0x80000000;
    out.uuid(a, b, v, ids.uint32());
    // The contact's id is a generated UUID (ASCII, nothing to escape), and its ARN the instance's with
    // `/contact/` and the id (see `Engine.newContact`).
    out.bytes(f.envelope(time));
    const idAt = out.ascii(c.id);
    const seals = out.seals;
    out.bytes(f.eventType(eventType));
    out.again(idAt, seals, c.id);
    out.bytes(f.head(c.channel, c.method));
    // Campaign calls: INITIATED keeps the moment of creation, later events the call's start.
    out.quoted(eventType === 'INITIATED' && c.firstInitiationIso ? c.firstInitiationIso : c.initiationIso);
    if (c.initialContactId || c.previousContactId || c.relatedContactId) out.bytes(this.links(c));
    if (c.connectedToSystemIso) this.timestamp(CONNECTED_TO_SYSTEM, c.connectedToSystemIso);
    if (c.disconnectIso) this.timestamp(DISCONNECT, c.disconnectIso);
    if (c.scheduledIso) this.timestamp(SCHEDULED, c.scheduledIso);
    if (updatedProperties) out.bytes(f.updatedProperties(updatedProperties));
    const queueInfo = c.queueInfo;
    if (queueInfo) {
      const q = c.queue;
      if (q !== undefined && queueInfo.queueArn === q.arn && queueInfo.queueType === q.type) {
        const enqueued = queueInfo.enqueueTimestamp;
        if (enqueued !== undefined) {
          out.bytes(f.enqueuedQueue(q));
          out.quoted(enqueued);
        } else out.bytes(f.queue(q));
        out.byte(CLOSE);
      } else out.text(`,"queueInfo":${JSON.stringify(queueInfo)}`);
    }
    const agentInfo = c.agentInfo;
    if (agentInfo) {
      const agent = c.agent;
      if (agent !== undefined && agentInfo.agentArn === agent.arn) this.agentInfo(agentInfo, agent);
      else out.text(`,"agentInfo":${JSON.stringify(agentInfo)}`);
    }
    if (c.greeting) {
      out.bytes(GREETING_START);
      out.ascii(c.greeting.greetingStartTimestamp);
      out.bytes(GREETING_END);
      out.quoted(c.greeting.greetingEndTimestamp);
      out.byte(CLOSE);
    }
    if (c.campaign) out.bytes(this.contactJson(c).campaign.of(c.campaign));
    if (c.amdStatus) out.text(`,"answeringMachineDetectionStatus":${JSON.stringify(c.amdStatus)}`);
    if (c.disconnectReason) out.text(`,"disconnectReason":${JSON.stringify(c.disconnectReason)}`);
    if (!c.segmentAttributes && !c.contactLens && !c.routingCriteria && !c.stateTransitions) {
      // Most events end with their tags, often a channel's shared ones: the line's end comes with them.
      const shared = this.sharedTags.get(c.tags);
      if (shared !== undefined) out.bytes(shared.thenEnd);
      else {
        out.bytes(this.tagsJson(c));
        out.bytes(END);
      }
      out.endLine();
      return;
    }
    out.bytes(this.tagsJson(c));
    if (c.segmentAttributes) out.bytes(this.segmentAttributesJson(c, c.segmentAttributes));
    if (c.contactLens) out.bytes(this.contactJson(c).contactLens.of(c.contactLens));
    if (c.routingCriteria) out.bytes(this.contactJson(c).routingCriteria.of(c.routingCriteria));
    if (c.stateTransitions) out.bytes(this.contactJson(c).stateTransitions.of(c.stateTransitions));
    out.bytes(END);
    out.endLine();
  }

  private contactJson(c: Contact): ContactJson {
    let j = c.json;
    if (j === undefined) {
      j = new ContactJson();
      c.json = j;
    }
    return j;
  }

  /** The links to other contacts: set when the contact is created, so encoded once. */
  private links(c: Contact): Uint8Array {
    const j = this.contactJson(c);
    if (j.links === NO_BYTES) {
      let links = '';
      if (c.initialContactId) links += `,"initialContactId":${JSON.stringify(c.initialContactId)}`;
      if (c.previousContactId) links += `,"previousContactId":${JSON.stringify(c.previousContactId)}`;
      if (c.relatedContactId) links += `,"relatedContactId":${JSON.stringify(c.relatedContactId)}`;
      j.links = utf8(links);
    }
    return j.links;
  }

  /** A timestamp (the emulator's own ISO text) after its key and opening quote. */
  private timestamp(key: Uint8Array, iso: string): void {
    this.out.bytes(key);
    this.out.quoted(iso);
  }

  private tagsJson(c: Contact): Uint8Array {
    const shared = this.sharedTags.get(c.tags);
    if (shared !== undefined) return shared.tags;
    const member = this.contactJson(c).tags;
    const fresh = member.stale(c.tags);
    const text = member.of(c.tags);
    if (fresh && this.sharedTags.size < SHARED_OBJECTS)
      this.sharedTags.set(c.tags, { tags: text, thenEnd: Buffer.concat([text, END]) });
    return text;
  }

  private segmentAttributesJson(c: Contact, segments: object): Uint8Array {
    const shared = this.sharedSegments.get(segments);
    if (shared !== undefined) return shared;
    const member = this.contactJson(c).segmentAttributes;
    const fresh = member.stale(segments);
    const text = member.of(segments);
    if (fresh && this.sharedSegments.size < SHARED_OBJECTS) this.sharedSegments.set(segments, text);
    return text;
  }

  /** Keys in the order the engine sets them (see `Engine.updateAgentInfo` and `Engine.complete`). */
  private agentInfo(info: AgentInfo, agent: Agent): void {
    const out = this.out;
    const f = this.center;
    const connected = info.connectedToAgentTimestamp;
    const accepted = info.acceptedByAgentTimestamp;
    if (connected !== undefined) {
      out.bytes(f.connectedAgent(agent));
      if (accepted !== undefined) {
        out.ascii(connected);
        out.bytes(THEN_ACCEPTED);
        out.quoted(accepted);
      } else out.quoted(connected);
    } else {
      out.bytes(f.agent(agent));
      if (accepted !== undefined) this.timestamp(ACCEPTED, accepted);
    }
    if (info.hierarchyGroups !== undefined) out.bytes(f.hierarchyGroups(info.hierarchyGroups));
    if (info.agentInitiatedHoldDuration !== undefined) {
      out.bytes(HOLD);
      out.number(info.agentInitiatedHoldDuration);
    }
    if (info.afterContactWorkStartTimestamp !== undefined)
      this.timestamp(ACW_START, info.afterContactWorkStartTimestamp);
    if (info.afterContactWorkEndTimestamp !== undefined)
      this.timestamp(ACW_END, info.afterContactWorkEndTimestamp);
    if (info.afterContactWorkDuration !== undefined) {
      out.bytes(ACW_DURATION);
      out.number(info.afterContactWorkDuration);
    }
    out.byte(CLOSE);
  }
}
