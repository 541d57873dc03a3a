import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import type { ContactEventEnvelope } from '../model/index.js';
import type { EventSink } from './engine.js';

/** Bytes gathered before one write to the stream: few, large writes keep the per-write cost negligible. */
const WRITE_BYTES = 64 * 1024;
const NEWLINE = 10;

/**
 * Writes events as NDJSON (one event per line) to a file or a stream, waiting when the stream is full.
 * Each line is encoded straight into a buffer, written once it holds 64 KB: no text of the whole batch
 * is built, and the stream sees few, large writes.
 */
export class NdjsonSink implements EventSink {
  private readonly stream: NodeJS.WritableStream;
  private readonly owned: boolean;
  private buffer = Buffer.allocUnsafe(2 * WRITE_BYTES);
  private used = 0;
  private full = false;
  /** Bytes written so far (UTF-8). */
  bytes = 0;

  constructor(target: string | NodeJS.WritableStream) {
    this.owned = typeof target === 'string';
    this.stream = typeof target === 'string' ? createWriteStream(target) : target;
  }

  publish(events: ContactEventEnvelope[]): Promise<void> | void {
    if (events.length === 0) return;
    for (const e of events) {
      this.put(JSON.stringify(e));
      this.buffer[this.used++] = NEWLINE;
    }
    this.flush();
    if (this.full) {
      this.full = false;
      return once(this.stream, 'drain').then(() => undefined);
    }
  }

  /** Appends text to the buffer; the buffer goes to the stream once it holds {@link WRITE_BYTES}. */
  private put(text: string): void {
    // At most 3 UTF-8 bytes per UTF-16 unit (a surrogate pair takes 4 for 2 units).
    const worst = text.length * 3 + 1; // and room for the newline
    if (this.used + worst > this.buffer.length) {
      this.flush();
      if (worst >= this.buffer.length) this.buffer = Buffer.allocUnsafe(Math.max(worst, 2 * WRITE_BYTES));
    }
    this.used += this.buffer.write(text, this.used);
    if (this.used >= WRITE_BYTES) this.flush();
  }

  /** Hands the filled part to the stream; the stream owns it from then on, so a fresh buffer follows. */
  private flush(): void {
    if (this.used === 0) return;
    const chunk = this.buffer.subarray(0, this.used);
    this.bytes += this.used;
    this.buffer = Buffer.allocUnsafe(Math.max(this.buffer.length, 2 * WRITE_BYTES));
    this.used = 0;
    if (!this.stream.write(chunk)) this.full = true;
  }

  /** Ends the file (a stream given by the caller is left open). */
  async close(): Promise<void> {
    this.flush();
    if (!this.owned) return;
    const s = this.stream as WriteStream;
    s.end();
    await once(s, 'finish');
  }
}
