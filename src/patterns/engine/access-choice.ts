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

/** A gate is worth its check only if it is expected to hold on at most this share of the events. */
const MAX_GATE_SHARE = 0.5;

/**
 * Picks a conjunction's gate (see `AccessGroups`): among its predicates other than the access one, the
 * one expected to hold on the smallest share of events; among equals, one decided by the index (one
 * comparison). An exact-strings test's share is the part of the path's tested values it lists (one
 * event type among six); a prefix's, one over the number of tests on its path. Null when no predicate
 * is expected to filter out at least half the events.
 */
export function chooseGate(predicates: readonly Predicate[], access: Predicate | null): Predicate | null {
  if (access === null) return null;
  let best: Predicate | null = null;
  let bestShare = MAX_GATE_SHARE;
  for (const p of predicates) {
    if (p === access) continue;
    const share = gateShare(p);
    if (
      share <= bestShare &&
      (best === null || share < bestShare || gateCheapness(p) > gateCheapness(best))
    ) {
      best = p;
      bestShare = share;
    }
  }
  return best;
}

function gateShare(p: Predicate): number {
  if (p.decidedByIndex && p.test.prefixes.length === 0)
    return p.test.strings.size / Math.max(p.test.strings.size, p.slot.index.strings.size);
  if (p.accessRank === 1) return 1 / Math.max(1, p.slot.predicates.size);
  return p.accessRank <= 2 ? RANK_SHARE[2] : 1;
}

/** A gate decided by the index costs one comparison; any other, a memoised test of the path's values. */
function gateCheapness(p: Predicate): number {
  return p.decidedByIndex ? 1 : 0;
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
