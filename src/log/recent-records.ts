import type { LogRecord } from './event-log.js';

/**
 * The latest durable records, kept in memory in position order so that consumers following the head of
 * the log (the router, a delivery reading back an event) read them without a query. Bounded: the oldest
 * records drop out as new ones arrive, and reads before the window go to the database.
 *
 * A record's event object (`LogRecord.event`) is handed out once, with the first `read` that returns
 * the record (the router's, which follows the head), and then let go: the window keeps the texts alone.
 * Objects the window held for seconds would outlive the collector's young generation and be copied and
 * promoted at every scavenge, which made the pauses that set the tail of delivery latency.
 */
export class RecentRecords {
  private records: LogRecord[] = [];
  /** The event objects not yet handed out, at the index of their record. */
  private events: Array<object | undefined> = [];
  private start = 0;

  constructor(private readonly capacity: number) {}

  /**
   * Adds records newer than every record held (without their event objects), with the event objects at
   * the same indexes in `events`.
   */
  add(records: readonly LogRecord[], events: ReadonlyArray<object | undefined> = []): void {
    for (let i = 0; i < records.length; i++) {
      this.records.push(records[i]);
      this.events.push(events[i]);
    }
    const held = this.records.length - this.start;
    if (held > this.capacity) {
      const dropped = held - this.capacity;
      this.events.fill(undefined, this.start, this.start + dropped);
      this.start += dropped;
    }
    // Compact now and then rather than shifting on every add.
    if (this.start > this.capacity) {
      this.records = this.records.slice(this.start);
      this.events = this.events.slice(this.start);
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
    const out = this.records.slice(from, from + limit);
    for (let i = 0; i < out.length; i++) {
      const event = this.events[from + i];
      if (event === undefined) continue;
      out[i] = { ...out[i], event };
      this.events[from + i] = undefined;
    }
    return out;
  }

  /** The record at `position` when held. */
  get(position: number): LogRecord | undefined {
    const i = this.firstAfter(position - 1);
    const r = this.records[i];
    return r?.position === position ? r : undefined;
  }

  clear(): void {
    this.records = [];
    this.events = [];
    this.start = 0;
  }
}
