/**
 * A day of a 10,000-agent center (about a million contacts) generated at max speed to an NDJSON file:
 * events per second and peak memory.
 * `tsx bench/emulator.ts [--agents N] [--hours H] [--start-hour H] [--out FILE|--no-file|--discard]
 * [--chunk N] [--semi-space MB]`. `--no-file`: events built as objects (what an in-process consumer gets)
 * and dropped; `--discard`: events written as NDJSON in memory and dropped (the file run without the
 * file's I/O). The run uses a 64 MB young generation unless told otherwise (`--semi-space 0`: V8's
 * default): contacts in progress outlive small nursery collections, and copying them over and over is
 * most of the collector's cost. The flag is read at start-up, so the bench runs itself again with it.
 * `--live-heap`: every two virtual hours, and once the run has drained, a full collection, then the heap
 * still in use and the contacts in progress: what the run keeps alive, apart from garbage not yet
 * collected (which the peak heap includes). The collections slow the run; its rate is not the bench's.
 */
import { spawnSync } from 'node:child_process';
import { rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Center, NdjsonSink, runScenario } from '../src/emulator/index.js';
import { benchCenter, benchScenario } from './emulator-center.js';
import { stringifyMicros } from './yardstick.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const semiSpace = Number(arg('semi-space', '64'));
const liveHeap = process.argv.includes('--live-heap');
const nodeOptions = process.env.NODE_OPTIONS ?? '';
const flags: string[] = [];
if (semiSpace > 0 && !nodeOptions.includes('--max-semi-space-size'))
  flags.push(`--max-semi-space-size=${semiSpace}`);
if (liveHeap && !nodeOptions.includes('--expose-gc')) flags.push('--expose-gc');
if (flags.length > 0) {
  const child = spawnSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, NODE_OPTIONS: [nodeOptions, ...flags].join(' ').trim() },
  });
  process.exit(child.status ?? 1);
}

const agents = Number(arg('agents', '10000'));
const hours = Number(arg('hours', '24'));
const startHour = Number(arg('start-hour', '0'));
const chunk = process.argv.includes('--chunk') ? Number(arg('chunk', '')) : undefined;
const discard = process.argv.includes('--discard');
const toFile = !process.argv.includes('--no-file') && !discard;
const out = arg('out', join(tmpdir(), `contact-events-bench-${process.pid}.ndjson`));

const yardstick = stringifyMicros();
const center = new Center(benchCenter(agents));
const sink = toFile ? new NdjsonSink(out) : undefined;
let discarded = 0;
const dropNdjson = {
  publish: () => undefined,
  publishNdjson: (chunks: Buffer[]) => {
    for (const c of chunks) discarded += c.length;
  },
};
const mb = (n: number) => `${(n / 1048576).toFixed(0)} MB`;
let peakHeap = 0;
let peakLive = 0;
const collect = (globalThis as { gc?: () => void }).gc;
const startMs = Date.UTC(2026, 0, 5, startHour);
const LIVE_HEAP_EVERY_MS = 2 * 3_600_000;
let nextLiveHeapAt = startMs;
const liveHeapSamples: Array<{ hour: number; contactsInProgress: number; heapInUse: string }> = [];
/** A full collection, then the heap in use: what the run keeps alive. */
function sampleLiveHeap(virtualMs: number, contactsInProgress: number): void {
  collect?.();
  liveHeapSamples.push({
    hour: Number(((virtualMs - startMs) / 3_600_000).toFixed(1)),
    contactsInProgress,
    heapInUse: mb(process.memoryUsage().heapUsed),
  });
}
const t0 = performance.now();
const cpu0 = process.cpuUsage();
const summary = await runScenario({
  scenario: { ...benchScenario(agents), start: new Date(startMs).toISOString() },
  center,
  durationMs: hours * 3_600_000,
  sink: discard ? dropNdjson : sink,
  chunk,
  onProgress: (p) => {
    peakLive = Math.max(peakLive, p.contactsInProgress);
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    if (liveHeap && p.virtualMs >= nextLiveHeapAt) {
      nextLiveHeapAt += LIVE_HEAP_EVERY_MS;
      sampleLiveHeap(p.virtualMs, p.contactsInProgress);
    }
  },
});
if (liveHeap) sampleLiveHeap(summary.endMs, summary.contactsInProgress);
await sink?.close();
const wall = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
const contacts = Object.values(summary.stats.contacts).reduce(
  (n, byOutcome) => n + Object.values(byOutcome).reduce((a, b) => a + b, 0),
  0,
);
const bytes = toFile ? statSync(out).size : discarded;
if (toFile && !process.argv.includes('--out')) rmSync(out);
console.log(
  JSON.stringify(
    {
      agents,
      hours,
      contacts,
      events: summary.events,
      wallSeconds: Number(wall.toFixed(2)),
      cpuSeconds: Number(((cpu.user + cpu.system) / 1e6).toFixed(2)),
      eventsPerSecond: Math.round(summary.events / wall),
      file: toFile ? mb(bytes) : discard ? `none (${mb(bytes)} of NDJSON dropped)` : 'none',
      peakContactsInProgress: peakLive,
      peakHeapUsed: mb(peakHeap),
      maxRss: mb(process.resourceUsage().maxRSS * 1024),
      cpuMicrosPerEvent: Number((((cpu.user + cpu.system) / summary.events) as number).toFixed(2)),
      stringifyMicrosPerEvent: Number(yardstick.toFixed(2)),
      ...(liveHeap && { liveHeap: liveHeapSamples }),
      node: process.version,
      nodeOptions: process.env.NODE_OPTIONS ?? '',
    },
    null,
    2,
  ),
);
