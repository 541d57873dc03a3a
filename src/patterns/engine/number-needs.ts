import type { NumericRange } from '../ast.js';
import type { PredicateTest } from './predicate-test.js';

/** Relative distance beyond which an approximate value decides every comparison as the exact one would. */
const MARGIN = 1e-12;

/**
 * What a path's tests need to know about a long number literal. Parsing a 16+ digit literal exactly
 * (and checking its precision) is the costliest step of scanning coordinates; this tells when the value
 * accumulated digit by digit (off by a few units in the 15th digit at most) is enough: when it is far
 * from every number the tests compare against, every equality and every bound is decided the same way.
 */
export class NumberNeeds {
  /** Every number a test compares against (equality values and range bounds), ascending. */
  readonly #keys: number[];
  /** Ranges other than `=`: inside one, the literal's precision decides whether it matches. */
  readonly #ranges: NumericRange[];
  /**
   * When the tests only compare numbers for equality: the magnitudes of the compared numbers,
   * ascending, so that a literal can be ruled out from its first digits (`mayEqual`). Null when a test
   * orders numbers, or a value is too large for the first digits to be read exactly.
   */
  readonly magnitudes: number[] | null;

  constructor(tests: Iterable<PredicateTest>) {
    const keys: number[] = [];
    const ranges: NumericRange[] = [];
    for (const t of tests) {
      for (const n of t.numbers) keys.push(n);
      for (const a of t.anythingButs) keys.push(...a.excludedNumbers);
      for (const r of t.ranges) {
        if (r.lower !== undefined) keys.push(r.lower);
        if (r.upper !== undefined) keys.push(r.upper);
        if (r.lower === undefined || r.lower !== r.upper) ranges.push(r);
      }
    }
    this.#keys = keys.sort((a, b) => a - b);
    this.#ranges = ranges;
    const small = keys.every((k) => Math.abs(k) < 2 ** 52);
    this.magnitudes = ranges.length === 0 && small ? keys.map(Math.abs).sort((a, b) => a - b) : null;
  }

  /** Whether `approx` is close enough to a compared number that the exact value is needed. */
  isNear(approx: number): boolean {
    const keys = this.#keys;
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (keys[mid] < approx) lo = mid + 1;
      else hi = mid;
    }
    return (lo < keys.length && near(keys[lo], approx)) || (lo > 0 && near(keys[lo - 1], approx));
  }

  /** Whether some compared magnitude lies within `tolerance` of `magnitude`. */
  mayEqual(magnitude: number, tolerance: number): boolean {
    const m = this.magnitudes!;
    let lo = 0;
    let hi = m.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (m[mid] < magnitude) lo = mid + 1;
      else hi = mid;
    }
    return (
      (lo < m.length && m[lo] - magnitude <= tolerance) || (lo > 0 && magnitude - m[lo - 1] <= tolerance)
    );
  }

  /** Whether `approx` (known to be far from every bound) lies inside some ordering range. */
  insideRange(approx: number): boolean {
    for (const r of this.#ranges) {
      if (r.lower !== undefined && !(approx > r.lower)) continue;
      if (r.upper !== undefined && !(approx < r.upper)) continue;
      return true;
    }
    return false;
  }
}

function near(key: number, value: number): boolean {
  return Math.abs(key - value) <= MARGIN * Math.max(Math.abs(key), Math.abs(value));
}
