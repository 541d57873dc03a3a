/** A worker waiting for a lane's slot: called back when one frees. */
export interface LaneWaiter {
  resume(): void;
}

/**
 * The attempts in flight of every target that shares a lane (an HTTP origin, whose pooled connections
 * they all use). Up to `capacity` at once: beyond the connections, more requests only wait in the HTTP
 * client's queue, where each costs more to carry than to keep as an outbox item. With 100 targets on one
 * origin and 16 attempts each, the client's CPU per request doubled (BENCHMARKS.md).
 *
 * A holder with nothing in flight always gets a slot, so that no target waits for the attempts of
 * others: a hanging target can slow its lane, never stop another target in it. Freed slots go to
 * waiting holders in the order they asked.
 */
export class Lane {
  private inFlight = 0;
  private readonly waiting: LaneWaiter[] = [];
  private head = 0;
  private readonly queued = new Set<LaneWaiter>();

  constructor(readonly capacity: number) {}

  /** Takes a slot for a holder that has `held` attempts in flight in this lane; false: wait for one. */
  take(held: number): boolean {
    if (held > 0 && this.inFlight >= this.capacity) return false;
    this.inFlight++;
    return true;
  }

  /** Asks to be resumed when a slot frees; asking again while queued changes nothing. */
  wait(waiter: LaneWaiter): void {
    if (this.queued.has(waiter)) return;
    this.queued.add(waiter);
    this.waiting.push(waiter);
  }

  /** Gives a slot back and resumes waiting holders while slots are free. */
  release(): void {
    this.inFlight--;
    while (this.inFlight < this.capacity && this.head < this.waiting.length) {
      const waiter = this.waiting[this.head++];
      this.queued.delete(waiter);
      if (this.head > 256 && this.head * 2 > this.waiting.length) {
        this.waiting.splice(0, this.head);
        this.head = 0;
      }
      waiter.resume();
    }
  }

  /** Attempts in flight now. */
  active(): number {
    return this.inFlight;
  }
}

/** The lanes of one delivery engine, made on first use. */
export class Lanes {
  private readonly lanes = new Map<string, Lane>();

  constructor(private readonly capacity: number) {}

  get(key: string): Lane {
    let lane = this.lanes.get(key);
    if (!lane) {
      lane = new Lane(this.capacity);
      this.lanes.set(key, lane);
    }
    return lane;
  }
}
