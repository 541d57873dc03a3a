// The target's record of which event arrived when, kept without allocating per event: ids as bytes in
// one growing buffer, times in a Float64Array, and an open-addressing table of first arrivals. A string
// and a map entry per event would survive the target's young-generation collections and lengthen their
// pauses, which the latency the target measures would then include.

/** Bytes kept of an id: the bus's event ids are UUIDs (36); a longer id is known by its first 64 bytes. */
const SLOT = 64;

/** FNV-1a of `bytes[from, to)`. */
function hashOf(bytes: Uint8Array, from: number, to: number): number {
  let hash = 0x811c9dc5;
  for (let i = from; i < to; i++) hash = Math.imul(hash ^ bytes[i], 0x01000193);
  return hash;
}

export class Receipts {
  private ids = Buffer.alloc(SLOT * 16_384);
  private lengths = new Uint8Array(16_384);
  private times = new Float64Array(16_384);
  /** Receipt index + 1 per bucket, 0 when empty; sized at least twice the receipts. */
  private table = new Int32Array(32_768);
  private count = 0;

  /** Distinct ids received. */
  get size(): number {
    return this.count;
  }

  /** Notes `bytes[from, to)` as an id received at `at`, unless it was received before. */
  add(bytes: Buffer, from: number, to: number, at: number): void {
    const length = Math.min(to - from, SLOT);
    const mask = this.table.length - 1;
    for (let b = hashOf(bytes, from, from + length) & mask; ; b = (b + 1) & mask) {
      const slot = this.table[b] - 1;
      if (slot < 0) {
        if (this.count * 2 >= this.table.length) {
          this.grow();
          this.add(bytes, from, to, at);
          return;
        }
        const n = this.count++;
        bytes.copy(this.ids, n * SLOT, from, from + length);
        this.lengths[n] = length;
        this.times[n] = at;
        this.table[b] = n + 1;
        return;
      }
      if (
        this.lengths[slot] === length &&
        this.ids.compare(bytes, from, from + length, slot * SLOT, slot * SLOT + length) === 0
      )
        return;
    }
  }

  /** Forgets every receipt. */
  clear(): void {
    this.count = 0;
    this.table.fill(0);
  }

  /** Every receipt as [id, time], first arrivals in order; the record is then empty. */
  take(): Array<[string, number]> {
    const out: Array<[string, number]> = new Array(this.count);
    for (let n = 0; n < this.count; n++)
      out[n] = [this.ids.toString('latin1', n * SLOT, n * SLOT + this.lengths[n]), this.times[n]];
    this.clear();
    return out;
  }

  private grow(): void {
    const capacity = this.lengths.length * 2;
    const ids = Buffer.alloc(SLOT * capacity);
    this.ids.copy(ids);
    this.ids = ids;
    const lengths = new Uint8Array(capacity);
    lengths.set(this.lengths);
    this.lengths = lengths;
    const times = new Float64Array(capacity);
    times.set(this.times);
    this.times = times;
    const entries = this.count;
    this.table = new Int32Array(capacity * 2);
    const mask = this.table.length - 1;
    for (let n = 0; n < entries; n++) {
      let b = hashOf(this.ids, n * SLOT, n * SLOT + this.lengths[n]) & mask;
      while (this.table[b] !== 0) b = (b + 1) & mask;
      this.table[b] = n + 1;
    }
  }
}
