// The load process of `npm run bench:bus`: PutEvents batches of 10, as fast as a fixed number of requests
// in flight allows ("max") or at a fixed rate ("rate"), for a bounded time. Reports to the parent over
// IPC. It sends with the lean client (`lean-client.ts`), which stands for producers on other machines;
// BENCH_LOAD=undici sends with undici instead, which takes several times the CPU per request from the
// cores the bus shares.
import { type Dispatcher, Pool } from 'undici';
import { observeGcPauses } from './gc-pauses.js';
import { LeanClient } from './lean-client.js';

interface Job {
  readonly url: string;
  readonly mode: 'max' | 'rate' | 'ceiling';
  readonly seconds: number;
  readonly inFlight: number;
  /** Events per second in "rate" mode. */
  readonly eventsPerSecond?: number;
  readonly rules: number;
  /** False: events match no rule (durable ingest and rule evaluation without deliveries). */
  readonly matching?: boolean;
}

const now = () => performance.timeOrigin + performance.now();

const PAYLOAD = 'x'.repeat(200);

/**
 * One PutEvents body of 10 entries, written as text: the load process should spend its CPU sending, not
 * serializing (this is what `JSON.stringify` of the entries, with Detail stringified inside, produces).
 */
function body(seq: number, rules: number, matching: boolean): string {
  let entries = '';
  for (let i = 0; i < 10; i++) {
    const shard = ((seq * 10 + i) % rules) + (matching ? 0 : rules);
    const detail = `{\\"shard\\":${shard},\\"seq\\":${seq},\\"i\\":${i},\\"payload\\":\\"${PAYLOAD}\\"}`;
    entries += `${i === 0 ? '' : ','}{"Source":"bench","DetailType":"Bench Event","Detail":"${detail}"}`;
  }
  return `{"Entries":[${entries}]}`;
}

const HEADERS = { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSEvents.PutEvents' };

/** How the load process sends: `encode` once per reused body, `post` per request. */
interface Sender<Payload> {
  encode(body: string): Payload;
  /** A reused body as encoded, or a body of its own as text. */
  post(payload: Payload | string): Promise<{ status: number; text: string }>;
  close(): Promise<void>;
}

function leanSender(job: Job): Sender<string> {
  const client = new LeanClient(job.url, job.inFlight, HEADERS);
  return { encode: (body) => body, post: (body) => client.post(body), close: async () => client.close() };
}

function undiciSender(job: Job): Sender<Buffer | string> {
  const pool = new Pool(job.url, { connections: job.inFlight, pipelining: 1 });
  return {
    encode: (body) => Buffer.from(body),
    post: (payload) => post(pool, payload),
    close: () => pool.close(),
  };
}

/**
 * One POST through the pool's dispatcher callbacks (no response stream per request): the load process's
 * CPU goes to the requests, and the machine's other core is left to the bus.
 */
function post(pool: Pool, payload: string | Buffer): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    let status = 0;
    let text = '';
    const handler: Dispatcher.DispatchHandler = {
      onRequestStart: () => {},
      onResponseStart: (_controller, statusCode) => {
        status = statusCode;
      },
      onResponseData: (_controller, chunk) => {
        text += chunk.toString('utf8');
      },
      onResponseEnd: () => resolve({ status, text }),
      onResponseError: (_controller, error) => reject(error),
    };
    pool.dispatch({ path: '/', method: 'POST', headers: HEADERS, body: payload }, handler);
  });
}

/**
 * "max" and "ceiling" bodies, encoded once: a body's events differ only by their shard (which rule they
 * match), which repeats every ten requests, so the load process spends its share of the two cores on
 * sending rather than on building the same texts again. Paced runs build each body, since their events
 * carry their sequence number.
 */
function reusedBodies<Payload>(job: Job, sender: Sender<Payload>): Payload[] {
  return Array.from({ length: 10 }, (_, s) => sender.encode(body(s, job.rules, job.matching ?? true)));
}

/** EventIds in a PutEvents response, counted without parsing it. */
function eventIds(text: string): number {
  let n = 0;
  for (let at = text.indexOf('"EventId"'); at >= 0; at = text.indexOf('"EventId"', at + 9)) n++;
  return n;
}

function run(job: Job) {
  return process.env.BENCH_LOAD === 'undici'
    ? runWith(job, undiciSender(job))
    : runWith(job, leanSender(job));
}

async function runWith<Payload extends string | Buffer>(job: Job, sender: Sender<Payload>) {
  const deadline = now() + job.seconds * 1000;
  const responded: Array<[string, number, number]> = [];
  let acked = 0;
  let refused = 0;
  let requests = 0;
  let seq = 0;
  const reused = job.mode === 'rate' ? undefined : reusedBodies(job, sender);
  const send = async () => {
    const s = seq++;
    const sentAt = now();
    const res = await sender.post(reused ? reused[s % 10] : body(s, job.rules, job.matching ?? true));
    const text = res.text;
    const at = now();
    requests++;
    if (job.mode === 'ceiling') return;
    if (res.status !== 200) {
      refused += 10;
      return;
    }
    if (job.mode === 'max') {
      acked += eventIds(text);
      return;
    }
    const out = JSON.parse(text) as { Entries: Array<{ EventId?: string }> };
    for (const e of out.Entries) {
      if (!e.EventId) continue;
      acked++;
      if (job.mode === 'rate') responded.push([e.EventId, sentAt, at]);
    }
  };
  const started = now();
  const cpu = process.cpuUsage();
  const gc = observeGcPauses();
  if (job.mode === 'rate') {
    const batchesPerTick = (job.eventsPerSecond ?? 10_000) / 10 / 1000;
    const pending = new Set<Promise<void>>();
    let owed = 0;
    let last = now();
    while (now() < deadline) {
      const t = now();
      owed += (t - last) * batchesPerTick;
      last = t;
      // Bounded: when the bus falls behind, the load does not queue without limit; the rate achieved is reported.
      while (owed >= 1 && pending.size < job.inFlight) {
        owed--;
        const p = send().finally(() => pending.delete(p));
        pending.add(p);
      }
      // Timers fire late on a busy machine: catch up on what is owed, but never more than 10 ms worth.
      owed = Math.min(owed, Math.max(1, batchesPerTick * 10));
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await Promise.all(pending);
  } else {
    const loop = async () => {
      while (now() < deadline) await send();
    };
    await Promise.all(Array.from({ length: job.inFlight }, loop));
  }
  const elapsed = (now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  await sender.close();
  // The load's own CPU: on a 2-core machine it shares the cores with the bus and the target.
  return {
    acked,
    refused,
    requests,
    elapsed,
    responded,
    cpuMicros: used.user + used.system,
    gcPauses: gc.take(),
  };
}

process.once('message', (job: Job) => {
  void run(job).then((result) => {
    process.send?.(result, () => process.exit(0));
  });
});
