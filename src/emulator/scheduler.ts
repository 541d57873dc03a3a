import { type HeapEntry, TimerHeap } from './heap.js';

/** A scheduled callback on the virtual clock: `fn` called on `self` with `arg`. */
export interface Timer extends HeapEntry {
  fn: (arg: unknown) => void;
  self: unknown;
  arg: unknown;
}

/**
 * The virtual clock and its event scheduler. Time moves only from one scheduled moment to the next, so a
 * day of traffic runs as fast as the machine allows; pacing against the wall clock is the runner's job.
 */
export class Scheduler {
  private readonly heap = new TimerHeap<Timer>();
  private seq = 0;
  private current: number;

  constructor(startMs: number) {
    this.current = startMs;
  }

  /** Virtual milliseconds since the epoch. */
  now(): number {
    return this.current;
  }

  /** Timers waiting to fire. */
  get pending(): number {
    return this.heap.size;
  }

  /** The virtual time of the next timer, if any. */
  nextAt(): number | undefined {
    return this.heap.peek()?.at;
  }

  /** Runs `fn` at virtual time `at` (never in the past). */
  at(at: number, fn: () => void): Timer {
    return this.call(at, fn, undefined, undefined);
  }

  /** Runs `fn` after `ms` virtual milliseconds. */
  after(ms: number, fn: () => void): Timer {
    return this.call(this.current + Math.max(0, ms), fn, undefined, undefined);
  }

  /**
   * Runs `fn.call(self, arg)` at virtual time `at`: a method and its argument, so that the many timers of
   * a run need no closure each.
   */
  call<S, A>(at: number, fn: (this: S, arg: A) => void, self: S, arg: A): Timer {
    const timer: Timer = {
      at: Math.max(Math.round(at), this.current),
      seq: this.seq++,
      index: -1,
      fn: fn as (arg: unknown) => void,
      self,
      arg,
    };
    this.heap.push(timer);
    return timer;
  }

  /** {@link call} after `ms` virtual milliseconds. */
  callAfter<S, A>(ms: number, fn: (this: S, arg: A) => void, self: S, arg: A): Timer {
    return this.call(this.current + Math.max(0, ms), fn, self, arg);
  }

  cancel(timer: Timer | undefined): void {
    if (timer) this.heap.remove(timer);
  }

  /**
   * Fires due timers in order until virtual time `until` or until `maxSteps` timers have fired; returns
   * how many fired. The clock ends at `until` when nothing due is left.
   */
  runUntil(until: number, maxSteps = Number.POSITIVE_INFINITY): number {
    let steps = 0;
    for (;;) {
      const top = this.heap.peek();
      if (top === undefined || top.at > until) {
        if (until > this.current && Number.isFinite(until)) this.current = until;
        return steps;
      }
      if (steps >= maxSteps) return steps;
      this.heap.pop();
      this.current = top.at;
      top.fn.call(top.self, top.arg);
      steps++;
    }
  }
}
