// What the bus benches share: the load and target processes, the bench's bus config (100 rules, each an
// API destination on the local target), and waiting for deliveries.
import { type ChildProcess, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { BusConfig } from '../src/bus/config.js';
import { tuneCollectorForServing } from '../src/server/collector.js';
import type { GcPause } from './gc-pauses.js';
import { stringifyMicros } from './yardstick.js';

export const RULES = 100;
/** Requests the load process keeps in flight (BENCH_IN_FLIGHT, default 64). */
export const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? 64);
/**
 * The bus's `http.pipelining` toward the bench's target (BENCH_PIPELINING, default 8): the target accepts
 * HTTP/1.1 pipelining, as a receiver of one's own usually does. 1 is the bus's default.
 */
export const PIPELINING = Number(process.env.BENCH_PIPELINING ?? 8);
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
/** Milliseconds since the epoch, comparable between the bench's processes. */
export const now = () => performance.timeOrigin + performance.now();

/**
 * The machine a result was taken on: cores, Node, how busy it was, and how fast its cores were just then
 * (the yardstick of `bench/yardstick.ts`; the same code's figures follow it).
 */
export function machine() {
  return {
    cpus: cpus().length,
    node: process.version,
    loadAverage: loadavg().map((l) => Number(l.toFixed(1))),
    stringifyMicros: Number(stringifyMicros().toFixed(2)),
  };
}

/**
 * Tunes the collector of the bench's process, which hosts the bus, as `contact-events serve` does; with
 * BENCH_PRETENURING=1 V8 keeps its default (allocation-site pretenuring), to compare. Answers whether
 * pretenuring stays on.
 */
export function tuneCollectorAsServe(): boolean {
  if (process.env.BENCH_PRETENURING === '1') return true;
  tuneCollectorForServing();
  return false;
}

/**
 * CPU of this process's main thread (the event loop: HTTP, ingest, routing, outgoing calls), in
 * microseconds, from Linux's per-thread accounting (10 ms ticks); the rest of the process's CPU is the
 * log's writer thread, libuv's pool and V8's helpers. Undefined where /proc is not there.
 */
export function mainThreadCpuMicros(): number | undefined {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10_000;
  } catch {
    return undefined;
  }
}

/** One of the bench's processes (`bus-load.ts`, `bus-target.ts`), talked to over IPC. */
export function child(file: string, args: string[] = []): ChildProcess {
  return fork(here(file), args, {
    // BENCH_TRACE_GC=1 prints the collections of the load and target processes as well.
    execArgv: ['--import', 'tsx', ...(process.env.BENCH_TRACE_GC ? ['--trace-gc'] : [])],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

/** Sends `message` (if any) and waits for the process's next message. */
export function ask<T>(proc: ChildProcess, message?: object): Promise<T> {
  return new Promise((resolve) => {
    proc.once('message', (m) => resolve(m as T));
    if (message) proc.send(message);
  });
}

export interface LoadResult {
  /** CPU of the load process while it sent, in microseconds. */
  cpuMicros: number;
  acked: number;
  refused: number;
  requests: number;
  elapsed: number;
  responded: Array<[string, number, number]>;
  /** The load process's collector pauses while it sent. */
  gcPauses: GcPause[];
}

/** A run of the load process: PutEvents batches in `mode` (`max`, `rate`, `ceiling`) for `seconds`. */
export async function load(
  url: string,
  mode: string,
  seconds: number,
  extra: object = {},
): Promise<LoadResult> {
  const proc = child('./bus-load.ts');
  return ask<LoadResult>(proc, { url, mode, seconds, inFlight: IN_FLIGHT, rules: RULES, ...extra });
}

/** The `p`th percentile of sorted values. */
export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** The bench's bus: 100 rules on `detail.shard`, each targeting one API destination on the local target. */
export function config(targetUrl: string, pipelining: number): BusConfig {
  return {
    http: { pipelining },
    connections: [
      {
        Name: 'bench',
        AuthorizationType: 'API_KEY',
        AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'x-api-key', ApiKeyValue: 'bench' } },
      },
    ],
    apiDestinations: [
      {
        Name: 'sink',
        ConnectionName: 'bench',
        InvocationEndpoint: `${targetUrl}/events`,
        HttpMethod: 'POST',
        InvocationRateLimitPerSecond: 1_000_000,
      },
    ],
    rules: Array.from({ length: RULES }, (_, i) => ({
      Name: `shard-${i}`,
      EventPattern: { source: ['bench'], detail: { shard: [i] } },
      Targets: [{ Id: 'sink', ApiDestination: 'sink' }],
    })),
  };
}

/** Two seconds of matching events, delivered, so that what is measured next runs on optimized code. */
export async function warmUp(url: string, target: ChildProcess): Promise<void> {
  const warm = await load(url, 'max', 2);
  await waitDelivered(target, warm.acked, 60_000);
}

/** Waits until the target has received `expected` distinct events, or `limitMs` has passed. */
export async function waitDelivered(
  target: ChildProcess,
  expected: number,
  limitMs: number,
): Promise<{ count: number; at: number }> {
  const deadline = now() + limitMs;
  for (;;) {
    const { count } = await ask<{ count: number }>(target, { type: 'count' });
    if (count >= expected || now() > deadline) return { count, at: now() };
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
