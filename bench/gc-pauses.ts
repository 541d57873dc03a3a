// The collector's pauses of the process that imports this, as `perf_hooks` reports them: what each of the
// bench's processes (bus, load, target) spent stopped in GC while a phase ran.
import { PerformanceObserver } from 'node:perf_hooks';

export interface GcPauses {
  /** Pauses in milliseconds since the last call (or since the start), oldest first. */
  take(): number[];
}

export function observeGcPauses(): GcPauses {
  let pauses: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) pauses.push(entry.duration);
  });
  observer.observe({ entryTypes: ['gc'] });
  return {
    take() {
      const taken = pauses;
      pauses = [];
      return taken;
    },
  };
}

/** Count, total, p50, p99 and longest of some pauses, in milliseconds. */
export function pauseSummary(pauses: readonly number[]) {
  const sorted = [...pauses].sort((a, b) => a - b);
  const at = (p: number) =>
    Number((sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0).toFixed(2));
  return {
    count: sorted.length,
    totalMs: Number(sorted.reduce((a, b) => a + b, 0).toFixed(1)),
    p50: at(0.5),
    p99: at(0.99),
    max: Number((sorted.at(-1) ?? 0).toFixed(2)),
  };
}
