/**
 * An entry of {@link TimerHeap}. `index` is the heap's handle for it while queued and -1 once fired or
 * removed; `at` and `seq` must not change while the entry is queued.
 */
export interface HeapEntry {
  at: number;
  seq: number;
  index: number;
}

const INITIAL = 1024;

/**
 * A binary min-heap ordered by (at, seq) that can also remove any entry in O(log n). Removal matters:
 * long timers (task expiry, patience) are cancelled far more often than they fire, and leaving them in
 * the heap would make memory grow with the day instead of with the contacts in progress.
 *
 * Sifting touches flat arrays only: each queued entry has a slot (its `index`), the heap orders slots,
 * and the keys sit beside them, so a pop or a removal reads no scattered entry object on its way.
 */
export class TimerHeap<T extends HeapEntry> {
  /** Heap position -> slot. */
  private order: Int32Array = new Int32Array(INITIAL);
  /** Heap position -> (at, seq) of the entry there. */
  private ats = new Float64Array(INITIAL);
  private seqs = new Float64Array(INITIAL);
  /** Slot -> heap position. */
  private where: Int32Array = new Int32Array(INITIAL);
  /** Slot -> entry. */
  private entries: (T | undefined)[] = [];
  private freeSlots: number[] = [];
  private slots = 0;
  private n = 0;

  get size(): number {
    return this.n;
  }

  peek(): T | undefined {
    return this.n > 0 ? this.entries[this.order[0]] : undefined;
  }

  push(entry: T): void {
    if (this.n === this.order.length) this.growHeap();
    let slot = this.freeSlots.pop();
    if (slot === undefined) {
      slot = this.slots++;
      if (slot === this.where.length) this.where = grownInt32(this.where);
    }
    this.entries[slot] = entry;
    entry.index = slot;
    const i = this.n++;
    this.order[i] = slot;
    this.ats[i] = entry.at;
    this.seqs[i] = entry.seq;
    this.up(i);
  }

  pop(): T | undefined {
    if (this.n === 0) return undefined;
    const top = this.entries[this.order[0]];
    this.removeAt(0);
    return top;
  }

  remove(entry: T): boolean {
    const slot = entry.index;
    if (slot < 0 || slot >= this.slots || this.entries[slot] !== entry) return false;
    this.removeAt(this.where[slot]);
    return true;
  }

  private growHeap(): void {
    this.order = grownInt32(this.order);
    const ats = new Float64Array(this.ats.length * 2);
    ats.set(this.ats);
    this.ats = ats;
    const seqs = new Float64Array(this.seqs.length * 2);
    seqs.set(this.seqs);
    this.seqs = seqs;
  }

  private removeAt(i: number): void {
    const slot = this.order[i];
    const removed = this.entries[slot] as T;
    removed.index = -1;
    this.entries[slot] = undefined;
    this.freeSlots.push(slot);
    const last = --this.n;
    if (i < last) {
      const moved = this.order[last];
      this.order[i] = moved;
      this.ats[i] = this.ats[last];
      this.seqs[i] = this.seqs[last];
      this.where[moved] = i;
      this.up(this.down(i));
    }
  }

  /** Moves the entry at `i` up to its place. */
  private up(i: number): void {
    const { order, ats, seqs, where } = this;
    const slot = order[i];
    const at = ats[i];
    const seq = seqs[i];
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pa = ats[p];
      if (!(at < pa || (at === pa && seq < seqs[p]))) break;
      const ps = order[p];
      order[i] = ps;
      ats[i] = pa;
      seqs[i] = seqs[p];
      where[ps] = i;
      i = p;
    }
    order[i] = slot;
    ats[i] = at;
    seqs[i] = seq;
    where[slot] = i;
  }

  /** Moves the entry at `i` down to its place; returns where it ended. */
  private down(i: number): number {
    const { order, ats, seqs, where } = this;
    const n = this.n;
    const slot = order[i];
    const at = ats[i];
    const seq = seqs[i];
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      const r = c + 1;
      if (r < n && (ats[r] < ats[c] || (ats[r] === ats[c] && seqs[r] < seqs[c]))) c = r;
      const ca = ats[c];
      if (!(ca < at || (ca === at && seqs[c] < seq))) break;
      const cs = order[c];
      order[i] = cs;
      ats[i] = ca;
      seqs[i] = seqs[c];
      where[cs] = i;
      i = c;
    }
    order[i] = slot;
    ats[i] = at;
    seqs[i] = seq;
    where[slot] = i;
    return i;
  }
}

function grownInt32(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}
