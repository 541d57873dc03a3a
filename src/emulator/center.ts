import { AgentContacts } from './agent-contacts.js';
import {
  type AgentConfig,
  type CenterConfig,
  centerConfigReader,
  type FlowConfig,
  type RoutingProfileConfig,
  type RoutingStepConfig,
} from './center-config.js';
import type { Contact } from './contact.js';
import { expressionProblem } from './criteria.js';
import { EmulatorConfigError } from './errors.js';
import type { Channel, HierarchyGroups } from './event-types.js';
import { FreeAgents, type FreePlace } from './free-agents.js';
import { uuidFromName } from './rng.js';

export const CHANNELS: readonly Channel[] = ['VOICE', 'CHAT', 'TASK'];

type PerChannel<T> = Record<Channel, T>;

function perChannel<T>(make: () => T): PerChannel<T> {
  return { VOICE: make(), CHAT: make(), TASK: make() };
}

/** A queue and its routing state: contacts waiting (oldest first) and agents with a free slot (longest idle first). */
export interface Queue {
  /** Position among the center's queues (agent queues included): an index into tables kept per queue. */
  ordinal: number;
  id: string;
  arn: string;
  name: string;
  type: 'STANDARD' | 'AGENT';
  waiting: PerChannel<Set<Contact>>;
  /** Free agents, grouped so that agents who route alike are judged once per group. */
  free: PerChannel<FreeGroup[]>;
  /** Distinct positive delays of the profiles that serve this queue: when waiting contacts are looked at again. */
  delays: number[];
  /** Waiting contacts whose routing order was changed (then a scan finds the first in order). */
  adjusted: number;
  /** The agent of an AGENT queue. */
  owner?: Agent;
}

/**
 * Agents with a free slot who serve a queue through the same routing-profile entry and share the same
 * proficiencies: any of them fits a contact if the first does (except agent-id matches), and the first
 * is the one idle longest.
 */
export interface FreeGroup {
  entry: ProfileQueue;
  proficiencies: Map<string, number>;
  agents: FreeAgents<Agent>;
}

export interface ProfileQueue {
  queue: Queue;
  priority: number;
  delayMs: number;
  channels: Set<Channel>;
}

export interface RoutingProfile {
  id: string;
  arn: string;
  name: string;
  concurrency: PerChannel<number>;
  /** Queues grouped by priority, most urgent group first. */
  levels: ProfileQueue[][];
  byQueue: Map<Queue, ProfileQueue>;
}

export interface Agent {
  /** Position among the center's agents: an index into tables kept per agent. */
  ordinal: number;
  id: string;
  arn: string;
  username: string;
  profile: RoutingProfile;
  hierarchyGroups?: HierarchyGroups;
  /** `name\u0000value` -> level. */
  proficiencies: Map<string, number>;
  control: 'auto' | 'manual';
  available: boolean;
  inUse: PerChannel<number>;
  /** Virtual time the agent last got a free slot on the channel (longest idle first). */
  freeSince: PerChannel<number>;
  /** The agent's places in the free groups it is listed in when it has a free slot on the channel. */
  freePlaces: PerChannel<FreePlace<Agent>[]>;
  contacts: AgentContacts<Contact>;
  ownQueue: Queue;
}

export interface Flow {
  id: string;
  arn: string;
  config: FlowConfig;
  queue?: Queue;
  /** `setAttributes` as one frozen object, which contacts with no attributes of their own share. */
  attributes?: Readonly<Record<string, string>>;
}

function newQueue(ordinal: number, id: string, arn: string, name: string, type: Queue['type']): Queue {
  const waiting = perChannel(() => new Set<Contact>());
  return { ordinal, id, arn, name, type, waiting, free: perChannel(() => []), delays: [], adjusted: 0 };
}

/** The resolved contact center: the config with ids, ARNs and the routing state attached. */
export class Center {
  readonly instanceId: string;
  readonly instanceArn: string;
  readonly alias: string;
  readonly account: string;
  readonly region: string;
  readonly phoneNumber: string;
  readonly queues = new Map<string, Queue>();
  readonly profiles = new Map<string, RoutingProfile>();
  readonly agents = new Map<string, Agent>();
  readonly flows = new Map<string, Flow>();
  private readonly byName = { queue: new Map<string, Queue>(), flow: new Map<string, Flow>() };
  private readonly agentByName = new Map<string, Agent>();
  private queueCount = 0;
  private agentCount = 0;

