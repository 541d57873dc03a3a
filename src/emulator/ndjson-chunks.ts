import { writeHex16 } from '../ids/hex.js';

/** Bytes per chunk handed to a sink: few, large writes keep the per-write cost negligible. */
export const CHUNK_BYTES = 256 * 1024;

/** Room for a chunk and the piece that crosses its end. */
const BUFFER_BYTES = 2 * CHUNK_BYTES;
/** Spare buffers kept for reuse: enough for the chunks of two batches (one being written, one being made). */
const SPARE = 32;

/** A small copy is faster byte by byte than through `TypedArray.set`. */
const SMALL_COPY = 24;

const DASH = 45;
const QUOTE = 34;

/**
 * NDJSON written straight into UTF-8 chunks of about {@link CHUNK_BYTES}: pre-encoded fragments are copied
 * in, short ASCII text (ids, timestamps) is copied character by character, and no text of a line or a
 * batch is ever built as a string.
 */
export class NdjsonChunks {
  private buffer: Buffer = Buffer.allocUnsafe(BUFFER_BYTES);
  private used = 0;
  private sealCount = 0;
  private ready: Buffer[] = [];
  /** Buffers whose chunks were written and handed back, to fill again. */
  private readonly spare: Buffer[] = [];

  /** Appends encoded bytes. */
  bytes(b: Uint8Array): void {
    const n = b.length;
    if (this.used + n > this.buffer.length) this.seal(n);
    if (n <= SMALL_COPY) {
      const buf = this.buffer;
      let p = this.used;
      for (let i = 0; i < n; i++) buf[p++] = b[i];
      this.used = p;
    } else {
      this.buffer.set(b, this.used);
      this.used += n;
    }
  }

  /** Appends one byte (an ASCII character's code). */
  byte(code: number): void {
    if (this.used + 1 > this.buffer.length) this.seal(1);
    this.buffer[this.used++] = code;
  }

  /**
   * Appends again the text {@link ascii} wrote at `from` while {@link seals} was `seals`: a copy inside the
   * buffer when it is still there, else the text.
   */
  again(from: number, seals: number, text: string): void {
    const n = text.length;
    if (seals !== this.sealCount || this.used + n > this.buffer.length) {
      this.ascii(text);
      return;
    }
    this.buffer.copyWithin(this.used, from, from + n);
    this.used += n;
  }

  /** How many times a buffer was sealed: while it stays the same, positions {@link ascii} gave stay valid. */
  get seals(): number {
    return this.sealCount;
  }

  /** Appends text known to be ASCII (the emulator's own ids, timestamps, numbers); returns where it went. */
  ascii(text: string): number {
    const n = text.length;
    if (this.used + n > this.buffer.length) this.seal(n);
    const buf = this.buffer;
    const start = this.used;
    let p = start;
    for (let i = 0; i < n; i++) buf[p++] = text.charCodeAt(i);
    this.used = p;
    return start;
  }

  /** Appends text known to be ASCII, then the closing quote of the JSON string it ends. */
  quoted(text: string): void {
    const n = text.length;
    if (this.used + n + 1 > this.buffer.length) this.seal(n + 1);
    const buf = this.buffer;
    let p = this.used;
    for (let i = 0; i < n; i++) buf[p++] = text.charCodeAt(i);
    buf[p++] = QUOTE;
    this.used = p;
  }

  /** Appends a number as `JSON.stringify` writes it. */
  number(n: number): void {
    if (Number.isSafeInteger(n) && n >= 0) {
      if (this.used + 16 > this.buffer.length) this.seal(16);
      const buf = this.buffer;
      let digits = 1;
      for (let rest = n; rest >= 10; rest = Math.floor(rest / 10)) digits++;
      let p = this.used + digits;
      this.used = p;
      let rest = n;
      do {
        buf[--p] = 48 + (rest % 10);
        rest = Math.floor(rest / 10);
      } while (rest > 0);
    } else this.ascii(JSON.stringify(n));
  }

  /** Appends a UUID from its four words, formatted as `uuidFrom` formats them. */
  uuid(a: number, b: number, c: number, d: number): void {
    if (this.used + 36 > this.buffer.length) this.seal(36);
    const buf = this.buffer;
    let p = writeHex16(buf, this.used, a >>> 16);
    p = writeHex16(buf, p, a & 0xffff);
    buf[p++] = DASH;
    p = writeHex16(buf, p, b >>> 16);
    buf[p++] = DASH;
    p = writeHex16(buf, p, b & 0xffff);
    buf[p++] = DASH;
    p = writeHex16(buf, p, c >>> 16);
    buf[p++] = DASH;
    p = writeHex16(buf, p, c & 0xffff);
    p = writeHex16(buf, p, d >>> 16);
    this.used = writeHex16(buf, p, d & 0xffff);
  }

  /** Appends any text, encoded as UTF-8. */
  text(text: string): void {
    // At most 3 UTF-8 bytes per UTF-16 unit (a surrogate pair takes 4 for 2 units).
    const worst = text.length * 3;
    if (this.used + worst > this.buffer.length) this.seal(worst);
    this.used += this.buffer.write(text, this.used, 'utf8');
  }

  /** Ends a line: the chunk is sealed once it holds {@link CHUNK_BYTES}. */
  endLine(): void {
    if (this.used >= CHUNK_BYTES) this.seal(0);
  }

  /**
   * The chunks written so far, the last one partly filled. They stay the caller's until it hands them
   * back ({@link recycle}).
   */
  take(): Buffer[] {
    this.seal(0);
    const out = this.ready;
    this.ready = [];
    return out;
  }

  /**
   * Chunks from {@link take} that the caller is done with (written or copied): their memory is filled
   * again, so that a long run does not allocate a new buffer for every chunk it writes.
   */
  recycle(chunks: Buffer[]): void {
    for (const chunk of chunks) {
      const whole = chunk.buffer;
      if (this.spare.length >= SPARE) return;
      if (chunk.byteOffset !== 0 || whole.byteLength !== BUFFER_BYTES || whole === this.buffer.buffer)
        continue;
      if (this.spare.some((b) => b.buffer === whole)) continue;
      this.spare.push(Buffer.from(whole as ArrayBuffer, 0, BUFFER_BYTES));
    }
  }

  /** Moves the filled part to the ready list; a buffer with room for `next` bytes follows. */
  private seal(next: number): void {
    this.sealCount++;
    if (this.used > 0) {
      this.ready.push(this.buffer.subarray(0, this.used));
      this.buffer =
        next <= BUFFER_BYTES
          ? (this.spare.pop() ?? Buffer.allocUnsafe(BUFFER_BYTES))
          : Buffer.allocUnsafe(next);
      this.used = 0;
    } else if (next > this.buffer.length) this.buffer = Buffer.allocUnsafe(next);
  }
}
