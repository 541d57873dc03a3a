import type { ContactEventEnvelope } from '../model/index.js';
import type { EventSink } from './engine.js';
import { Rng } from './rng.js';

/**
 * Best-effort delivery as the real service gives it, each a rate in [0, 1], all 0 by default: events
 * duplicated, held back and delivered after later ones, dropped, and the real-world variants of the form
 * (PascalCase keys, `"Voice"`, placeholder timestamps for what has not happened yet).
 */
export interface QuirkRates {
  duplicate?: number;
  reorder?: number;
  drop?: number;
  pascalCase?: number;
  voiceCasing?: number;
  placeholderTimestamps?: number;
}

export const PLACEHOLDER_TIMESTAMP = '1970-01-01T00:00:00.001Z';

/** Whether any rate is set. */
export function hasQuirks(rates: QuirkRates | undefined): rates is QuirkRates {
  return rates !== undefined && Object.values(rates).some((r) => typeof r === 'number' && r > 0);
}

/** Wraps a sink so that what reaches it is delivered the way the real service may deliver it. */
export class QuirkySink implements EventSink {
  private readonly rng: Rng;
  private held: { event: ContactEventEnvelope; releaseAfter: number }[] = [];

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
      if (this.rng.chance(r.drop ?? 0)) continue;
      const shaped = this.reshape(e);
      if (this.rng.chance(r.reorder ?? 0))
        this.held.push({ event: shaped, releaseAfter: 1 + this.rng.int(20) });
      else out.push(shaped);
      if (this.rng.chance(r.duplicate ?? 0)) out.push(shaped);
    }
    return out.length > 0 ? this.inner.publish(out) : undefined;
  }

  /** Delivers what is still held back (end of a run). */
  flush(): Promise<void> | void {
    const out = this.held.map((h) => h.event);
    this.held = [];
    return out.length > 0 ? this.inner.publish(out) : undefined;
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
    if (e.detail.channel === 'VOICE' && this.rng.chance(r.voiceCasing ?? 0))
      detail = { ...detail, channel: 'Voice' };
    if (this.rng.chance(r.placeholderTimestamps ?? 0)) detail = withPlaceholders(detail);
    if (this.rng.chance(r.pascalCase ?? 0)) detail = pascal(detail) as Record<string, unknown>;
    return detail === (e.detail as unknown) ? e : ({ ...e, detail } as unknown as ContactEventEnvelope);
  }
}

function withPlaceholders(d: Record<string, unknown>): Record<string, unknown> {
  const out = { ...d };
  out.connectedToSystemTimestamp ??= PLACEHOLDER_TIMESTAMP;
  const agent = d.agentInfo as Record<string, unknown> | undefined;
  if (agent && agent.connectedToAgentTimestamp === undefined) {
    out.agentInfo = { ...agent, connectedToAgentTimestamp: PLACEHOLDER_TIMESTAMP };
  }
  return out;
}

/** PascalCase keys, as the seed's routing-criteria samples; tag and attribute keys are left as they are. */
function pascal(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => pascal(v));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const free = k === 'tags' || k === 'segmentAttributes';
    const key = k.charAt(0).toUpperCase() + k.slice(1);
    out[key] = free ? v : pascal(v);
  }
  return out;
}
