// What the bus benches share: the load and target processes, the bench's bus config (100 rules, each an
// API destination on the local target), and waiting for deliveries.
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BusConfig } from '../src/bus/config.js';

export const RULES = 100;
/** Requests the load process keeps in flight (BENCH_IN_FLIGHT, default 64). */
export const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? 64);
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
/** Milliseconds since the epoch, comparable between the bench's processes. */
export const now = () => performance.timeOrigin + performance.now();

export function child(file: string, args: string[] = []): ChildProcess {
  return fork(here(file), args, {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

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
}

export async function load(
  url: string,
  mode: string,
  seconds: number,
  extra: object = {},
): Promise<LoadResult> {
  const proc = child('./bus-load.ts');
  const result = ask<LoadResult>(proc, { url, mode, seconds, inFlight: IN_FLIGHT, rules: RULES, ...extra });
  return result;
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

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
