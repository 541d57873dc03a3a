import type { AnythingBut, Matcher, NumericRange } from '../ast.js';
import { cidrContains } from '../operators/cidr.js';
import type { Leaf } from './flatten-event.js';
import { ImpreciseNumber } from './parse-json-text.js';

/**
 * Whether one event value satisfies one matcher, spelled out operator by operator. `exists` is decided
 * on the whole field, not per value, by the interpreter.
 */
export function valueMatches(m: Matcher, v: Leaf): boolean {
  if (v instanceof ImpreciseNumber) return impreciseMatches(m, Number(v.text));
  switch (m.kind) {
    case 'exact':
      return v === m.value;
    case 'prefix':
      return (
        typeof v === 'string' && (m.ignoreCase ? lower(v).startsWith(lower(m.value)) : v.startsWith(m.value))
      );
    case 'suffix':
      return (
        typeof v === 'string' && (m.ignoreCase ? lower(v).endsWith(lower(m.value)) : v.endsWith(m.value))
      );
    case 'equals-ignore-case':
      return typeof v === 'string' && lower(v) === lower(m.value);
    case 'wildcard':
      return typeof v === 'string' && globMatches(m.value, v);
    case 'numeric':
      return typeof v === 'number' && inRange(m.range, v);
    case 'cidr':
      return typeof v === 'string' && cidrContains(m.block, v);
    case 'anything-but':
      return !excluded(m.not, v);
    case 'exists':
      return m.value;
  }
}

/** A number written with more digits than a double holds is compared for equality only. */
function impreciseMatches(m: Matcher, n: number): boolean {
  switch (m.kind) {
    case 'exact':
      return m.value === n;
    case 'numeric':
      return m.range.lower === n && m.range.upper === n;
    case 'anything-but':
      return !excluded(m.not, n);
    case 'exists':
      return m.value;
    default:
      return false;
  }
}

function lower(s: string): string {
  return s.toLowerCase();
}

function inRange(r: NumericRange, v: number): boolean {
  if (r.lower !== undefined && (r.lowerOpen ? v <= r.lower : v < r.lower)) return false;
  if (r.upper !== undefined && (r.upperOpen ? v >= r.upper : v > r.upper)) return false;
  return true;
}

/** Anything-but excludes values of its own kind only: a number is never "a string starting with x". */
function excluded(not: AnythingBut, v: Leaf): boolean {
  if (not.of === 'values') return not.values.some((x) => x === v);
  if (typeof v !== 'string') return false;
  switch (not.of) {
    case 'prefix':
      return not.values.some((x) => v.startsWith(x));
    case 'suffix':
      return not.values.some((x) => v.endsWith(x));
    case 'equals-ignore-case':
      return not.values.some((x) => lower(x) === lower(v));
    case 'wildcard':
      return not.values.some((x) => globMatches(x, v));
  }
}

/**
 * Wildcard matching by dynamic programming over (pattern token, value position), independent of the
 * engine's piece-by-piece matcher so that the two check each other.
 */
export function globMatches(pattern: string, value: string): boolean {
  const tokens: Array<string | null> = [];
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] === '\\') tokens.push(pattern[++i]);
    else tokens.push(pattern[i] === '*' ? null : pattern[i]);
  }
  let row = new Array<boolean>(value.length + 1).fill(false);
  row[0] = true;
  for (const t of tokens) {
    const next = new Array<boolean>(value.length + 1).fill(false);
    for (let j = 0; j <= value.length; j++) {
      if (t === null) next[j] = row[j] || (j > 0 && next[j - 1]);
      else next[j] = j > 0 && row[j - 1] && value[j - 1] === t;
    }
    row = next;
  }
  return row[value.length];
}
