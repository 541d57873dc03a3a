import type { AnythingBut } from '../ast.js';
import { InvalidEventPatternError } from '../errors.js';
import { parseWildcard } from '../operators/wildcard.js';
import { assertWildcardComplexity } from '../operators/wildcard-complexity.js';
import { isPlainObject } from './json-kind.js';

const fail = (reason: string): never => {
  throw new InvalidEventPatternError(reason);
};

const NOT_A_VALUE = 'Value of anything-but must be an array or single string/number value.';
const IGNORE_CASE_TYPES =
  'Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.';

/** `{"anything-but": spec}`: a value, a list, or `{prefix|suffix|equals-ignore-case|wildcard: ...}`. */
export function parseAnythingBut(spec: unknown): AnythingBut {
  if (isPlainObject(spec)) return parseNested(spec);
  if (typeof spec === 'string' || typeof spec === 'number') return { of: 'values', values: [spec] };
  if (!Array.isArray(spec)) return fail(NOT_A_VALUE);
  return { of: 'values', values: parseValueList(spec) };
}

function parseValueList(list: unknown[]): Array<string | number> {
  if (list.length === 0) return fail('Empty arrays are not allowed');
  let strings = 0;
  for (const v of list) {
    if (typeof v === 'string') strings++;
    else if (typeof v !== 'number') fail('Inside anything but list, start|null|boolean is not supported.');
  }
  if (strings !== 0 && strings !== list.length) {
    fail('Inside anything but list, either all values are number or string, mixed type is not supported');
  }
  return list as Array<string | number>;
}

function parseNested(spec: Record<string, unknown>): AnythingBut {
  const keys = Object.keys(spec);
  if (keys.length === 0) return fail('Anything-but expression name not found');
  if (keys.length > 1) return fail('Only one key allowed in match expression');
  const op = keys[0];
  const value = spec[op];
  switch (op) {
    case 'prefix':
    case 'suffix':
      return { of: op, values: stringList(value, 'prefix/suffix match pattern must be a string', true) };
    case 'equals-ignore-case':
      return { of: op, values: stringList(value, IGNORE_CASE_TYPES, false) };
    case 'wildcard': {
      const values = stringList(value, 'wildcard match pattern must be a string', false);
      for (const w of values) assertWildcardComplexity(parseWildcard(w));
      return { of: op, values };
    }
    default:
      return fail(`Unsupported anything-but pattern: ${op}`);
  }
}

/** A string or a non-empty list of strings; prefix and suffix also refuse the empty string. */
function stringList(value: unknown, typeReason: string, nonEmpty: boolean): string[] {
  if (isPlainObject(value)) return fail(NOT_A_VALUE);
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0) return fail('Empty arrays are not allowed');
  for (const v of list) {
    if (typeof v !== 'string') fail(typeReason);
    else if (nonEmpty && v === '') fail('Null prefix/suffix not allowed');
  }
  return list as string[];
}
