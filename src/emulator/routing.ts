import type { Agent, Queue } from './center.js';
import type { Contact } from './contact.js';
import { agentFits, matches } from './criteria.js';
import type { Channel, RoutingExpression } from './event-types.js';
import type { FreePlace } from './free-agents.js';

/** How far down a queue an agent looks for a contact it may take (contacts its criteria exclude are skipped). */
const SCAN_LIMIT = 1000;

function before(x: Contact, y: Contact): boolean {
  return x.priority < y.priority || (x.priority === y.priority && x.routingKeyMs < y.routingKeyMs);
}

/** The agent a newly routable contact goes to: the longest-idle free agent the delay and criteria allow. */
export function findAgentFor(c: Contact, now: number): Agent | undefined {
  const q = c.queue as Queue;
  const ch = c.channel;
  if (q.type === 'AGENT') {
    const a = q.owner as Agent;
    return a.available && a.inUse[ch] < a.profile.concurrency[ch] ? a : undefined;
  }
  const waited = now - (c.enqueueMs ?? now);
  const expr = activeExpression(c);
  const byAgent = expr !== undefined && namesAgents(expr);
  let best: Agent | undefined;
  for (const g of q.free[ch]) {
    const first = g.agents.first;
    if (first === undefined || waited < g.entry.delayMs) continue;
    let found: Agent | undefined;
    if (byAgent) found = scanGroup(first, c);
    else {
      found = first.agent;
      if (expr && !matches(expr, found)) found = undefined;
    }
    if (found && (!best || found.freeSince[ch] < best.freeSince[ch])) best = found;
  }
  return best;
}

function scanGroup(first: FreePlace<Agent>, c: Contact): Agent | undefined {
  let scanned = 0;
  for (let p: FreePlace<Agent> | undefined = first; p !== undefined; p = p.next) {
    if (++scanned > SCAN_LIMIT) return undefined;
    if (agentFits(c, p.agent)) return p.agent;
  }
  return undefined;
}

function activeExpression(c: Contact): RoutingExpression | undefined {
  const crit = c.criteria;
  if (!crit || crit.active < 0 || crit.active >= crit.steps.length) return undefined;
  return crit.steps[crit.active].expression;
}

/** Whether the expression has an agent-id match, which agents of one group do not share. */
function namesAgents(e: RoutingExpression): boolean {
  if (e.attributeCondition?.comparisonOperator === 'Match') return true;
  if (e.notAttributeCondition?.comparisonOperator === 'Match') return true;
  return (e.andExpression ?? []).some(namesAgents) || (e.orExpression ?? []).some(namesAgents);
}

/**
 * The contact an agent with a free slot takes next: its own queue first, then its profile's queues by
 * priority; within a priority, the contact that has waited longest (after any routing adjustment).
 */
export function findContactFor(agent: Agent, ch: Channel, now: number): Contact | undefined {
  const own = agent.ownQueue.waiting[ch];
  if (own.size > 0) for (const c of own) if (!c.paused) return c;
  for (const level of agent.profile.levels) {
    let best: Contact | undefined;
    for (const pq of level) {
      if (!pq.channels.has(ch)) continue;
      const found = firstEligible(pq.queue, ch, agent, now - pq.delayMs);
      if (found && (!best || before(found, best))) best = found;
    }
    if (best) return best;
  }
  return undefined;
}

function firstEligible(q: Queue, ch: Channel, agent: Agent, enqueuedBy: number): Contact | undefined {
  const waiting = q.waiting[ch];
  if (waiting.size === 0) return undefined;
  const ordered = q.adjusted === 0;
  let best: Contact | undefined;
  let scanned = 0;
  for (const c of waiting) {
    if (++scanned > SCAN_LIMIT) break;
    if ((c.enqueueMs ?? 0) > enqueuedBy) {
      if (ordered) break;
      continue;
    }
    if (c.paused || !agentFits(c, agent)) continue;
    if (ordered) return c;
    if (!best || before(c, best)) best = c;
  }
  return best;
}

/** Lists the agent as free on the channel in each queue it serves, as the most recently idle. */
export function markFree(agent: Agent, ch: Channel, now: number): void {
  agent.freeSince[ch] = now;
  for (const p of agent.freePlaces[ch]) p.list.toBack(p);
}

/** The agent has no free slot on the channel (or is not available). */
export function markBusy(agent: Agent, ch: Channel): void {
  for (const p of agent.freePlaces[ch]) p.list.remove(p);
}
