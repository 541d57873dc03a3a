import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ContactEventDetail, ContactEventEnvelope } from '../model/index.js';
import { checkContactEvent } from '../model/index.js';
import { loadCenter, loadScenario, type RunSummary, runScenario } from './run.js';

const HOUR = 3_600_000;

async function runWithSummary(seed: number, hours: number, startHour: number) {
  const { scenario } = loadScenario('demo');
  const events: ContactEventEnvelope[] = [];
  const summary = await runScenario({
    scenario: { ...scenario, start: new Date(Date.UTC(2026, 0, 5, startHour)).toISOString() },
    seed,
    durationMs: hours * HOUR,
    sink: { publish: (batch) => void events.push(...batch) },
  });
  expect(summary.contactsInProgress).toBe(0);
  return { events, summary };
}

async function run(seed: number, hours: number, startHour: number): Promise<ContactEventEnvelope[]> {
  return (await runWithSummary(seed, hours, startHour)).events;
}

const RANK: Record<string, number> = {
  INITIATED: 0,
  QUEUED: 2,
  CONNECTED_TO_AGENT: 3,
  DISCONNECTED: 4,
  COMPLETED: 5,
};

function byContact(events: ContactEventEnvelope[]): Map<string, ContactEventDetail[]> {
  const map = new Map<string, ContactEventDetail[]>();
  for (const e of events) {
    const list = map.get(e.detail.contactId) ?? [];
    list.push(e.detail);
    map.set(e.detail.contactId, list);
  }
  return map;
}

const ms = (s: string | undefined): number | undefined => (s === undefined ? undefined : Date.parse(s));

function checkOrder(list: ContactEventDetail[]): void {
  let rank = -1;
  for (const d of list) {
    const r = RANK[d.eventType];
    if (r !== undefined) {
      expect(r, d.contactId).toBeGreaterThanOrEqual(rank);
      rank = r;
    }
  }
  expect(list[0].eventType).toBe('INITIATED');
  expect(list.some((d) => d.eventType === 'DISCONNECTED')).toBe(true);
  // One agent per contact (from the moment it rings), and its connected time once it has connected.
  const agents = new Set(list.flatMap((d) => (d.agentInfo ? [d.agentInfo.agentArn] : [])));
  expect(agents.size, list[0].contactId).toBeLessThanOrEqual(1);
  const connectedAt = list.findIndex((d) => d.eventType === 'CONNECTED_TO_AGENT');
  if (connectedAt >= 0)
    for (const d of list.slice(connectedAt))
      expect(d.agentInfo?.connectedToAgentTimestamp, d.contactId).toBeDefined();
  const last = list[list.length - 1];
  const chain = [
    ms(last.initiationTimestamp),
    ms(last.queueInfo?.enqueueTimestamp),
    ms(last.agentInfo?.connectedToAgentTimestamp),
    ms(last.disconnectTimestamp),
    ms(last.agentInfo?.afterContactWorkStartTimestamp),
    ms(last.agentInfo?.afterContactWorkEndTimestamp),
  ].filter((t): t is number => t !== undefined);
  expect(
    [...chain].sort((a, b) => a - b),
    last.contactId,
  ).toEqual(chain);
  const cts = ms(last.connectedToSystemTimestamp);
  if (cts !== undefined) expect(cts).toBeGreaterThanOrEqual(ms(last.initiationTimestamp) as number);
  const works =
    last.agentInfo && last.initiationMethod !== 'MONITOR' && last.initiationMethod !== 'EXTERNAL_OUTBOUND';
  if (works && list.some((d) => d.eventType === 'CONNECTED_TO_AGENT' || d.initiationMethod === 'OUTBOUND')) {
    expect(last.eventType, last.contactId).toBe('COMPLETED');
  }
}

