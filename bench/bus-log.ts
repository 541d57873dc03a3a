// The durable log alone: concurrent appends of 10-event batches with group commit and a synced WAL, as
// the HTTP layer makes them. `npx tsx bench/bus-log.ts`
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventIdGenerator } from '../src/bus/event-ids.js';
import { type LogEntry, SqliteEventLog } from '../src/log/index.js';
import { machine } from './bus-harness.js';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 64);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ids = new EventIdGenerator();

function batch(): LogEntry[] {
  return Array.from({ length: 10 }, (_, i) => {
    const id = ids.next();
    const raw = JSON.stringify({
      version: '0',
      id,
      source: 'bench',
      'detail-type': 'Bench',
      detail: { i, payload: 'x'.repeat(200) },
    });
    return { id, source: 'bench', raw, canonical: raw, ingestedAt: Date.now() };
  });
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'ce-bench-log-'));
  const log = new SqliteEventLog({ file: join(dir, 'events.db') });
  const deadline = performance.now() + SECONDS * 1000;
  let events = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < deadline) {
        await log.append(batch());
        events += 10;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const stats = log.stats();
  await log.close();
  rmSync(dir, { recursive: true, force: true });
  const result = {
    machine: machine(),
    clients: CLIENTS,
    durableEventsPerSecond: Math.round(events / elapsed),
    eventsPerSync: Math.round(stats.entries / Math.max(1, stats.syncs)),
    meanSyncMs: Number((stats.syncMs / Math.max(1, stats.syncs)).toFixed(1)),
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

await main();
