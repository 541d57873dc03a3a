import type { ContactEventEnvelope } from '../model/index.js';
import type { EventSink } from './engine.js';
import { type HeapEntry, TimerHeap } from './heap.js';
import { Rng } from './rng.js';

/**
 * Best-effort delivery as the real service gives it, each a rate in [0, 1], all 0 by default: events
 * duplicated, held back and delivered after later ones, delivered late, dropped, and the real-world
 * variants of the form (PascalCase keys, `"Voice"`, placeholder timestamps for what has not happened yet,
 * an envelope time a few seconds off).
 */
export interface QuirkRates {
  duplicate?: number;
  reorder?: number;
  /** Held back by 1 s to 5 min of the stream's own time (the events' `time`), then delivered. */
  late?: number;
  drop?: number;
  pascalCase?: number;
  voiceCasing?: number;
  placeholderTimestamps?: number;
  /** The envelope's `time` off by 1 to 5 s either way, as producers' clocks differ. */
  skew?: number;
}

/** How many events each quirk touched in a run: what a consumer under test should have coped with. */
export type QuirkCounts = Record<keyof QuirkRates, number>;

export const PLACEHOLDER_TIMESTAMP = '1970-01-01T00:00:00.001Z';

/** How late a `late` event comes: uniform between these, in the stream's time. */
const LATE_MIN_MS = 1000;
const LATE_MAX_MS = 5 * 60_000;

/** How far a skewed `time` is off, either way, in whole seconds (the envelope's precision). */
const SKEW_MAX_SECONDS = 5;

/** Whether any rate is set. */
export function hasQuirks(rates: QuirkRates | undefined): rates is QuirkRates {
  return rates !== undefined && Object.values(rates).some((r) => typeof r === 'number' && r > 0);
}

/** Wraps a sink so that what reaches it is delivered the way the real service may deliver it. */
export class QuirkySink implements EventSink {
  private readonly rng: Rng;
  private held: { event: ContactEventEnvelope; releaseAfter: number }[] = [];
  /** Late events by the stream time (`at`, ms) from which each is delivered, earliest first. */
  private readonly late = new TimerHeap<HeapEntry & { event: ContactEventEnvelope }>();
  private lateCount = 0;
  /** Events each quirk touched so far. */
  readonly counts: QuirkCounts = {
    duplicate: 0,
    reorder: 0,
    late: 0,
    drop: 0,
    pascalCase: 0,
    voiceCasing: 0,
    placeholderTimestamps: 0,
    skew: 0,
  };

  constructor(
    private readonly inner: EventSink,
    private readonly rates: QuirkRates,
    seed = 1,
  ) {
    this.rng = new Rng(seed ^ 0x5eed);
  }

  publish(events: ContactEventEnvelope[]): Promise<void> | void {
    const r = this.rates;
    const out: ContactEventEnvelope[] = [];
    for (const e of events) {
      this.release(out);
      // The stream's clock is the events' own time, so that lateness is the same at any run speed.
      const nowMs = r.late ? Date.parse(e.time) : 0;
      if (this.late.size > 0) this.releaseLate(out, nowMs);
      if (this.rng.chance(r.drop ?? 0)) {
        this.counts.drop++;
        continue;
      }
      const shaped = this.reshape(e);
      if (this.rng.chance(r.reorder ?? 0)) {
        this.counts.reorder++;
        this.held.push({ event: shaped, releaseAfter: 1 + this.rng.int(20) });
      } else if (this.rng.chance(r.late ?? 0)) {
        this.counts.late++;
        this.late.push({
          at: nowMs + LATE_MIN_MS + this.rng.int(LATE_MAX_MS - LATE_MIN_MS),
          seq: this.lateCount++,
          index: -1,
          event: shaped,
        });
      } else out.push(shaped);
      if (this.rng.chance(r.duplicate ?? 0)) {
        this.counts.duplicate++;
        out.push(shaped);
      }
    }
    return out.length > 0 ? this.inner.publish(out) : undefined;
  }

