// `npm run bench:bus`: durable ingest and delivery of the event bus on loopback, after a two-second warm-up,
// against the req/s of a trivial Node HTTP server measured in the same run. Load and target run in their
// own processes.
// BENCH_SECONDS (default 10) per phase, BENCH_IN_FLIGHT (default 64) requests in flight, BENCH_GENTLE_RATE
// (default: half the delivery rate measured) for phase 4, to compare builds at the same rate,
// BENCH_PIPELINING (default 8; 1 is the bus's default) for the bus's `http.pipelining` (phase 5 runs at
// 10,000 events/s on a second bus with the default, unless BENCH_PIPELINING is 1), BENCH_PRETENURING=1 to
// keep V8's allocation-site pretenuring (which `serve` turns off), BENCH_TRACE_GC=1 to print the
// collections of the load and target processes (`node --trace-gc` for the bus's).
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SqliteEventLog } from '../src/log/index.js';
import { startServer } from '../src/server/start.js';
import {
  ask,
  child,
  config,
  IN_FLIGHT,
  type LoadResult,
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
import { type GcPause, observeGcPauses, pauseSummary } from './gc-pauses.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const RATE = 10_000;

/** CPU of this process (the bus) in microseconds, user + system, to divide by the events of a phase. */
function cpuMicros(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

/** User and system CPU of this process, in microseconds. */
function cpuSplit(): { user: number; system: number } {
  return process.cpuUsage();
}

const perEvent = (micros: number, events: number) => Number((micros / Math.max(1, events)).toFixed(1));

async function ceilingRun(): Promise<number> {
  const server = child('./bus-target.ts', ['--trivial']);
  const { port } = await ask<{ port: number }>(server);
  const result = await load(`http://127.0.0.1:${port}`, 'ceiling', 5);
  server.send({ type: 'exit' });
  return result.requests / result.elapsed;
}

function latencies(paced: LoadResult, received: Array<[string, number]>) {
  const arrivals = new Map(received);
  const fromResponse: number[] = [];
  const fromRequest: number[] = [];
  for (const [id, sentAt, respondedAt] of paced.responded) {
    const at = arrivals.get(id);
    if (at === undefined) continue;
    fromResponse.push(at - respondedAt);
    fromRequest.push(at - sentAt);
  }
  fromResponse.sort((a, b) => a - b);
  fromRequest.sort((a, b) => a - b);
  const ms = (n: number | undefined) => Number((n ?? 0).toFixed(2));
  return {
    measured: fromResponse.length,
    fromResponseMs: {
      p50: ms(percentile(fromResponse, 50)),
      p99: ms(percentile(fromResponse, 99)),
      max: ms(fromResponse.at(-1)),
    },
    fromRequestMs: { p50: ms(percentile(fromRequest, 50)), p99: ms(percentile(fromRequest, 99)) },
  };
}

/**
 * Phase 5: a second bus (fresh data folder) whose HTTP client does not pipeline, the bus's default, paced
 * at 10,000 events/s after the same warm-up: what the same target gets without `http.pipelining`.
 */
async function pacedOnDefaultBus(port: number, target: ChildProcess) {
  const dataDir = mkdtempSync(join(tmpdir(), 'ce-bench-bus-'));
  const server = await startServer({ dataDir, port: 0, config: config(`http://127.0.0.1:${port}`, 1) });
  try {
    await warmUp(server.url, target);
    await ask(target, { type: 'dump', receipts: false });
    const cpu = cpuMicros();
    const paced = await load(server.url, 'rate', SECONDS, { eventsPerSecond: RATE });
    await waitDelivered(target, paced.acked, 60_000);
    const busCpu = cpuMicros() - cpu;
    const { received } = await ask<{ received: Array<[string, number]> }>(target, { type: 'dump' });
    return {
      httpPipelining: 1,
      offeredEventsPerSecond: RATE,
      achievedEventsPerSecond: Math.round(paced.acked / paced.elapsed),
      busCpuMicrosPerEvent: perEvent(busCpu, paced.acked),
      ...latencies(paced, received),
    };
  } finally {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main() {
  const pretenuring = tuneCollectorAsServe();
  const ceilingBefore = await ceilingRun();
  const target = child('./bus-target.ts');
  const { port } = await ask<{ port: number }>(target);
  const dataDir = mkdtempSync(join(tmpdir(), 'ce-bench-bus-'));
  const server = await startServer({
    dataDir,
    port: 0,
    config: config(`http://127.0.0.1:${port}`, PIPELINING),
  });
  const log = server.bus.log as SqliteEventLog;

  // 0. Warm-up, not measured: two seconds of matching events, delivered, so that every phase runs on
  // optimized code.
  await warmUp(server.url, target);
  await ask(target, { type: 'dump', receipts: false });

  // 1. Durable ingest with 100 rules evaluated, no event matching: the log and the router alone.
  let cpu = cpuMicros();
  let mainCpu = mainThreadCpuMicros();
  const statsBefore = log.stats();
  const ingestOnly = await load(server.url, 'max', SECONDS, { matching: false });
  const statsAfter = log.stats();
  const ingestStats = {
    entries: statsAfter.entries - statsBefore.entries,
    commits: statsAfter.commits - statsBefore.commits,
    syncs: statsAfter.syncs - statsBefore.syncs,
    syncMs: statsAfter.syncMs - statsBefore.syncMs,
  };
  await server.bus.drain();
  const ingestCpu = cpuMicros() - cpu;
  const ingestMainCpu = mainCpu === undefined ? undefined : (mainThreadCpuMicros() ?? 0) - mainCpu;

  // 2. Every event matches one rule and is delivered over HTTP to the target process.
  const targetCpuBefore = (await ask<{ cpuMicros: number }>(target, { type: 'dump', receipts: false }))
    .cpuMicros;
  cpu = cpuMicros();
  mainCpu = mainThreadCpuMicros();
  const split = cpuSplit();
  const elu = performance.eventLoopUtilization();
  const started = now();
  const max = await load(server.url, 'max', SECONDS);
  const drained = await waitDelivered(target, max.acked, 120_000);
  const deliveryCpu = cpuMicros() - cpu;
  const deliveryMainCpu = mainCpu === undefined ? undefined : (mainThreadCpuMicros() ?? 0) - mainCpu;
  const deliverySplit = process.cpuUsage(split);
  const deliveryElu = performance.eventLoopUtilization(elu).utilization;
  const targetCpu =
    (await ask<{ cpuMicros: number }>(target, { type: 'dump', receipts: false })).cpuMicros - targetCpuBefore;

  // 3. Paced at 10,000 events/s (in-flight requests bounded): latency to the target, and the collector
  // pauses of each process meanwhile, which set much of its tail.
  const busGc = observeGcPauses();
  const paced = await load(server.url, 'rate', SECONDS, { eventsPerSecond: RATE });
  await waitDelivered(target, paced.acked, 60_000);
  const busPauses = busGc.take();
  const { received, gcPauses: targetPauses } = await ask<{
    received: Array<[string, number]>;
    gcPauses: GcPause[];
  }>(target, { type: 'dump' });

  // 4. Paced at half the delivery rate just measured (when that is under 10,000/s): latency without a
  // queue building up, on a machine that cannot deliver 10,000 events/s.
  const deliveredRate = drained.count / ((drained.at - started) / 1000);
  const sustainable =
    Number(process.env.BENCH_GENTLE_RATE) ||
    Math.min(RATE, Math.max(100, Math.round(deliveredRate / 2 / 10) * 10));
  const gentle = await load(server.url, 'rate', SECONDS, { eventsPerSecond: sustainable });
  await waitDelivered(target, gentle.acked, 60_000);
  const gentleReceived = (await ask<{ received: Array<[string, number]> }>(target, { type: 'dump' }))
    .received;

  await server.close();
  rmSync(dataDir, { recursive: true, force: true });

  // 5. The bus's default HTTP client (no pipelining) on a fresh bus, paced at 10,000 events/s as in phase 3.
  const withoutPipelining = PIPELINING === 1 ? undefined : await pacedOnDefaultBus(port, target);

  target.send({ type: 'exit' });
  const ceilingAfter = await ceilingRun();
  const ceiling = (ceilingBefore + ceilingAfter) / 2;

  const results = {
    machine: machine(),
    allocationSitePretenuring: pretenuring,
    httpPipelining: PIPELINING,
    ceiling: {
      requestsPerSecond: Math.round(ceiling),
      before: Math.round(ceilingBefore),
      after: Math.round(ceilingAfter),
    },
    ingestOnly: {
      seconds: SECONDS,
      inFlightRequests: IN_FLIGHT,
      durableEventsPerSecond: Math.round(ingestOnly.acked / ingestOnly.elapsed),
      requestsPerSecond: Math.round(ingestOnly.requests / ingestOnly.elapsed),
      requestsVsCeiling: Number((ingestOnly.requests / ingestOnly.elapsed / ceiling).toFixed(2)),
      refusedEvents: ingestOnly.refused,
      busCpuMicrosPerEvent: perEvent(ingestCpu, ingestOnly.acked),
      busMainThreadCpuMicrosPerEvent:
        ingestMainCpu === undefined ? null : perEvent(ingestMainCpu, ingestOnly.acked),
      loadCpuMicrosPerEvent: perEvent(ingestOnly.cpuMicros, ingestOnly.acked),
      // What 2 cores could take if the bus and the load had them to themselves, at these CPU costs.
      twoCoreBudgetEventsPerSecond: Math.round(
        (2 * 1e6) / ((ingestCpu + ingestOnly.cpuMicros) / Math.max(1, ingestOnly.acked)),
      ),
      eventsPerCommit: Math.round(ingestStats.entries / Math.max(1, ingestStats.commits)),
      meanSyncMs: Number((ingestStats.syncMs / Math.max(1, ingestStats.syncs)).toFixed(1)),
    },
    ingestAndDelivery: {
      durableEventsPerSecond: Math.round(max.acked / max.elapsed),
      refusedEvents: max.refused,
      deliveredEvents: drained.count,
      deliveredEventsPerSecond: Math.round(drained.count / ((drained.at - started) / 1000)),
      deliveriesVsCeiling: Number((drained.count / ((drained.at - started) / 1000) / ceiling).toFixed(2)),
      busCpuMicrosPerEvent: perEvent(deliveryCpu, drained.count),
      busMainThreadCpuMicrosPerEvent:
        deliveryMainCpu === undefined ? null : perEvent(deliveryMainCpu, drained.count),
      loadCpuMicrosPerEvent: perEvent(max.cpuMicros, max.acked),
      targetCpuMicrosPerEvent: perEvent(targetCpu, drained.count),
      busSystemCpuShare: Number((deliverySplit.system / Math.max(1, deliveryCpu)).toFixed(2)),
      busEventLoopUtilization: Number(deliveryElu.toFixed(2)),
    },
    paced10k: {
      offeredEventsPerSecond: RATE,
      achievedEventsPerSecond: Math.round(paced.acked / paced.elapsed),
      ...latencies(paced, received),
      gcPausesMs: {
        bus: pauseSummary(busPauses),
        target: pauseSummary(targetPauses),
        load: pauseSummary(paced.gcPauses),
      },
    },
    pacedSustainable: {
      offeredEventsPerSecond: sustainable,
      achievedEventsPerSecond: Math.round(gentle.acked / gentle.elapsed),
      ...latencies(gentle, gentleReceived),
    },
    ...(withoutPipelining && { paced10kWithoutPipelining: withoutPipelining }),
  };
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
}

await main();
