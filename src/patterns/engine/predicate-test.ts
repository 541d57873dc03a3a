import type { CidrBlock, Matcher, NumericRange } from '../ast.js';
import { cidrContains } from '../operators/cidr.js';
import { foldCase } from '../operators/fold-case.js';
import { parseWildcard, type Wildcard, wildcardMatches } from '../operators/wildcard.js';
import { AnythingButTest } from './anything-but-test.js';
import type { PathSlot } from './path-slot.js';

/**
 * The alternatives listed for one field, compiled into sets and lists by operator so that a field's
 * values are tested without re-reading the pattern.
 */
export class PredicateTest {
  /** Satisfied by a field that has no value (`exists: false`). */
  absentOk = false;
  existsTrue = false;
  readonly strings = new Set<string>();
  readonly numbers = new Set<number>();
  wantTrue = false;
  wantFalse = false;
  wantNull = false;
  readonly prefixes: string[] = [];
  readonly suffixes: string[] = [];
  readonly folded = new Set<string>();
  readonly foldedPrefixes: string[] = [];
  readonly foldedSuffixes: string[] = [];
  readonly wildcards: Wildcard[] = [];
  readonly ranges: NumericRange[] = [];
  readonly cidrs: CidrBlock[] = [];
  readonly anythingButs: AnythingButTest[] = [];
  readsStrings = false;
  readsNumbers = false;
  /** Has a range other than `=` (so the precision of number literals matters). */
  ordersNumbers = false;
  /** Compares numbers for equality: exact numbers, `=`, anything-but numbers. */
  equatesNumbers = false;
  #needsFold = false;

  constructor(matchers: readonly Matcher[]) {
    for (const m of matchers) this.#add(m);
  }

  #add(m: Matcher): void {
    switch (m.kind) {
      case 'exact':
        if (typeof m.value === 'string') this.strings.add(m.value);
        else if (typeof m.value === 'number') this.numbers.add(m.value);
        else if (m.value === null) this.wantNull = true;
        else if (m.value) this.wantTrue = true;
        else this.wantFalse = true;
        break;
      case 'prefix':
        (m.ignoreCase ? this.foldedPrefixes : this.prefixes).push(m.ignoreCase ? foldCase(m.value) : m.value);
        break;
      case 'suffix':
        (m.ignoreCase ? this.foldedSuffixes : this.suffixes).push(m.ignoreCase ? foldCase(m.value) : m.value);
        break;
      case 'equals-ignore-case':
        this.folded.add(foldCase(m.value));
        break;
      case 'wildcard':
        this.wildcards.push(parseWildcard(m.value));
        break;
      case 'numeric':
        this.ranges.push(m.range);
        break;
      case 'cidr':
        this.cidrs.push(m.block);
        break;
      case 'exists':
        if (m.value) this.existsTrue = true;
        else this.absentOk = true;
        break;
      case 'anything-but':
        this.anythingButs.push(new AnythingButTest(m.not));
        break;
    }
    this.#needsFold = this.folded.size + this.foldedPrefixes.length + this.foldedSuffixes.length > 0;
    this.readsNumbers =
      this.numbers.size + this.ranges.length > 0 || this.anythingButs.some((a) => a.readsNumbers);
    this.ordersNumbers = this.ranges.some((r) => !isPoint(r));
    this.equatesNumbers =
      this.numbers.size > 0 || this.ranges.some(isPoint) || this.anythingButs.some((a) => a.readsNumbers);
    this.readsStrings =
      this.strings.size +
        this.prefixes.length +
        this.suffixes.length +
        this.wildcards.length +
        this.cidrs.length >
        0 ||
      this.#needsFold ||
      this.anythingButs.some((a) => a.readsStrings);
  }

  /** Whether the values in `slot` (current when `present`) satisfy any alternative. */
  test(slot: PathSlot, present: boolean): boolean {
    if (!present || slot.count === 0) return this.absentOk;
    if (this.existsTrue) return true;
    const strs = slot.strs;
    for (let i = 0; i < slot.nStrs; i++) if (this.testString(strs[i])) return true;
    const nums = slot.nums;
    for (let i = 0; i < slot.nNums; i++) if (this.testNumber(nums[i])) return true;
    const imprecise = slot.imprecise;
    for (let i = 0; i < slot.nImprecise; i++) if (this.testImprecise(imprecise[i])) return true;
    if (slot.nTrue > 0 && this.wantTrue) return true;
    if (slot.nFalse > 0 && this.wantFalse) return true;
    if (slot.nNull > 0 && this.wantNull) return true;
    return this.anythingButs.length > 0 && slot.nTrue + slot.nFalse + slot.nNull > 0;
  }

  testString(s: string): boolean {
    // Size checks first: most tests hold one kind of operator, and probing an empty set still hashes.
    if (this.strings.size > 0 && this.strings.has(s)) return true;
    for (const p of this.prefixes) if (s.startsWith(p)) return true;
    for (const p of this.suffixes) if (s.endsWith(p)) return true;
    if (this.#needsFold && this.#testFolded(foldCase(s))) return true;
    for (const w of this.wildcards) if (wildcardMatches(w, s)) return true;
    for (const c of this.cidrs) if (cidrContains(c, s)) return true;
    for (const a of this.anythingButs) if (a.acceptsString(s)) return true;
    return false;
  }

  #testFolded(f: string): boolean {
    if (this.folded.size > 0 && this.folded.has(f)) return true;
    for (const p of this.foldedPrefixes) if (f.startsWith(p)) return true;
    for (const p of this.foldedSuffixes) if (f.endsWith(p)) return true;
    return false;
  }

  testImprecise(n: number): boolean {
    return testImpreciseAgainst(this, n);
  }

  testNumber(n: number): boolean {
    if (this.numbers.size > 0 && this.numbers.has(n)) return true;
    for (const r of this.ranges) if (inRange(r, n)) return true;
    for (const a of this.anythingButs) if (a.acceptsNumber(n)) return true;
    return false;
  }
}

/** Numbers too precise for a double compare for equality only (`=` is the one range allowed). */
export function testImpreciseAgainst(t: PredicateTest, n: number): boolean {
  if (t.numbers.has(n)) return true;
  for (const r of t.ranges) if (isPoint(r) && r.lower === n) return true;
  for (const a of t.anythingButs) if (a.acceptsNumber(n)) return true;
  return false;
}

function isPoint(r: NumericRange): boolean {
  return r.lower !== undefined && r.lower === r.upper;
}

function inRange(r: NumericRange, v: number): boolean {
  if (r.lower !== undefined && (r.lowerOpen ? !(v > r.lower) : !(v >= r.lower))) return false;
  if (r.upper !== undefined && (r.upperOpen ? !(v < r.upper) : !(v <= r.upper))) return false;
  return true;
}
