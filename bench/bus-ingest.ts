// Durable ingest alone, as phase 1 of `npm run bench:bus` measures it (100 rules evaluated, no event
// matching, 64 requests in flight), without the ceiling and delivery phases: a short run for comparing
// builds or settings in alternation. `npx tsx bench/bus-ingest.ts`; BENCH_SECONDS (default 10),
// BENCH_IN_FLIGHT (default 64), BENCH_PRETENURING=1 to keep V8's allocation-site pretenuring.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../src/server/start.js';
import { ask, child, config, load, machine, tuneCollectorAsServe, warmUp } from './bus-harness.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

async function main() {
  const pretenuring = tuneCollectorAsServe();
  const target = child('./bus-target.ts');
  const { port } = await ask<{ port: number }>(target);
  const dataDir = mkdtempSync(join(tmpdir(), 'ce-bench-ingest-'));
  const server = await startServer({ dataDir, port: 0, config: config(`http://127.0.0.1:${port}`, 1) });
  // The same two-second warm-up of matching, delivered events as bench:bus.
  await warmUp(server.url, target);

  const cpu = process.cpuUsage();
  const run = await load(server.url, 'max', SECONDS, { matching: false });
  await server.bus.drain();
  const used = process.cpuUsage(cpu);

  target.send({ type: 'exit' });
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
  const perEvent = (micros: number) => Number((micros / Math.max(1, run.acked)).toFixed(1));
  const result = {
    machine: machine(),
    allocationSitePretenuring: pretenuring,
    seconds: SECONDS,
    durableEventsPerSecond: Math.round(run.acked / run.elapsed),
    refusedEvents: run.refused,
    busCpuMicrosPerEvent: perEvent(used.user + used.system),
    loadCpuMicrosPerEvent: perEvent(run.cpuMicros),
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

await main();
