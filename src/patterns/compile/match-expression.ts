import type { Matcher } from '../ast.js';
import { InvalidEventPatternError } from '../errors.js';
import { parseCidr } from '../operators/cidr.js';
import { parseWildcard } from '../operators/wildcard.js';
import { assertWildcardComplexity } from '../operators/wildcard-complexity.js';
import { parseAnythingBut } from './anything-but.js';
import { isPlainObject } from './json-kind.js';
import { parseNumeric } from './numeric.js';

const fail = (reason: string): never => {
  throw new InvalidEventPatternError(reason);
};

/** One `{operator: argument}` object of a field's value list. */
export function parseMatchExpression(expr: Record<string, unknown>): Matcher {
  const keys = Object.keys(expr);
  if (keys.length === 0) return fail('Match expression name not found');
  if (keys.length > 1) return fail('Only one key allowed in match expression');
  const op = keys[0];
  const arg = expr[op];
  switch (op) {
    case 'prefix':
    case 'suffix':
      return parseAffix(op, arg);
    case 'equals-ignore-case':
      return { kind: op, value: mustBeString(arg, 'equals-ignore-case match pattern must be a string') };
    case 'wildcard': {
      const value = mustBeString(arg, 'wildcard match pattern must be a string');
      assertWildcardComplexity(parseWildcard(value));
      return { kind: op, value };
    }
    case 'anything-but':
      return { kind: op, not: parseAnythingBut(arg) };
    case 'numeric':
      return { kind: op, range: parseNumeric(arg) };
    case 'exists':
      if (typeof arg !== 'boolean') return fail('exists match pattern must be either true or false.');
      return { kind: op, value: arg };
    case 'cidr':
      return { kind: op, block: parseCidr(mustBeString(arg, 'prefix match pattern must be a string')) };
    default:
      return fail(`Unrecognized match type ${op}`);
  }
}

/** `{"prefix": "x"}` or `{"prefix": {"equals-ignore-case": "x"}}`, and the same for suffix. */
function parseAffix(op: 'prefix' | 'suffix', arg: unknown): Matcher {
  if (typeof arg === 'string') return { kind: op, value: arg, ignoreCase: false };
  if (!isPlainObject(arg)) return fail(`${op} match pattern must be a string`);
  const keys = Object.keys(arg);
  if (keys.length !== 1 || keys[0] !== 'equals-ignore-case') {
    return fail(
      keys.length > 1 ? 'Only one key allowed in match expression' : `${op} match pattern must be a string`,
    );
  }
  const value = mustBeString(arg['equals-ignore-case'], 'equals-ignore-case match pattern must be a string');
  return { kind: op, value, ignoreCase: true };
}

function mustBeString(value: unknown, reason: string): string {
  return typeof value === 'string' ? value : fail(reason);
}
