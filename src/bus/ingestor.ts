import type { EventLog, LogEntry } from '../log/index.js';
import type { BusIdentity } from './arns.js';
import { type Built, envelopeFromEntry, envelopeFromIngest, eventTime } from './envelope.js';
import { prepareEvent } from './event-preparation.js';

/** One entry's outcome, in PutEvents' shape. */
export interface EntryResult {
  EventId?: string;
  ErrorCode?: string;
  ErrorMessage?: string;
}

export interface IngestResult {
  FailedEntryCount: number;
  Entries: EntryResult[];
}

/**
 * Turns PutEvents entries, /ingest bodies and in-process events into log entries: builds the envelope,
 * validates contact events, appends what is valid in one batch and answers once it is durable.
 */
export class Ingestor {
  constructor(
    private readonly log: EventLog,
    private readonly identity: BusIdentity,
    private readonly now: () => number,
    private readonly newId: () => string,
  ) {}

  putEvents(entries: readonly unknown[]): Promise<IngestResult> {
    const now = this.now();
    const nowText = eventTime(now);
    return this.store(
      entries.map((e) => envelopeFromEntry(e, this.identity, now, this.newId, nowText)),
      now,
    );
  }

  /**
   * Events posted to /ingest or published in-process: whole envelopes, ids kept. `received[i]`, when
   * given, is the text event i arrived as, kept as its raw form. `owned`: the objects are this call's
   * to keep (parsed from a request), so the log may hold on to them for the router; objects a caller
   * may reuse or change afterwards are not (the text stored is taken at once either way).
   */
  ingest(
    events: readonly unknown[],
    received: readonly (string | undefined)[] = [],
    owned = true,
  ): Promise<IngestResult> {
    const now = this.now();
    return this.store(
      events.map((e) => envelopeFromIngest(e, this.identity, now, this.newId)),
      now,
      received,
      owned,
    );
  }

  private async store(
    built: readonly Built[],
    now: number,
    received: readonly (string | undefined)[] = [],
    owned = true,
  ): Promise<IngestResult> {
    const results: EntryResult[] = new Array(built.length);
    const entries: LogEntry[] = [];
    const slots: number[] = [];
    built.forEach((b, index) => {
      if (!b.ok) {
        results[index] = { ErrorCode: b.errorCode, ErrorMessage: b.errorMessage };
        return;
      }
      const prepared = prepareEvent(b.envelope, received[index]);
      if (!prepared.ok) {
        results[index] = { ErrorCode: prepared.errorCode, ErrorMessage: prepared.errorMessage };
        return;
      }
      const { id, source, raw, canonical, event } = prepared.event;
      entries.push({ id, source, raw, canonical, ingestedAt: now, event: owned ? event : undefined });
      slots.push(index);
    });
    if (entries.length > 0) {
      try {
        await this.log.append(entries);
        slots.forEach((slot, i) => {
          results[slot] = { EventId: entries[i].id };
        });
      } catch {
        for (const slot of slots)
          results[slot] = { ErrorCode: 'InternalFailure', ErrorMessage: 'Internal failure.' };
      }
    }
    return { FailedEntryCount: results.filter((r) => r.ErrorCode).length, Entries: results };
  }
}
