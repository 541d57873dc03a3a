// `npx tsx bench/log-long-read.ts`: what a long read from another connection costs the log's appends.
// Another connection holds a read transaction (an old snapshot) for a few seconds while 20-event appends
// run back to back; prints the appends' latencies. The checkpointer's RESTART must not hold commits for
// long while it waits for such a reader.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventLog } from '../src/log/index.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const dir = mkdtempSync(join(tmpdir(), 'ce-long-read-'));
const file = join(dir, 'events.db');
// A small WAL bound, so that RESTART checkpoints are due all along.
const log = new SqliteEventLog({ file, checkpoints: { intervalMs: 20, restartBytes: 1024 * 1024 } });
const reader = new Database(file);
const pad = 'r'.repeat(2000);
let next = 0;
const batch = () =>
  Array.from({ length: 20 }, () => {
    const id = `e${next++}`;
    const raw = JSON.stringify({ id, pad });
    return { id, source: 'bench', raw, canonical: raw, ingestedAt: Date.now() };
  });

await log.append(batch());
reader.exec('BEGIN');
reader.prepare('SELECT count(*) FROM events').get();
const latencies: number[] = [];
const end = performance.now() + SECONDS * 1000;
while (performance.now() < end) {
  const started = performance.now();
  await log.append(batch());
  latencies.push(performance.now() - started);
}
reader.exec('COMMIT');
reader.close();
await log.close();
rmSync(dir, { recursive: true, force: true });

latencies.sort((a, b) => a - b);
const at = (p: number) =>
  Number(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))].toFixed(2));
const result = {
  readSeconds: SECONDS,
  appends: latencies.length,
  ms: { p50: at(0.5), p99: at(0.99), max: Number(latencies.at(-1)?.toFixed(1)) },
  over50ms: latencies.filter((ms) => ms > 50).length,
};
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