  /** `config` is checked against the center's schema first (a config from code as one from YAML). */
  constructor(readonly config: CenterConfig) {
    centerConfigReader.check(config, config?.name ?? 'center');
    const name = config.name ?? config.instance.alias ?? 'emulated-center';
    this.alias = config.instance.alias ?? name;
    this.account = config.instance.account ?? '123456789012';
    this.region = config.instance.region ?? 'us-east-1';
    this.instanceId = config.instance.id ?? uuidFromName('instance', this.alias);
    this.instanceArn = `arn:aws:connect:${this.region}:${this.account}:instance/${this.instanceId}`;
    this.phoneNumber = config.phoneNumber ?? '+15550100000';
    for (const q of config.queues ?? []) {
      const id = q.id ?? uuidFromName('queue', q.name);
      const queue = newQueue(this.queueCount++, id, `${this.instanceArn}/queue/${id}`, q.name, 'STANDARD');
      this.queues.set(id, queue);
      this.byName.queue.set(q.name, queue);
    }
    for (const p of config.routingProfiles ?? []) this.addProfile(p);
    for (const a of config.agents ?? []) this.addAgents(a);
    for (const f of config.flows ?? []) {
      const id = f.id ?? uuidFromName('flow', f.name);
      const flow: Flow = { id, arn: `${this.instanceArn}/contact-flow/${id}`, config: f };
      if (f.setAttributes) flow.attributes = Object.freeze({ ...f.setAttributes });
      if (f.queue) flow.queue = this.queueByName(f.queue, `flow ${f.name}`);
      this.flows.set(id, flow);
      this.byName.flow.set(f.name, flow);
    }
    for (const f of this.flows.values()) this.checkFlow(f.config);
  }

  queueByName(name: string, where: string): Queue {
    const q = this.byName.queue.get(name);
    if (!q) throw new EmulatorConfigError(`${where}: unknown queue "${name}" (${this.names('queues')})`);
    return q;
  }

  /** `flows: In, Out` (what a reference to an unknown one could have named), or that there are none. */
  names(kind: 'queues' | 'routingProfiles' | 'flows'): string {
    const names = (this.config[kind] ?? []).map((x) => x.name);
    return names.length > 0 ? `${kind}: ${names.join(', ')}` : `no ${kind} declared`;
  }

  /** A flow by id, ARN or name. */
  findFlow(ref: string): Flow | undefined {
    return this.flows.get(ref) ?? this.byName.flow.get(ref) ?? this.flows.get(ref.split('/').pop() ?? '');
  }

  /** A queue by id, ARN or name (agent queues included). */
  findQueue(ref: string): Queue | undefined {
    return this.queues.get(ref) ?? this.byName.queue.get(ref) ?? this.queues.get(ref.split('/').pop() ?? '');
  }

  /** An agent by id, ARN or username. */
  findAgent(ref: string): Agent | undefined {
    return this.agents.get(ref) ?? this.agentByName.get(ref) ?? this.agents.get(ref.split('/').pop() ?? '');
  }

  /** The agent's status when a run starts, as declared (Available unless said otherwise). */
  statusAtStart(agent: Agent): 'Available' | 'Offline' {
    return this.declaredStatus.get(agent) ?? 'Available';
  }

  private readonly declaredStatus = new Map<Agent, 'Available' | 'Offline'>();

  private addProfile(p: RoutingProfileConfig): void {
    const id = p.id ?? uuidFromName('routing-profile', p.name);
    const channels = CHANNELS.filter((c) => (p.channels?.[c] ?? 0) > 0);
    const byPriority = new Map<number, ProfileQueue[]>();
    for (const pq of p.queues ?? []) {
      const queue = this.queueByName(pq.queue, `routing profile ${p.name}`);
      const entry: ProfileQueue = {
        queue,
        priority: pq.priority ?? 1,
        delayMs: Math.max(0, pq.delay ?? 0) * 1000,
        channels: new Set(pq.channels ?? channels),
      };
      if (entry.delayMs > 0 && !queue.delays.includes(entry.delayMs)) queue.delays.push(entry.delayMs);
      byPriority.set(entry.priority, [...(byPriority.get(entry.priority) ?? []), entry]);
    }
    const levels = [...byPriority.entries()].sort((x, y) => x[0] - y[0]).map((e) => e[1]);
    const concurrency = perChannel(() => 0);
    for (const c of channels) concurrency[c] = Math.floor(p.channels[c] ?? 0);
    const arn = `${this.instanceArn}/routing-profile/${id}`;
    const byQueue = new Map(levels.flat().map((pq) => [pq.queue, pq]));
    this.profiles.set(p.name, { id, arn, name: p.name, concurrency, levels, byQueue });
  }

