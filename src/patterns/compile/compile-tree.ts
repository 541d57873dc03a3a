import type { FieldTest, Matcher, PatternTree } from '../ast.js';
import { InvalidEventPatternError } from '../errors.js';
import { isPlainObject } from './json-kind.js';
import { parseMatchExpression } from './match-expression.js';

const fail = (reason: string): never => {
  throw new InvalidEventPatternError(reason);
};

const OR = '$or';

/** Validates a parsed pattern object and flattens its nested objects into dot-joined field paths. */
export function compileTree(pattern: unknown): PatternTree {
  if (!isPlainObject(pattern)) return fail('Filter is not an object');
  return compileObject(pattern, undefined);
}

function compileObject(obj: Record<string, unknown>, prefix: string | undefined): PatternTree {
  const keys = Object.keys(obj);
  if (keys.length === 0) fail('Empty objects are not allowed');
  const fields: FieldTest[] = [];
  const ors: Array<readonly PatternTree[]> = [];
  for (const key of keys) {
    const value = obj[key];
    if (key === OR) {
      ors.push(compileOr(value, prefix));
      continue;
    }
    const path = prefix === undefined ? key : `${prefix}.${key}`;
    if (isPlainObject(value)) {
      const inner = compileObject(value, path);
      fields.push(...inner.fields);
      ors.push(...inner.ors);
    } else if (Array.isArray(value)) {
      fields.push({ path, matchers: compileValueList(value) });
    } else {
      fail(`"${key}" must be an object or an array`);
    }
  }
  return { fields, ors };
}

function compileOr(value: unknown, prefix: string | undefined): PatternTree[] {
  if (!Array.isArray(value)) return fail(`It must be an Array followed with ${OR}.`);
  const branches = value.map((branch) =>
    isPlainObject(branch)
      ? compileObject(branch, prefix)
      : fail(`Only JSON object is allowed in array of ${OR} relationship.`),
  );
  if (branches.length < 2) fail(`There must have at least 2 Objects in ${OR} relationship.`);
  return branches;
}

function compileValueList(list: unknown[]): Matcher[] {
  if (list.length === 0) fail('Empty arrays are not allowed');
  return list.map((v): Matcher => {
    if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') {
      return { kind: 'exact', value: v };
    }
    if (isPlainObject(v)) return parseMatchExpression(v);
    return fail('Match value must be String, number, true, false, or null');
  });
}
