/**
 * Rates per wall-clock second and per CPU second of this process. On a machine shared with other work
 * the wall-clock rate falls with the load; the CPU-time rate is close to what an idle core gives.
 */
export interface Rate {
  wall: number;
  cpu: number;
}

/** Median of `passes` timed runs after one warm-up run; each run returns how many items it processed. */
export function medianRate(passes: number, run: () => number): Rate {
  run();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < passes; i++) {
    const startCpu = process.cpuUsage();
    const start = process.hrtime.bigint();
    const items = run();
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const used = process.cpuUsage(startCpu);
    wall.push(items / seconds);
    cpu.push(items / ((used.user + used.system) / 1e6));
  }
  return { wall: median(wall), cpu: median(cpu) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.floor(sorted.length / 2)]);
}

export function formatRate(eps: number): string {
  return eps.toLocaleString('en-US');
}
