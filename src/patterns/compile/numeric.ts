import type { NumericRange } from '../ast.js';
import { InvalidEventPatternError } from '../errors.js';

const fail = (reason: string): never => {
  throw new InvalidEventPatternError(reason);
};

/**
 * `["=", v]`, `["<" | "<=", v]`, `[">" | ">=", v]` or a range `[">" | ">=", a, "<" | "<=", b]`,
 * with the reasons EventBridge gives for each mistake.
 */
export function parseNumeric(spec: unknown): NumericRange {
  if (!Array.isArray(spec)) return fail('Value of numeric must be an array.');
  const [op, value] = spec;
  if (typeof op !== 'string') return fail(`Invalid member in numeric match: ${String(op ?? ']')}`);
  const bound = (name: string, v: unknown): number =>
    typeof v === 'number' && Number.isFinite(v) ? v : fail(`Value of ${name} must be numeric`);
  switch (op) {
    case '=': {
      const v = bound('equals', value);
      if (spec.length > 2) fail('Too many elements in numeric expression');
      return { lower: v, lowerOpen: false, upper: v, upperOpen: false };
    }
    case '<':
    case '<=': {
      const v = bound(op, value);
      if (spec.length > 2) fail('Too many elements in numeric expression');
      return { upper: v, upperOpen: op === '<', lowerOpen: false };
    }
    case '>':
    case '>=': {
      const v = bound(op, value);
      const lower = { lower: v, lowerOpen: op === '>' };
      if (spec.length === 2) return { ...lower, upperOpen: false };
      return { ...lower, ...parseUpper(spec.slice(2), v) };
    }
    default:
      return fail(`Unrecognized numeric range operator: ${op}`);
  }
}

function parseUpper(rest: unknown[], lower: number): { upper: number; upperOpen: boolean } {
  const [op, value] = rest;
  if (typeof op !== 'string') return fail(`Bad value in numeric range: ${String(op)}`);
  if (op !== '<' && op !== '<=') return fail(`Bad numeric range operator: ${op}`);
  if (typeof value !== 'number' || !Number.isFinite(value)) return fail(`Value of ${op} must be numeric`);
  if (rest.length > 2) return fail('Too many terms in numeric range expression');
  if (value <= lower) return fail('Bottom must be less than top');
  return { upper: value, upperOpen: op === '<' };
}