  /** Delivers what is still held back or late (end of a run), the late ones in the order they fall due. */
  flush(): Promise<void> | void {
    const out = this.held.map((h) => h.event);
    this.held = [];
    this.releaseLate(out, Number.POSITIVE_INFINITY);
    return out.length > 0 ? this.inner.publish(out) : undefined;
  }

  /** Late events due by `nowMs`, in the order they fall due. */
  private releaseLate(out: ContactEventEnvelope[], nowMs: number): void {
    for (let next = this.late.peek(); next !== undefined && next.at <= nowMs; next = this.late.peek()) {
      this.late.pop();
      out.push(next.event);
    }
  }

  private release(out: ContactEventEnvelope[]): void {
    if (this.held.length === 0) return;
    const keep: typeof this.held = [];
    for (const h of this.held) {
      if (--h.releaseAfter <= 0) out.push(h.event);
      else keep.push(h);
    }
    this.held = keep;
  }

  private reshape(e: ContactEventEnvelope): ContactEventEnvelope {
    const r = this.rates;
    let detail: Record<string, unknown> = e.detail as unknown as Record<string, unknown>;
    if (e.detail.channel === 'VOICE' && this.rng.chance(r.voiceCasing ?? 0)) {
      this.counts.voiceCasing++;
      detail = { ...detail, channel: 'Voice' };
    }
    if (this.rng.chance(r.placeholderTimestamps ?? 0)) {
      const placed = withPlaceholders(detail);
      if (placed !== detail) this.counts.placeholderTimestamps++;
      detail = placed;
    }
    if (this.rng.chance(r.pascalCase ?? 0)) {
      this.counts.pascalCase++;
      detail = pascalDetail(detail);
    }
    let time = e.time;
    if (this.rng.chance(r.skew ?? 0)) {
      this.counts.skew++;
      time = this.skewed(time);
    }
    if (detail === (e.detail as unknown) && time === e.time) return e;
    return { ...e, time, detail } as unknown as ContactEventEnvelope;
  }

  /** `time` moved 1 to {@link SKEW_MAX_SECONDS} seconds earlier or later, in the same whole-second form. */
  private skewed(time: string): string {
    const seconds = 1 + this.rng.int(SKEW_MAX_SECONDS);
    const ms = Date.parse(time) + (this.rng.chance(0.5) ? seconds : -seconds) * 1000;
    return `${new Date(ms).toISOString().slice(0, 19)}Z`;
  }
}

/** The detail with placeholders for the times not reached yet; the detail itself when there are none. */
function withPlaceholders(d: Record<string, unknown>): Record<string, unknown> {
  const agent = d.agentInfo as Record<string, unknown> | undefined;
  const agentWaits = agent !== undefined && agent.connectedToAgentTimestamp === undefined;
  if (d.connectedToSystemTimestamp !== undefined && !agentWaits) return d;
  const out = { ...d };
  out.connectedToSystemTimestamp ??= PLACEHOLDER_TIMESTAMP;
  if (agentWaits) out.agentInfo = { ...agent, connectedToAgentTimestamp: PLACEHOLDER_TIMESTAMP };
  return out;
}

/**
 * The detail with PascalCase keys, as the seed's routing-criteria samples have it: `tags` keeps its key
 * (the samples' only lowercase one) and, like segment attributes, the keys inside; `RoutingCriteria` is a
 * list of the criteria, as those samples send it.
 */
function pascalDetail(detail: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(detail)) {
    if (k === 'tags') out.tags = v;
    else if (k === 'segmentAttributes') out.SegmentAttributes = v;
    else if (k === 'routingCriteria') out.RoutingCriteria = [pascal(v)];
    else out[upperFirst(k)] = pascal(v);
  }
  return out;
}

function pascal(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => pascal(v));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[upperFirst(k)] = pascal(v);
  return out;
}

function upperFirst(key: string): string {
  return key.charAt(0).toUpperCase() + key.slice(1);
}
