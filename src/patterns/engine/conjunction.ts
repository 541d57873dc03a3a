import type { Predicate } from './predicate.js';

/** The rule a conjunction belongs to; `epoch` marks the last event it matched, so it is reported once. */
export interface RuleEntry {
  readonly name: string;
  readonly conjunctions: Conjunction[];
  epoch: number;
}

/** One `$or`-free branch of a rule: all predicates must hold. */
export interface Conjunction {
  readonly rule: RuleEntry;
  readonly predicates: readonly Predicate[];
  /** The predicate through which the index finds this conjunction; null: checked on every event. */
  access: Predicate | null;
  /** A second predicate that must hold before the access hit makes this a candidate (`AccessGroups`). */
  gate: Predicate | null;
  /** The last event for which this conjunction became a candidate. */
  epoch: number;
}
