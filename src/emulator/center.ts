import { AgentContacts } from './agent-contacts.js';
import {
  type AgentConfig,
  type CenterConfig,
  centerConfigReader,
  type FlowConfig,
  type RoutingProfileConfig,
} from './center-config.js';
import { ConfigOrigin, type ConfigPath } from './config-check.js';
import type { Contact } from './contact.js';
import { expressionProblem } from './criteria.js';
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

  /** Where the config came from: the errors of references and names point at its paths and lines. */
  private readonly origin: ConfigOrigin;

  /**
   * `config` is checked against the center's schema first (a config from code as one from YAML), then
   * what the schema cannot see: names declared twice, references to names nobody declared, a chain of
   * disconnect-flow tasks that never ends. `origin` (from {@link parseCenter}) gives errors their lines.
   */
  constructor(
    readonly config: CenterConfig,
    origin?: ConfigOrigin,
  ) {
    const source = origin?.source ?? config?.name ?? 'center';
    centerConfigReader.check(config, source);
    this.origin = origin ?? new ConfigOrigin(source);
    const name = config.name ?? config.instance.alias ?? 'emulated-center';
    this.alias = config.instance.alias ?? name;
    this.account = config.instance.account ?? '123456789012';
    this.region = config.instance.region ?? 'us-east-1';
    this.instanceId = config.instance.id ?? uuidFromName('instance', this.alias);
    this.instanceArn = `arn:aws:connect:${this.region}:${this.account}:instance/${this.instanceId}`;
    this.phoneNumber = config.phoneNumber ?? '+15550100000';
    for (const [i, q] of (config.queues ?? []).entries()) {
      const id = q.id ?? uuidFromName('queue', q.name);
      this.refuseSecond({
        kind: 'queue',
        at: ['queues', i],
        name: q.name,
        nameTaken: this.byName.queue.has(q.name),
        id,
        idTakenBy: this.queues.get(id)?.name,
      });
      const queue = newQueue(this.queueCount++, id, `${this.instanceArn}/queue/${id}`, q.name, 'STANDARD');
      this.queues.set(id, queue);
      this.byName.queue.set(q.name, queue);
    }
    for (const [i, p] of (config.routingProfiles ?? []).entries()) this.addProfile(p, i);
    for (const [i, a] of (config.agents ?? []).entries()) this.addAgents(a, i);
    const flows = config.flows ?? [];
    for (const [i, f] of flows.entries()) {
      const id = f.id ?? uuidFromName('flow', f.name);
      this.refuseSecond({
        kind: 'flow',
        at: ['flows', i],
        name: f.name,
        nameTaken: this.byName.flow.has(f.name),
        id,
        idTakenBy: this.flows.get(id)?.config.name,
      });
      const flow: Flow = { id, arn: `${this.instanceArn}/contact-flow/${id}`, config: f };
      if (f.setAttributes) flow.attributes = Object.freeze({ ...f.setAttributes });
      if (f.queue) flow.queue = this.queueAt(f.queue, ['flows', i, 'queue'], `flow ${f.name}`);
      this.flows.set(id, flow);
      this.byName.flow.set(f.name, flow);
    }
    for (const [i, f] of flows.entries()) this.checkFlow(f, i);
    for (const [i, f] of flows.entries()) this.checkTaskChain(f, i);
  }

  /**
   * Refuses a declaration whose name another of its kind took already, or whose id (given or derived from
   * the name) is another's: the later one would silently replace the earlier.
   */
  private refuseSecond(d: {
    kind: string;
    at: ConfigPath;
    name: string;
    nameKey?: string;
    nameTaken: boolean;
    id: string;
    idTakenBy: string | undefined;
  }): void {
    if (d.nameTaken)
      throw this.origin.error([...d.at, d.nameKey ?? 'name'], `${d.kind} ${d.name} is declared twice`);
    if (d.idTakenBy !== undefined)
      throw this.origin.error(
        [...d.at, 'id'],
        `${d.kind} ${d.name}: id "${d.id}" is also ${d.kind} ${d.idTakenBy}'s`,
      );
  }

  /** The queue a key of the config names (`subject` is what names it: `flow In`). */
  private queueAt(name: string, path: ConfigPath, subject: string): Queue {
    const q = this.byName.queue.get(name);
    if (!q) throw this.origin.error(path, `${subject}: unknown queue "${name}" (${this.names('queues')})`);
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

  private addProfile(p: RoutingProfileConfig, index: number): void {
    const at = ['routingProfiles', index];
    const id = p.id ?? uuidFromName('routing-profile', p.name);
    this.refuseSecond({
      kind: 'routing profile',
      at,
      name: p.name,
      nameTaken: this.profiles.has(p.name),
      id,
      idTakenBy: [...this.profiles.values()].find((x) => x.id === id)?.name,
    });
    const channels = CHANNELS.filter((c) => (p.channels?.[c] ?? 0) > 0);
    const byPriority = new Map<number, ProfileQueue[]>();
    const listed = new Set<Queue>();
    for (const [j, pq] of (p.queues ?? []).entries()) {
      const path = [...at, 'queues', j, 'queue'];
      const queue = this.queueAt(pq.queue, path, `routing profile ${p.name}`);
      // A queue listed twice would route by one entry and be counted by the other.
      if (listed.has(queue))
        throw this.origin.error(path, `routing profile ${p.name} lists queue ${queue.name} twice`);
      listed.add(queue);
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

  private addAgents(a: AgentConfig, index: number): void {
    const profile = this.profiles.get(a.routingProfile);
    if (!profile)
      throw this.origin.error(
        ['agents', index, 'routingProfile'],
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
      const id = (a.count === undefined ? a.id : undefined) ?? uuidFromName('agent', username);
      this.refuseSecond({
        kind: 'agent',
        at: ['agents', index],
        name: username,
        nameKey: 'username',
        nameTaken: this.agentByName.has(username),
        id,
        idTakenBy: this.agents.get(id)?.username,
      });
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

  private checkFlow(f: FlowConfig, index: number): void {
    const at = ['flows', index];
    if (f.queue !== undefined && f.disconnect === true)
      throw this.origin.error([...at, 'disconnect'], `flow ${f.name}: sets both a queue and disconnect`);
    if (f.disconnectFlow && !this.byName.flow.has(f.disconnectFlow)) {
      throw this.origin.error(
        [...at, 'disconnectFlow'],
        `flow ${f.name}: unknown disconnect flow "${f.disconnectFlow}" (${this.names('flows')})`,
      );
    }
    if (f.createTask && !this.byName.flow.has(f.createTask.flow)) {
      throw this.origin.error(
        [...at, 'createTask', 'flow'],
        `flow ${f.name}: unknown task flow "${f.createTask.flow}" (${this.names('flows')})`,
      );
    }
    const steps = f.routingCriteria ?? [];
    if (steps.length > 5)
      throw this.origin.error(
        [...at, 'routingCriteria'],
        `flow ${f.name}: ${steps.length} routing steps (at most 5)`,
      );
    steps.forEach((s, i) => {
      const step = [...at, 'routingCriteria', i];
      const problem = expressionProblem(s.expression ?? {}, 'expression');
      if (problem) throw this.origin.error(step, `flow ${f.name}: routing step ${i + 1}: ${problem}`);
      if (s.expirySeconds === undefined && i < steps.length - 1) {
        throw this.origin.error(
          step,
          `flow ${f.name}: routing step ${i + 1} needs expirySeconds (not the last step)`,
        );
      }
    });
  }

  /**
   * When a contact ends, its disconnect flow may create a task, whose flow may set a disconnect flow of
   * its own, and so on: a chain that comes back to a flow it passed would create tasks for ever (a run
   * that drains would never end). And a task that waits in a queue no agent serves for TASK is only
   * ended by its expiry, days later. Both are decided by the center alone, so both are refused here.
   */
  private checkTaskChain(d: FlowConfig, index: number): void {
    if (!d.createTask) return;
    const path = ['flows', index, 'createTask', 'flow'];
    const first = this.flowNamed(d.createTask.flow);
    this.checkTaskQueue(d, first, path);
    const chain = [d.name];
    const passed = new Set<FlowConfig>([d]);
    for (let current = d; current.createTask; ) {
      const task = this.flowNamed(current.createTask.flow);
      const next = task.config.disconnectFlow ? this.flowNamed(task.config.disconnectFlow).config : undefined;
      if (!next?.createTask) return;
      chain.push(task.config.name, next.name);
      if (next === d)
        throw this.origin.error(
          path,
          `flow ${d.name}: its task's flow "${first.config.name}" leads back to "${d.name}" (${chain.join(' -> ')})`,
        );
      // A cycle this flow only leads into is reported from a flow of the cycle.
      if (passed.has(next)) return;
      passed.add(next);
      current = next;
    }
  }

  private checkTaskQueue(d: FlowConfig, task: Flow, path: ConfigPath): void {
    const queue = task.queue;
    if (!queue) return;
    const served = [...this.agents.values()].some(
      (a) => a.profile.concurrency.TASK > 0 && a.profile.byQueue.get(queue)?.channels.has('TASK'),
    );
    if (served) return;
    throw this.origin.error(
      path,
      `flow ${d.name}: its task's flow "${task.config.name}" queues the task in ${queue.name}, which no agent's routing profile serves for TASK`,
    );
  }

  /** A flow the config names, once every name was checked to be declared. */
  private flowNamed(name: string): Flow {
    return this.byName.flow.get(name) as Flow;
  }
}

/**
 * Parses a center from YAML text. Unknown keys, wrong types and values out of range are errors that name
 * the key's path and line.
 */
export function parseCenter(text: string, source = 'center'): Center {
  const { value, origin } = centerConfigReader.read(text, source);
  return new Center(value, origin);
}
