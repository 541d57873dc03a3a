import { once } from 'node:events';
import { closeSync, openSync, writev } from 'node:fs';
import type { ContactEventEnvelope } from '../model/index.js';
import type { EventSink } from './engine.js';

/** Bytes gathered before one write: few, large writes keep the per-write cost negligible. */
const WRITE_BYTES = 64 * 1024;
const NEWLINE = 10;
/** Bytes handed to the file and not written yet beyond which {@link NdjsonSink.publish} waits. */
const QUEUED_LIMIT = 16 * 1024 * 1024;
/** Buffers in one `writev` call, well under the system's limit (IOV_MAX, 1024 on Linux). */
const BUFFERS_PER_WRITE = 256;

/**
 * Writes events as NDJSON (one event per line) to a file or a stream. Event objects are encoded straight
 * into a buffer, handed over once it holds 64 KB; NDJSON the engine wrote itself ({@link publishNdjson})
 * goes out as it comes. A file is written by libuv's threads, one write after another, so that the run
 * makes its next lines while the disk takes the last ones (a day's file outgrows the page cache, and
 * the kernel then holds each write until the disk catches up); a stream is waited for when it is full.
 */
export class NdjsonSink implements EventSink {
  private readonly stream: NodeJS.WritableStream | undefined;
  private fd: number | undefined;
  private buffer = Buffer.allocUnsafe(2 * WRITE_BYTES);
  private used = 0;
  private full = false;
  /** The file's writes in order: each starts once the one before it has ended; rejects after a failure. */
  private writing: Promise<void> = Promise.resolve();
  /** Bytes handed to the file's writes and not written yet. */
  private queued = 0;
  /** Bytes handed over so far (UTF-8): for a file, all of them written once {@link close} has resolved. */
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
   * gets them written before the promise settles, a stream gets copies.
   */
  publishNdjson(chunks: Buffer[]): Promise<void> | void {
    this.flush();
    if (this.fd !== undefined) return this.writeFile(chunks);
    for (const chunk of chunks) this.toStream(Buffer.from(chunk));
    return this.drained();
  }

  /** Appends text to the buffer; the buffer is handed over once it holds {@link WRITE_BYTES}. */
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

  /** Hands the filled part over; the file or the stream owns it from then on, so a fresh buffer follows. */
  private flush(): void {
    if (this.used === 0) return;
    const chunk = this.buffer.subarray(0, this.used);
    this.used = 0;
    this.buffer = Buffer.allocUnsafe(Math.max(this.buffer.length, 2 * WRITE_BYTES));
    if (this.fd !== undefined) this.writeFile([chunk]).catch(() => undefined);
    else this.toStream(chunk);
  }

  /**
   * Queues the chunks' writes after those queued before; the promise settles once they are written. A
   * failed write fails every later one, and the sink's next wait ({@link drained}, {@link close}) with it.
   */
  private writeFile(chunks: Buffer[]): Promise<void> {
    const fd = this.fd as number;
    let size = 0;
    for (const chunk of chunks) size += chunk.length;
    this.bytes += size;
    this.queued += size;
    const written = this.writing.then(() => writeAll(fd, chunks));
    this.writing = written.finally(() => {
      this.queued -= size;
    });
    // The failure is the sink's next wait's to report; until then it is not an unhandled one.
    this.writing.catch(() => undefined);
    return written;
  }

  private toStream(chunk: Buffer): void {
    this.bytes += chunk.length;
    if (this.stream && !this.stream.write(chunk)) this.full = true;
  }

  /** Waits for a full stream to drain, or for a file's writes to catch up with what was handed over. */
  private drained(): Promise<void> | undefined {
    if (this.fd !== undefined) return this.queued > QUEUED_LIMIT ? this.writing : undefined;
    if (!this.full || !this.stream) return undefined;
    this.full = false;
    return once(this.stream, 'drain').then(() => undefined);
  }

  /** Ends the file once everything handed over is written (a stream given by the caller is left open). */
  async close(): Promise<void> {
    this.flush();
    const fd = this.fd;
    if (fd === undefined) return;
    this.fd = undefined;
    try {
      await this.writing;
    } finally {
      closeSync(fd);
    }
  }
}

/** Writes the buffers at the file's position, whole: a write may take fewer bytes than it was given. */
async function writeAll(fd: number, buffers: Buffer[]): Promise<void> {
  let rest = buffers;
  while (rest.length > 0) {
    const group = rest.length > BUFFERS_PER_WRITE ? rest.slice(0, BUFFERS_PER_WRITE) : rest;
    let done = await writevOnce(fd, group);
    rest = rest.slice(group.length);
    // What the write did not take goes first in the next one.
    const left: Buffer[] = [];
    for (const b of group) {
      if (done >= b.length) done -= b.length;
      else {
        left.push(done > 0 ? b.subarray(done) : b);
        done = 0;
      }
    }
    if (left.length > 0) rest = [...left, ...rest];
  }
}

function writevOnce(fd: number, buffers: Buffer[]): Promise<number> {
  return new Promise((resolve, reject) => {
    writev(fd, buffers, (error, bytesWritten) => (error ? reject(error) : resolve(bytesWritten)));
  });
}