  private addAgents(a: AgentConfig): void {
    const profile = this.profiles.get(a.routingProfile);
    if (!profile)
      throw new EmulatorConfigError(
        `agent ${a.username}: unknown routing profile "${a.routingProfile}" (${this.names('routingProfiles')})`,
      );
    const count = a.count ?? 1;
    const hierarchyGroups = this.hierarchy(a.hierarchy ?? []);
    const proficiencies = new Map<string, number>();
    for (const p of a.proficiencies ?? []) {
      proficiencies.set(`${p.name}\u0000${p.value}`, p.level);
    }
    for (let i = 1; i <= count; i++) {
      const username = a.count === undefined ? a.username : `${a.username}-${String(i).padStart(4, '0')}`;
      if (this.agentByName.has(username))
        throw new EmulatorConfigError(`agent ${username} is declared twice`);
      const id = (a.count === undefined ? a.id : undefined) ?? uuidFromName('agent', username);
      const arn = `${this.instanceArn}/agent/${id}`;
      const ownQueue = newQueue(
        this.queueCount++,
        id,
        `${this.instanceArn}/queue/agent/${id}`,
        username,
        'AGENT',
      );
      const agent: Agent = {
        ordinal: this.agentCount++,
        id,
        arn,
        username,
        profile,
        hierarchyGroups,
        proficiencies,
        control: a.control ?? 'auto',
        available: false,
        inUse: perChannel(() => 0),
        freeSince: perChannel(() => 0),
        freePlaces: perChannel<FreePlace<Agent>[]>(() => []),
        contacts: new AgentContacts<Contact>(),
        ownQueue,
      };
      const groups = this.groupsFor(profile, proficiencies);
      for (const ch of CHANNELS) {
        for (const g of groups[ch]) agent.freePlaces[ch].push(g.agents.place(agent));
      }
      ownQueue.owner = agent;
      if (a.status) this.declaredStatus.set(agent, a.status);
      this.agents.set(id, agent);
      this.agentByName.set(username, agent);
      this.queues.set(`agent/${id}`, ownQueue);
    }
  }

  private groupsFor(profile: RoutingProfile, proficiencies: Map<string, number>): PerChannel<FreeGroup[]> {
    const groups = perChannel<FreeGroup[]>(() => []);
    for (const entry of profile.byQueue.values()) {
      for (const ch of entry.channels) {
        const list = entry.queue.free[ch];
        let g = list.find((x) => x.entry === entry && x.proficiencies === proficiencies);
        if (!g) {
          g = { entry, proficiencies, agents: new FreeAgents<Agent>() };
          list.push(g);
        }
        groups[ch].push(g);
      }
    }
    return groups;
  }

  private hierarchy(names: string[]): HierarchyGroups | undefined {
    if (names.length === 0) return undefined;
    const groups: Record<string, { arn: string }> = {};
    names.forEach((_, i) => {
      const path = names.slice(0, i + 1).join('/');
      groups[`level${i + 1}`] = {
        arn: `${this.instanceArn}/agent-group/${uuidFromName('agent-group', path)}`,
      };
    });
    return groups as HierarchyGroups;
  }

  private checkFlow(f: FlowConfig): void {
    const terminal = [f.queue !== undefined, f.disconnect === true].filter(Boolean).length;
    if (terminal > 1) throw new EmulatorConfigError(`flow ${f.name}: sets both a queue and disconnect`);
    if (f.disconnectFlow && !this.byName.flow.has(f.disconnectFlow)) {
      throw new EmulatorConfigError(
        `flow ${f.name}: unknown disconnect flow "${f.disconnectFlow}" (${this.names('flows')})`,
      );
    }
    if (f.createTask && !this.byName.flow.has(f.createTask.flow)) {
      throw new EmulatorConfigError(
        `flow ${f.name}: unknown task flow "${f.createTask.flow}" (${this.names('flows')})`,
      );
    }
    checkSteps(f.name, f.routingCriteria ?? []);
  }
}

function checkSteps(flow: string, steps: RoutingStepConfig[]): void {
  if (steps.length > 5)
    throw new EmulatorConfigError(`flow ${flow}: ${steps.length} routing steps (at most 5)`);
  steps.forEach((s, i) => {
    const problem = expressionProblem(s.expression ?? {}, 'expression');
    if (problem) throw new EmulatorConfigError(`flow ${flow}: routing step ${i + 1}: ${problem}`);
    if (s.expirySeconds === undefined && i < steps.length - 1) {
      throw new EmulatorConfigError(
        `flow ${flow}: routing step ${i + 1} needs expirySeconds (not the last step)`,
      );
    }
  });
}

/**
 * Parses a center from YAML text. Unknown keys, wrong types and values out of range are errors that name
 * the key's path and line.
 */
export function parseCenter(text: string, source = 'center'): Center {
  return new Center(centerConfigReader.parse(text, source));
}
