import type { Matcher } from '../ast.js';
import { AccessGroups } from './access-groups.js';
import type { PathSlot } from './path-slot.js';
import { PredicateTest } from './predicate-test.js';

/**
 * One field test (a path and its alternatives), shared by every rule that states it identically.
 * Its result is computed at most once per event (memoised by epoch).
 */
export class Predicate {
  readonly key: string;
  readonly slot: PathSlot;
  readonly matchers: readonly Matcher[];
  readonly test: PredicateTest;
  /** Conjunctions that are looked up through this predicate (it is their access predicate), by gate. */
  readonly access = new AccessGroups();
  /** Conjunctions (counted with repeats) that use this predicate at all. */
  uses = 0;
  firedEpoch = 0;
  /**
   * How cheaply and selectively the predicate can be looked up: 0 exact values, 1 prefix/suffix/case/
   * wildcard-with-literal, 2 any string or number, 3 any value; Infinity when an absent field satisfies
   * it (it cannot be looked up by value at all).
   */
  readonly accessRank: number;
  /**
   * Whether every alternative is an exact string or a case-sensitive prefix. Such a predicate holds
   * exactly when the value index finds one of its strings or prefixes among the event's values, which
   * marks it `seenEpoch`: deciding it costs a comparison instead of a test of every value.
   */
  readonly decidedByIndex: boolean;
  seenEpoch = 0;
  #memoEpoch = 0;
  #memo = false;

  constructor(key: string, slot: PathSlot, matchers: readonly Matcher[]) {
    this.key = key;
    this.slot = slot;
    this.matchers = matchers;
    this.test = new PredicateTest(matchers);
    let rank = 0;
    for (const m of matchers) rank = Math.max(rank, matcherRank(m));
    this.accessRank = rank;
    this.decidedByIndex =
      matchers.length > 0 &&
      matchers.every(
        (m) => (m.kind === 'exact' && typeof m.value === 'string') || (m.kind === 'prefix' && !m.ignoreCase),
      );
  }

  holds(epoch: number): boolean {
    if (this.decidedByIndex) return this.seenEpoch === epoch;
    if (this.#memoEpoch === epoch) return this.#memo;
    this.#memoEpoch = epoch;
    this.#memo = this.test.test(this.slot, this.slot.epoch === epoch);
    return this.#memo;
  }
}

function matcherRank(m: Matcher): number {
  switch (m.kind) {
    case 'exact':
      return 0;
    case 'prefix':
    case 'suffix':
    case 'equals-ignore-case':
      return 1;
    case 'wildcard':
      return m.value.startsWith('*') && m.value.endsWith('*') ? 2 : 1;
    case 'numeric':
    case 'cidr':
      return 2;
    case 'anything-but':
      return 3;
    case 'exists':
      return m.value ? 3 : Number.POSITIVE_INFINITY;
  }
}
