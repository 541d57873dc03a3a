import type { PathSlot } from './path-slot.js';

/**
 * The values of the event being matched, gathered into the slots of the paths some pattern names.
 * `epoch` numbers the events, so slots reset lazily instead of being cleared after every event.
 */
export class EventValues {
  epoch = 0;
  /** The slots that received values for the current event: the first `touchedCount` entries. */
  readonly touched: PathSlot[] = [];
  touchedCount = 0;

  start(): number {
    this.touchedCount = 0;
    return ++this.epoch;
  }

  #open(slot: PathSlot): void {
    if (slot.begin(this.epoch)) this.touched[this.touchedCount++] = slot;
    slot.count++;
  }

  string(slot: PathSlot, s: string): void {
    this.#open(slot);
    slot.strs[slot.nStrs++] = s;
  }

  number(slot: PathSlot, n: number): void {
    this.#open(slot);
    slot.nums[slot.nNums++] = n;
  }

  boolean(slot: PathSlot, b: boolean): void {
    this.#open(slot);
    if (b) slot.nTrue++;
    else slot.nFalse++;
  }

  /** A number written with more precision than its double holds: compared for equality only. */
  imprecise(slot: PathSlot, n: number): void {
    this.#open(slot);
    slot.imprecise[slot.nImprecise++] = n;
  }

  null(slot: PathSlot): void {
    this.#open(slot);
    slot.nNull++;
  }
}
