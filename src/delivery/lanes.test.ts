import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Lane } from './lanes.js';

/** A holder of the lane as a target worker is one: it starts an attempt when it can, else it waits. */
class Holder {
  held = 0;
  waiting = false;
  constructor(
    readonly name: number,
    private readonly lane: Lane,
    private readonly log: number[],
  ) {}
  /** Tries to start one attempt. */
  start(): boolean {
    if (this.lane.take(this.held)) {
      this.held++;
      return true;
    }
    this.waiting = true;
    this.lane.wait(this);
    return false;
  }
  finish(): void {
    this.held--;
    this.lane.release();
  }
  /** Resumed: a slot is free, and the holder takes it at once. */
  resume(): void {
    this.waiting = false;
    this.log.push(this.name);
    this.start();
  }
}

describe('Lane', () => {
  it('gives a slot to a holder with nothing in flight even when full, and refuses one that has some', () => {
    const lane = new Lane(2);
    expect(lane.take(0)).toBe(true);
    expect(lane.take(1)).toBe(true);
    expect(lane.take(2)).toBe(false);
    expect(lane.take(0)).toBe(true);
    expect(lane.active()).toBe(3);
  });

  it('resumes waiting holders in the order they asked, once each, while slots are free', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        // Starts twice as often as finishes, so that the lane is full and several holders wait.
        fc.array(
          fc.record({
            holder: fc.integer({ min: 0, max: 5 }),
            start: fc.oneof(fc.constant(true), fc.boolean()),
          }),
          { maxLength: 200 },
        ),
        (capacity, steps) => {
          const lane = new Lane(capacity);
          const log: number[] = [];
          const holders = Array.from({ length: 6 }, (_, i) => new Holder(i, lane, log));
          const queue: number[] = [];
          for (const { holder, start } of steps) {
            const h = holders[holder];
            if (start) {
              if (h.waiting) continue;
              const full = lane.active() >= capacity;
              const heldBefore = h.held;
              const took = h.start();
              // Refused only when the lane is full and the holder already has something in flight.
              expect(took).toBe(!full || heldBefore === 0);
              if (!took) queue.push(holder);
            } else {
              // A finish ends an attempt of some holder that has one.
              const busy = holders.filter((x) => x.held > 0);
              if (busy.length === 0) continue;
              const f = busy[holder % busy.length];
              const before = log.length;
              const freesOne = lane.active() - 1 < capacity;
              f.finish();
              // A slot that frees goes to the holder that asked first, which takes it.
              const next = freesOne ? queue.splice(0, 1) : [];
              expect(log.slice(before)).toEqual(next);
            }
            // Holders wait only while the lane is full.
            if (queue.length > 0) expect(lane.active()).toBeGreaterThanOrEqual(capacity);
            expect(lane.active()).toBe(holders.reduce((n, x) => n + x.held, 0));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
