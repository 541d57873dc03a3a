import { randomFillSync } from 'node:crypto';
import { writeHex16 } from '../ids/hex.js';

const POOL_SIZE = 4096;
const DASH = 45;

/**
 * UUID version 7 ids (RFC 9562): a millisecond timestamp, then random bits. Ids the bus assigns are
 * time-ordered, so the log's de-duplication index grows at its end instead of touching a random page per
 * event, which keeps each group commit small. Owns a pool of random bytes refilled in bulk.
 */
export class EventIdGenerator {
  private readonly pool = Buffer.alloc(POOL_SIZE);
  private offset = POOL_SIZE;
  /** The id's text is written here, then read out as one flat string: no intermediate strings. */
  private readonly text = Buffer.alloc(36);

  constructor(private readonly now: () => number = Date.now) {}

  next(): string {
    if (this.offset + 10 > POOL_SIZE) {
      randomFillSync(this.pool);
      this.offset = 0;
    }
    const r = this.pool;
    const o = this.offset;
    this.offset += 10;
    const ms = this.now();
    const low = ms >>> 0;
    const t = this.text;
    writeHex16(t, 0, Math.floor(ms / 0x1_0000_0000) & 0xffff);
    writeHex16(t, 4, low >>> 16);
    t[8] = DASH;
    writeHex16(t, 9, low & 0xffff);
    t[13] = DASH;
    writeHex16(t, 14, ((0x70 | (r[o] & 0x0f)) << 8) | r[o + 1]);
    t[18] = DASH;
    writeHex16(t, 19, ((0x80 | (r[o + 2] & 0x3f)) << 8) | r[o + 3]);
    t[23] = DASH;
    writeHex16(t, 24, (r[o + 4] << 8) | r[o + 5]);
    writeHex16(t, 28, (r[o + 6] << 8) | r[o + 7]);
    writeHex16(t, 32, (r[o + 8] << 8) | r[o + 9]);
    return t.toString('latin1');
  }
}
