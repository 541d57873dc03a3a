import { NumberNeeds } from './number-needs.js';
import type { Predicate } from './predicate.js';
import type { ValueIndex } from './value-index.js';

/**
 * The values one field path holds in the event being matched, plus the index of the tests on that path.
 * Values are reset lazily: a slot whose `epoch` is not the current event's holds nothing.
 */
export class PathSlot {
  readonly path: string;
  readonly index: ValueIndex;
  /** Whether any test here reads string / number values (otherwise only their presence counts). */
  needStrings = false;
  needNumbers = false;
  /** Whether a test orders numbers (a range other than `=`): then number precision matters. */
  needOrder = false;
  /** Whether a test compares numbers for equality (exact number, `=`, anything-but number). */
  needEquality = false;
  /** The numbers the tests here compare against, to avoid exact parsing far from all of them. */
  numberNeeds = new NumberNeeds([]);
  /** The predicates (of any rule) that test this path. */
  readonly predicates = new Set<Predicate>();

  epoch = 0;
  count = 0;
  /** The values, by kind: the first `nStrs` / `nNums` / `nImprecise` entries are current. */
  readonly strs: string[] = [];
  nStrs = 0;
  readonly nums: number[] = [];
  nNums = 0;
  /** Numbers written with more digits than a double holds (see `isExactNumberText`). */
  readonly imprecise: number[] = [];
  nImprecise = 0;
  nTrue = 0;
  nFalse = 0;
  nNull = 0;

  constructor(path: string, index: ValueIndex) {
    this.path = path;
    this.index = index;
  }

  /** Recomputes which value kinds the tests here read. */
  refreshNeeds(): void {
    this.needStrings = false;
    this.needNumbers = false;
    this.needOrder = false;
    this.needEquality = false;
    for (const p of this.predicates) {
      if (p.test.readsStrings) this.needStrings = true;
      if (p.test.readsNumbers) this.needNumbers = true;
      if (p.test.ordersNumbers) this.needOrder = true;
      if (p.test.equatesNumbers) this.needEquality = true;
    }
    this.numberNeeds = new NumberNeeds([...this.predicates].map((p) => p.test));
  }

  /** Empties the slot for event `epoch`; returns true the first time it is called for that event. */
  begin(epoch: number): boolean {
    if (this.epoch === epoch) return false;
    this.epoch = epoch;
    this.count = 0;
    this.nStrs = 0;
    this.nNums = 0;
    this.nTrue = 0;
    this.nFalse = 0;
    this.nNull = 0;
    this.nImprecise = 0;
    return true;
  }
}
