import { randomFillSync } from 'node:crypto';

const POOL_SIZE = 4096;

/**
 * UUID version 7 ids (RFC 9562): a millisecond timestamp, then random bits. Ids the bus assigns are
 * time-ordered, so the log's de-duplication index grows at its end instead of touching a random page per
 * event, which keeps each group commit small. Owns a pool of random bytes refilled in bulk.
 */
export class EventIdGenerator {
  private readonly pool = Buffer.alloc(POOL_SIZE);
  private offset = POOL_SIZE;

  constructor(private readonly now: () => number = Date.now) {}

  private random(n: number): Buffer {
    if (this.offset + n > POOL_SIZE) {
      randomFillSync(this.pool);
      this.offset = 0;
    }
    const bytes = this.pool.subarray(this.offset, this.offset + n);
    this.offset += n;
    return bytes;
  }

  next(): string {
    const bytes = Buffer.alloc(16);
    bytes.writeUIntBE(this.now(), 0, 6);
    this.random(10).copy(bytes, 6);
    bytes[6] = (bytes[6] & 0x0f) | 0x70;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = bytes.toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
}
