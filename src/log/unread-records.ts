import type { LogRecord } from './event-log.js';

/**
 * The latest durable records not read yet, kept in memory in position order so that the consumer
 * following the head of the log (the router) reads them without a query. A record leaves at the first
 * read that returns it, with every older one; beyond `capacity` waiting records the oldest leave too.
 * Reads of anything else go to the database.
 *
 * Records, their texts and their event objects (`LogRecord.event`) thus live from their commit to the
 * router's read, a few milliseconds, and die in the collector's young generation. A window that kept the
 * latest thousands for seconds had them copied and promoted at every scavenge: the pauses that set the
 * tail of delivery latency.
 */
export class UnreadRecords {
  private records: LogRecord[] = [];
  private start = 0;
  /** The position of the newest record added: nothing after it exists yet. */
  private newest = 0;

  constructor(private readonly capacity: number) {}

  /** Adds records newer than every record held. */
  add(records: readonly LogRecord[]): void {
    for (const r of records) this.records.push(r);
    if (records.length > 0) this.newest = records[records.length - 1].position;
    const held = this.records.length - this.start;
    if (held > this.capacity) this.leave(this.start + held - this.capacity);
  }

  /** Index of the first held record with position > `after`. */
  private firstAfter(after: number): number {
    let lo = this.start;
    let hi = this.records.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.records[mid].position <= after) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * Up to `limit` records after `after`, which then leave with every older one; undefined when the
   * window does not cover `after` (older records may exist that it no longer holds).
   */
  read(after: number, limit: number): LogRecord[] | undefined {
    if (after >= this.newest && this.newest > 0) return [];
    if (this.start === this.records.length) return undefined;
    if (after < this.records[this.start].position - 1) return undefined;
    const from = this.firstAfter(after);
    const out = this.records.slice(from, from + limit);
    this.leave(from + out.length);
    return out;
  }

  /** The record at `position` while it waits for its first read. */
  get(position: number): LogRecord | undefined {
    const i = this.firstAfter(position - 1);
    const r = this.records[i];
    return r?.position === position ? r : undefined;
  }

  /** Forgets every record, and what it knew of the newest (after a writer was lost). */
  clear(): void {
    this.forgetRecords();
    this.newest = 0;
  }

  private forgetRecords(): void {
    this.records = [];
    this.start = 0;
  }

  /** Lets go of the records before index `end`; the array is compacted now and then, not at each call. */
  private leave(end: number): void {
    this.records.fill(undefined as unknown as LogRecord, this.start, end);
    this.start = end;
    if (this.start === this.records.length) this.forgetRecords();
    else if (this.start > 1024 && this.start * 2 > this.records.length) {
      this.records = this.records.slice(this.start);
      this.start = 0;
    }
  }
}
