import type { LogRecord } from './event-log.js';

/**
 * The latest durable records, kept in memory in position order so that consumers following the head of
 * the log (the router, a delivery reading back an event) read them without a query. Bounded: the oldest
 * records drop out as new ones arrive, and reads before the window go to the database.
 */
export class RecentRecords {
  private records: LogRecord[] = [];
  private start = 0;

  constructor(private readonly capacity: number) {}

  /** Adds records newer than every record held. */
  add(records: readonly LogRecord[]): void {
    for (const r of records) this.records.push(r);
    const held = this.records.length - this.start;
    if (held > this.capacity) this.start += held - this.capacity;
    // Compact now and then rather than shifting on every add.
    if (this.start > this.capacity) {
      this.records = this.records.slice(this.start);
      this.start = 0;
    }
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
   * Up to `limit` records after `after`, or undefined when the window does not cover `after` (older
   * records may exist that it no longer holds).
   */
  read(after: number, limit: number): LogRecord[] | undefined {
    if (this.start === this.records.length) return undefined;
    if (after < this.records[this.start].position - 1) return undefined;
    const from = this.firstAfter(after);
    return this.records.slice(from, from + limit);
  }

  /** The record at `position` when held. */
  get(position: number): LogRecord | undefined {
    const i = this.firstAfter(position - 1);
    const r = this.records[i];
    return r?.position === position ? r : undefined;
  }

  clear(): void {
    this.records = [];
    this.start = 0;
  }
}
