// The collector's pauses of the process that imports this, as `perf_hooks` reports them: what each of the
// bench's processes (bus, load, target) spent stopped in GC while a phase ran, by kind of collection.
import { constants, PerformanceObserver, performance } from 'node:perf_hooks';

export interface GcPause {
  /** When the pause began, in milliseconds since the epoch (comparable between the bench's processes). */
  readonly at: number;
  readonly ms: number;
  /** `minor` (scavenge), `major` (mark-compact), `incremental` (a marking step) or `weak` (callbacks). */
  readonly kind: string;
}

export interface GcPauses {
  /** Pauses since the last call (or since the start), oldest first. */
  take(): GcPause[];
}

const KINDS: Record<number, string> = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weak',
};

export function observeGcPauses(): GcPauses {
  let pauses: GcPause[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = (entry as { detail?: { kind?: number } }).detail?.kind ?? 0;
      pauses.push({
        at: performance.timeOrigin + entry.startTime,
        ms: entry.duration,
        kind: KINDS[kind] ?? String(kind),
      });
    }
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

/** Count, total, median and longest of some pauses, in milliseconds, in all and by kind. */
export function pauseSummary(pauses: readonly GcPause[]) {
  const summary = (ms: number[]) => {
    const sorted = [...ms].sort((a, b) => a - b);
    const round = (n: number | undefined) => Number((n ?? 0).toFixed(2));
    return {
      count: sorted.length,
      totalMs: Number(sorted.reduce((a, b) => a + b, 0).toFixed(1)),
      p50: round(sorted[Math.floor(sorted.length / 2)]),
      max: round(sorted.at(-1)),
    };
  };
  const kinds = [...new Set(pauses.map((p) => p.kind))];
  return {
    ...summary(pauses.map((p) => p.ms)),
    byKind: Object.fromEntries(
      kinds.map((kind) => [kind, summary(pauses.filter((p) => p.kind === kind).map((p) => p.ms))]),
    ),
  };
}

/**
 * Of the events that took longer than `limitMs` (each `[from, to]` in epoch milliseconds), how many had
 * a pause of each process between their two moments: what the tail's collector pauses explain. An event
 * may count for several processes; `none` counts those that overlap no pause.
 */
export function latePausedBy(
  late: ReadonlyArray<readonly [number, number]>,
  pausesBy: Record<string, readonly GcPause[]>,
) {
  const counts: Record<string, number> = { events: late.length, none: 0 };
  for (const name of Object.keys(pausesBy)) counts[name] = 0;
  for (const [from, to] of late) {
    let any = false;
    for (const [name, pauses] of Object.entries(pausesBy)) {
      if (pauses.some((p) => p.at < to && p.at + p.ms > from)) {
        counts[name]++;
        any = true;
      }
    }
    if (!any) counts.none++;
  }
  return counts;
}
