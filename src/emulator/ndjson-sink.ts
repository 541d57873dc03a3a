import { once } from 'node:events';
import { closeSync, openSync, writeSync } from 'node:fs';
import type { ContactEventEnvelope } from '../model/index.js';
import type { EventSink } from './engine.js';

/** Bytes gathered before one write: few, large writes keep the per-write cost negligible. */
const WRITE_BYTES = 64 * 1024;
const NEWLINE = 10;

/**
 * Writes events as NDJSON (one event per line) to a file or a stream. Event objects are encoded straight
 * into a buffer, written once it holds 64 KB; NDJSON the engine wrote itself ({@link publishNdjson}) goes
 * out as it comes. A file is written synchronously (a run at max speed has nothing else to do meanwhile,
 * and the engine then reuses its chunks at once); a stream is waited for when it is full.
 */
export class NdjsonSink implements EventSink {
  private readonly stream: NodeJS.WritableStream | undefined;
  private fd: number | undefined;
  private buffer = Buffer.allocUnsafe(2 * WRITE_BYTES);
  private used = 0;
  private full = false;
  /** Bytes written so far (UTF-8). */
  bytes = 0;

  constructor(target: string | NodeJS.WritableStream) {
    if (typeof target === 'string') this.fd = openSync(target, 'w');
    else this.stream = target;
  }

  publish(events: ContactEventEnvelope[]): Promise<void> | void {
    if (events.length === 0) return;
    for (const e of events) {
      this.put(JSON.stringify(e));
      this.buffer[this.used++] = NEWLINE;
    }
    this.flush();
    return this.drained();
  }

  /**
   * NDJSON already encoded by the engine (see {@link EventSink.publishNdjson}). The chunks are lent: a file
   * gets them written before this returns, a stream gets copies.
   */
  publishNdjson(chunks: Buffer[]): Promise<void> | void {
    this.flush();
    for (const chunk of chunks) this.write(chunk, true);
    return this.drained();
  }

  /** Appends text to the buffer; the buffer is written once it holds {@link WRITE_BYTES}. */
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

  /** Writes the filled part; a stream owns it from then on, so a fresh buffer follows. */
  private flush(): void {
    if (this.used === 0) return;
    const chunk = this.buffer.subarray(0, this.used);
    this.used = 0;
    if (this.stream) this.buffer = Buffer.allocUnsafe(Math.max(this.buffer.length, 2 * WRITE_BYTES));
    this.write(chunk, false);
  }

  private write(chunk: Buffer, lent: boolean): void {
    this.bytes += chunk.length;
    if (this.fd !== undefined) {
      for (let done = 0; done < chunk.length; ) done += writeSync(this.fd, chunk, done);
    } else if (this.stream && !this.stream.write(lent ? Buffer.from(chunk) : chunk)) this.full = true;
  }

  /** Waits for a full stream to drain. */
  private drained(): Promise<void> | undefined {
    if (!this.full || !this.stream) return undefined;
    this.full = false;
    return once(this.stream, 'drain').then(() => undefined);
  }

  /** Ends the file (a stream given by the caller is left open). */
  async close(): Promise<void> {
    this.flush();
    if (this.fd === undefined) return;
    closeSync(this.fd);
    this.fd = undefined;
  }
}
