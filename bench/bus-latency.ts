// Where the delivery latency of the bus goes, at a fixed rate: from the PutEvents response to the moment
// the bus hands the event to its target (`deliver()`: log, router, lane), and from there to the target
// process's receipt (the HTTP exchange and the receiving process). `npx tsx bench/bus-latency.ts`
// BENCH_RATE (default 10,000 events/s), BENCH_SECONDS (default 10), BENCH_PIPELINING (default 8; 1 is
// the bus's default), after a two-second warm-up, BENCH_PRETENURING=1 to keep V8's allocation-site
// pretenuring (which `serve` turns off). Recording the hand-over costs the bus two array appends per
// delivery.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../src/server/start.js';
import type { Target } from '../src/targets/index.js';
import {
  ask,
  child,
  config,
  load,
  machine,
  mainThreadCpuMicros,
  now,
  PIPELINING,
  percentile,
  tuneCollectorAsServe,
  waitDelivered,
  warmUp,
} from './bus-harness.js';
import { type GcPause, latePausedBy, observeGcPauses, pauseSummary } from './gc-pauses.js';

const RATE = Number(process.env.BENCH_RATE ?? 10_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
/** The goal's bound: events later than this are the tail, and are matched with the pauses they overlap. */
const LATE_MS = 10;

/** Hand-over times, in two flat arrays: a map or an object per delivery would add to what is measured. */
const handedIds: string[] = [];
const handedAt: number[] = [];
let recording = false;

/** The bus's own target, timing each hand-over. */
function timed(target: Target): Target {
  return {
    kind: target.kind,
    lane: target.lane,
    pace: target.pace && (() => target.pace?.() ?? 0),
    deliver: (req) => {
      if (recording) {
        handedIds.push(req.eventId);
        handedAt.push(now());
      }
      return target.deliver(req);
    },
    close: () => target.close(),
  };
}

function summary(unsorted: readonly number[]) {
  const values = [...unsorted].sort((a, b) => a - b);
  const ms = (n: number | undefined) => Number((n ?? 0).toFixed(2));
  return {
    p50: ms(percentile(values, 50)),
    p90: ms(percentile(values, 90)),
    p99: ms(percentile(values, 99)),
    max: ms(values.at(-1)),
  };
}

async function main() {
  const pretenuring = tuneCollectorAsServe();
  const target = child('./bus-target.ts');
  const { port } = await ask<{ port: number }>(target);
  const dataDir = mkdtempSync(join(tmpdir(), 'ce-bench-latency-'));
  const server = await startServer({
    dataDir,
    port: 0,
    config: config(`http://127.0.0.1:${port}`, PIPELINING),
    wrapTarget: timed,
  });
  await warmUp(server.url, target);
  const targetCpuBefore = (await ask<{ cpuMicros: number }>(target, { type: 'dump', receipts: false }))
    .cpuMicros;

  const busGc = observeGcPauses();
  const busCpuBefore = process.cpuUsage();
  const busMainBefore = mainThreadCpuMicros();
  recording = true;
  const paced = await load(server.url, 'rate', SECONDS, { eventsPerSecond: RATE });
  await waitDelivered(target, paced.acked, 60_000);
  recording = false;
  const busCpu = process.cpuUsage(busCpuBefore);
  const busMainCpu = busMainBefore === undefined ? undefined : (mainThreadCpuMicros() ?? 0) - busMainBefore;
  const busPauses = busGc.take();
  const {
    received,
    gcPauses: targetPauses,
    cpuMicros: targetCpuAfter,
  } = await ask<{
    received: Array<[string, number]>;
    gcPauses: GcPause[];
    cpuMicros: number;
  }>(target, { type: 'dump' });
  // Cores each process kept busy over the paced phase (the bus's and the target's include the drain).
  const cores = (micros: number) => Number((micros / 1e6 / paced.elapsed).toFixed(2));

  const arrivals = new Map(received);
  const handed = new Map<string, number>();
  for (let i = 0; i < handedIds.length; i++)
    if (!handed.has(handedIds[i])) handed.set(handedIds[i], handedAt[i]);
  const toHandOver: number[] = [];
  const toTarget: number[] = [];
  const total: number[] = [];
  const late: Array<[number, number]> = [];
  for (const [id, , respondedAt] of paced.responded) {
    const at = arrivals.get(id);
    const hand = handed.get(id);
    if (at === undefined || hand === undefined) continue;
    toHandOver.push(hand - respondedAt);
    toTarget.push(at - hand);
    total.push(at - respondedAt);
    if (at - respondedAt > LATE_MS) late.push([Math.min(hand, respondedAt), at]);
  }
  // The slowest 1 %: how much of their latency came before the hand-over, how much after.
  const slowest = Array.from(total.keys())
    .sort((a, b) => total[b] - total[a])
    .slice(0, Math.max(1, Math.ceil(total.length / 100)));
  const mean = (xs: number[]) => Number((xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length)).toFixed(2));

  target.send({ type: 'exit' });
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
  const result = {
    machine: machine(),
    allocationSitePretenuring: pretenuring,
    httpPipelining: PIPELINING,
    offeredEventsPerSecond: RATE,
    achievedEventsPerSecond: Math.round(paced.acked / paced.elapsed),
    measured: total.length,
    responseToHandOverMs: summary(toHandOver),
    handOverToTargetMs: summary(toTarget),
    responseToTargetMs: summary(total),
    coresBusy: {
      bus: cores(busCpu.user + busCpu.system),
      busMainThread: busMainCpu === undefined ? undefined : cores(busMainCpu),
      target: cores(targetCpuAfter - targetCpuBefore),
      load: cores(paced.cpuMicros),
    },
    // Each process's collector pauses during the paced phase (and, for the bus and the target, its drain).
    gcPausesMs: {
      bus: pauseSummary(busPauses),
      target: pauseSummary(targetPauses),
      load: pauseSummary(paced.gcPauses),
    },
    // Events later than 10 ms, and how many of them overlap a collector pause of each process (from the
    // earlier of hand-over and response to the receipt).
    lateEvents: latePausedBy(late, { bus: busPauses, target: targetPauses, load: paced.gcPauses }),
    slowestPercentMeanMs: {
      beforeHandOver: mean(slowest.map((i) => toHandOver[i])),
      afterHandOver: mean(slowest.map((i) => toTarget[i])),
    },
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

await main();
