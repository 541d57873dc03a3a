import type { Predicate } from './predicate.js';

/** Rough share of events a predicate of each access rank lets through, before value selectivity. */
const RANK_SHARE = [1, 1, 0.5, 1];

/**
 * Picks the predicate through which the index finds a conjunction: the one expected to bring the fewest
 * candidates, estimated as (conjunctions sharing the predicate) x (share of events it lets through). For
 * value lookups the share is taken as one over the number of distinct tests on the same path: a field
 * with thousands of tested values (a queue ARN) is selective, one with four (a channel) is not. Ties go
 * to the deeper path. Null when every predicate can hold on an absent field: such a conjunction is
 * checked on every event.
 */
export function chooseAccess(predicates: readonly Predicate[]): Predicate | null {
  let best: Predicate | null = null;
  let bestCost = Number.POSITIVE_INFINITY;
  for (const p of predicates) {
    if (p.accessRank === Number.POSITIVE_INFINITY) continue;
    const cost = accessCost(p);
    if (best === null || cost < bestCost || (cost === bestCost && depth(p) > depth(best))) {
      best = p;
      bestCost = cost;
    }
  }
  return best;
}

function accessCost(p: Predicate): number {
  const share = p.accessRank <= 1 ? 1 / p.slot.predicates.size : RANK_SHARE[p.accessRank];
  return p.uses * share;
}

function depth(p: Predicate): number {
  const path = p.slot.path;
  let n = 0;
  for (let i = 0; i < path.length; i++) if (path.charCodeAt(i) === 46) n++;
  return n;
}