/** Per queue, what the events say left the queue and how, against the engine's own counts. */
function checkQueues(contacts: Map<string, ContactEventDetail[]>, summary: RunSummary): void {
  const successor = new Map<string, string>();
  for (const list of contacts.values()) {
    const d = list[0];
    if (
      d.previousContactId &&
      (d.initiationMethod === 'QUEUE_TRANSFER' || d.initiationMethod === 'CALLBACK')
    ) {
      successor.set(d.previousContactId, d.initiationMethod);
    }
  }
  const q = new Map<string, Record<string, number>>();
  const add = (arn: string, k: string) => {
    const c = q.get(arn) ?? {
      queued: 0,
      answered: 0,
      abandoned: 0,
      transferred: 0,
      callbacks: 0,
      waiting: 0,
    };
    c[k]++;
    q.set(arn, c);
  };
  for (const [id, list] of contacts) {
    const queued = list.find((d) => d.eventType === 'QUEUED');
    if (!queued?.queueInfo) continue;
    const arn = queued.queueInfo.queueArn ?? '';
    add(arn, 'queued');
    if (list.some((d) => d.eventType === 'CONNECTED_TO_AGENT')) add(arn, 'answered');
    else if (successor.get(id) === 'QUEUE_TRANSFER') add(arn, 'transferred');
    else if (successor.get(id) === 'CALLBACK') add(arn, 'callbacks');
    else if (list.some((d) => d.eventType === 'DISCONNECTED')) add(arn, 'abandoned');
    else add(arn, 'waiting');
  }
  for (const [queue, counts] of summary.stats.queues) {
    const c = q.get(queue.arn) ?? {
      queued: 0,
      answered: 0,
      abandoned: 0,
      transferred: 0,
      callbacks: 0,
      waiting: 0,
    };
    const waiting = queue.waiting.VOICE.size + queue.waiting.CHAT.size + queue.waiting.TASK.size;
    expect(c.queued).toBe(counts.queued);
    expect([c.answered, c.abandoned, c.transferred, c.callbacks]).toEqual([
      counts.answered,
      counts.abandoned,
      counts.transferredOut,
      counts.callbacks,
    ]);
    expect(counts.queued).toBe(
      counts.answered + counts.abandoned + counts.transferredOut + counts.callbacks + waiting,
    );
  }
}

function checkConcurrency(events: ContactEventEnvelope[]): void {
  const center = loadCenter('demo');
  const limit = new Map([...center.agents.values()].map((a) => [a.arn, a.profile.concurrency]));
  const busy = new Map<string, number>();
  for (const { detail: d } of events) {
    if (d.initiationMethod === 'MONITOR' || d.initiationMethod === 'EXTERNAL_OUTBOUND' || !d.agentInfo)
      continue;
    const key = `${d.agentInfo.agentArn} ${d.channel}`;
    const starts =
      d.eventType === 'CONNECTED_TO_AGENT' ||
      (d.eventType === 'INITIATED' && d.initiationMethod === 'OUTBOUND');
    if (starts) busy.set(key, (busy.get(key) ?? 0) + 1);
    if (d.eventType === 'COMPLETED') busy.set(key, (busy.get(key) ?? 0) - 1);
    const max = limit.get(d.agentInfo.agentArn ?? '')?.[d.channel as 'VOICE' | 'CHAT' | 'TASK'];
    expect(busy.get(key) ?? 0).toBeLessThanOrEqual(max as number);
  }
}

function checkSteps(list: ContactEventDetail[]): void {
  const expired = new Set<string>();
  for (const d of list) {
    d.routingCriteria?.steps.forEach((s, i) => {
      const key = `${d.routingCriteria?.index}:${i}`;
      if (s.status === 'EXPIRED') expired.add(key);
      if (s.status === 'JOINED') expect(expired.has(key)).toBe(false);
    });
  }
}

describe('invariants of scenario runs (demo scenario, many seeds)', () => {
  it('every event validates; lifecycles, chains, queues, concurrency and steps hold', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 6, max: 14 }),
        async (seed, startHour) => {
          const { events, summary } = await runWithSummary(seed, 2, startHour);
          expect(events.length).toBeGreaterThan(100);
          for (const e of events) {
            const r = checkContactEvent(e);
            expect(r.errors, JSON.stringify(e)).toEqual([]);
            expect(r.warnings, JSON.stringify(e)).toEqual([]);
          }
          const contacts = byContact(events);
          for (const list of contacts.values()) {
            checkOrder(list);
            checkSteps(list);
            for (const ref of [
              list[0].previousContactId,
              list[0].initialContactId,
              list[0].relatedContactId,
            ]) {
              if (ref !== undefined) expect(contacts.has(ref), ref).toBe(true);
            }
          }
          checkQueues(contacts, summary);
          checkConcurrency(events);
        },
      ),
      { numRuns: 8 },
    );
  });

  it('a seed makes the run identical; another seed does not', async () => {
    const digest = (events: ContactEventEnvelope[]) =>
      createHash('sha256')
        .update(events.map((e) => JSON.stringify(e)).join('\n'))
        .digest('hex');
    const [a, b, c] = await Promise.all([run(42, 1, 9), run(42, 1, 9), run(43, 1, 9)]);
    expect(digest(a)).toBe(digest(b));
    expect(digest(a)).not.toBe(digest(c));
  });
});
