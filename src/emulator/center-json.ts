import type { Agent, Center, Queue } from './center.js';
import type {
  Channel,
  EventType,
  HierarchyGroups,
  InitiationMethod,
  UpdatedProperty,
} from './event-types.js';

export const NO_BYTES: Uint8Array = new Uint8Array(0);

export function utf8(text: string): Uint8Array {
  return Buffer.from(text, 'utf8');
}

const ENQUEUE = utf8(',"enqueueTimestamp":"');
const CONNECTED_TO_AGENT = utf8(',"connectedToAgentTimestamp":"');

/**
 * The encoded text of a center that events repeat: everything of a line that is not the contact's own
 * (its id, timestamps and nested objects). Each piece is encoded once a run (once a virtual second for the
 * envelope's time) and covers as much of the line as stays the same, so that writing an event is a few
 * large copies. Queues and agents are looked up by their ordinal, not hashed.
 */
export class CenterJson {
  private readonly afterId: string;
  /** From the envelope's `region` to the contact ARN's id, which follows `instanceArn/contact/`. */
  private readonly resourcesHead: string;
  private time = '';
  private timeBytes = NO_BYTES;
  private readonly types = new Map<string, Uint8Array>();
  private readonly heads: Record<Channel, Map<InitiationMethod, Uint8Array>> = {
    VOICE: new Map(),
    CHAT: new Map(),
    TASK: new Map(),
  };
  private readonly updated = new Map<string, Uint8Array>();
  private readonly queues: (Uint8Array | undefined)[];
  private readonly enqueuedQueues: (Uint8Array | undefined)[];
  private readonly agents: (Uint8Array | undefined)[];
  private readonly connectedAgents: (Uint8Array | undefined)[];
  private readonly hierarchy = new Map<HierarchyGroups, Uint8Array>();
  private readonly instanceArnJson: string;

  constructor(readonly center: Center) {
    this.afterId = `","detail-type":"Amazon Connect Contact Event","source":"aws.connect","account":${JSON.stringify(center.account)},"time":"`;
    this.instanceArnJson = JSON.stringify(center.instanceArn);
    // The contact ARN is the instance ARN, `/contact/` and the contact id (hex digits and dashes, which
    // JSON leaves alone): its text is the quoted prefix without its closing quote, then the id.
    const contactArnPrefix = JSON.stringify(`${center.instanceArn}/contact/`).slice(0, -1);
    // Tables without holes, as long as the center has queues and agents.
    let queues = 0;
    for (const q of center.queues.values()) queues = Math.max(queues, q.ordinal + 1);
    let agents = 0;
    for (const a of center.agents.values()) agents = Math.max(agents, a.ordinal + 1);
    this.queues = new Array(queues).fill(undefined);
    this.enqueuedQueues = new Array(queues).fill(undefined);
    this.agents = new Array(agents).fill(undefined);
    this.connectedAgents = new Array(agents).fill(undefined);
    this.resourcesHead = `","region":${JSON.stringify(center.region)},"resources":[${this.instanceArnJson},${contactArnPrefix}`;
  }

  /** After the event id up to the contact ARN's id, for the envelope time `time`. */
  envelope(time: string): Uint8Array {
    if (time !== this.time) {
      this.time = time;
      this.timeBytes = utf8(`${this.afterId}${time}${this.resourcesHead}`);
    }
    return this.timeBytes;
  }

  /** After the contact ARN's id up to the contactId's value. */
  eventType(eventType: EventType): Uint8Array {
    let bytes = this.types.get(eventType);
    if (bytes === undefined) {
      bytes = utf8(`"],"detail":{"eventType":${JSON.stringify(eventType)},"contactId":"`);
      this.types.set(eventType, bytes);
    }
    return bytes;
  }

  /** After the contactId's value up to the initiationTimestamp's value. */
  head(channel: Channel, method: InitiationMethod): Uint8Array {
    const heads = this.heads[channel];
    let bytes = heads.get(method);
    if (bytes === undefined) {
      bytes = utf8(
        `","channel":${JSON.stringify(channel)},"instanceArn":${this.instanceArnJson},"initiationMethod":${JSON.stringify(method)},"initiationTimestamp":"`,
      );
      heads.set(method, bytes);
    }
    return bytes;
  }

  updatedProperties(props: UpdatedProperty[]): Uint8Array {
    if (props.length !== 1) return utf8(`,"updatedProperties":${JSON.stringify(props)}`);
    let bytes = this.updated.get(props[0]);
    if (bytes === undefined) {
      bytes = utf8(`,"updatedProperties":${JSON.stringify(props)}`);
      this.updated.set(props[0], bytes);
    }
    return bytes;
  }

  /** `queueInfo` with the queue's ARN and type, unclosed: keys in the order `Engine.enqueue` sets them. */
  queue(q: Queue): Uint8Array {
    return this.queues[q.ordinal] ?? this.encodeQueue(q, this.queues, NO_BYTES);
  }

  /** {@link queue} followed by the key and opening quote of `enqueueTimestamp`. */
  enqueuedQueue(q: Queue): Uint8Array {
    return this.enqueuedQueues[q.ordinal] ?? this.encodeQueue(q, this.enqueuedQueues, ENQUEUE);
  }

  /** `agentInfo` with the agent's ARN, unclosed. */
  agent(a: Agent): Uint8Array {
    return this.agents[a.ordinal] ?? this.encodeAgent(a, this.agents, NO_BYTES);
  }

  /** {@link agent} followed by the key and opening quote of `connectedToAgentTimestamp`. */
  connectedAgent(a: Agent): Uint8Array {
    return this.connectedAgents[a.ordinal] ?? this.encodeAgent(a, this.connectedAgents, CONNECTED_TO_AGENT);
  }

  /** `,"hierarchyGroups":{...}`; agents of a group share the object, so this stays as small as the config. */
  hierarchyGroups(groups: HierarchyGroups): Uint8Array {
    let bytes = this.hierarchy.get(groups);
    if (bytes === undefined) {
      bytes = utf8(`,"hierarchyGroups":${JSON.stringify(groups)}`);
      this.hierarchy.set(groups, bytes);
    }
    return bytes;
  }

  private encodeQueue(q: Queue, table: (Uint8Array | undefined)[], more: Uint8Array): Uint8Array {
    const type = JSON.stringify(q.type);
    const bytes = Buffer.concat([
      utf8(`,"queueInfo":{"queueArn":${JSON.stringify(q.arn)},"queueType":${type}`),
      more,
    ]);
    table[q.ordinal] = bytes;
    return bytes;
  }

  private encodeAgent(a: Agent, table: (Uint8Array | undefined)[], more: Uint8Array): Uint8Array {
    const bytes = Buffer.concat([utf8(`,"agentInfo":{"agentArn":${JSON.stringify(a.arn)}`), more]);
    table[a.ordinal] = bytes;
    return bytes;
  }
}
