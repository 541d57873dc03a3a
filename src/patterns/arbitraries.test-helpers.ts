import fc from 'fast-check';
import { type CompiledPattern, compilePattern, InvalidEventPatternError } from './index.js';

/**
 * Random events and patterns over a deliberately small vocabulary of keys and values, so that patterns
 * and events meet often and every operator both matches and fails.
 */
export const KEYS = ['a', 'b', 'c', 'a.b', 'x-y', ''];
const STRINGS = [
  '',
  'a',
  'A',
  'ab',
  'aB',
  'abc',
  'ABC',
  'b',
  'ba',
  'x*y',
  'x\\y',
  'é',
  '10.0.0.1',
  '10.0.1.7',
  '2001:db8::1',
  '300',
  'null',
  'true',
];
const NUMBERS = [0, -0, 1, -1, 2.5, 3, 10, 100, 300, 1e21, -122.42, 37.808, 0.1];

/** A text literal that JSON.stringify cannot produce, placed into event JSON by `toEventJson`. */
const RAW_NUMBERS = ['3.0e2', '300.0', '1E1', '-0.0', '37.808480096967251', '100.00000000000000001', '2.50'];
const RAW_MARK = '\u0001raw:';

const stringValue = fc.oneof(fc.constantFrom(...STRINGS), fc.string({ maxLength: 4 }));
const numberValue = fc.oneof(
  fc.constantFrom(...NUMBERS),
  fc.integer({ min: -5, max: 400 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);
const scalar = fc.oneof(
  stringValue,
  numberValue,
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(...RAW_NUMBERS.map((n) => RAW_MARK + n)),
);

function eventValue(keys: readonly string[]): fc.Arbitrary<unknown> {
  return fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      scalar,
      scalar,
      tie('array'),
      tie('object'),
    ),
    array: fc.array(tie('value'), { maxLength: 3 }),
    object: fc.dictionary(fc.constantFrom(...keys), tie('value'), { maxKeys: 4 }),
  })).value;
}

/** Events over `keys` (all keys by default; a narrow set makes matches frequent). */
export function eventOver(keys: readonly string[] = KEYS): fc.Arbitrary<Record<string, unknown>> {
  return fc.dictionary(fc.constantFrom(...keys), eventValue(keys), { maxKeys: 5 });
}

export const event = eventOver();

/** The event as JSON text, optionally pretty-printed, with raw number literals put in place. */
export function toEventJson(e: unknown, pretty: boolean): string {
  const text = JSON.stringify(e, null, pretty ? 2 : undefined);
  return text.replace(/"\\u0001raw:([^"]*)"/g, '$1');
}

/** The event as the parsed entry point sees it: raw literals become their double. */
export function toParsedEvent(e: unknown): unknown {
  return JSON.parse(toEventJson(e, false));
}

const nonEmptyString = fc.constantFrom(...STRINGS.filter((s) => s !== ''));
const wildcard = fc
  .array(fc.oneof(fc.constantFrom('a', 'b', 'x', '\\*', '\\\\', '1', '.'), fc.constant('*')), {
    minLength: 0,
    maxLength: 5,
  })
  .map((parts) =>
    parts
      .join('')
      .replace(/\*{2,}/g, '*')
      .replace(/(^|[^\\])\*\*/g, '$1*'),
  );
const cidr = fc.constantFrom(
  '10.0.0.0/24',
  '10.0.0.0/8',
  '10.0.1.0/30',
  '0.0.0.0/0',
  '2001:db8::/32',
  '2001:db8::1/128',
);
const range = fc.oneof(
  fc.tuple(fc.constantFrom('<', '<=', '>', '>=', '='), fc.constantFrom(...NUMBERS)).map(([op, v]) => [op, v]),
  fc
    .tuple(
      fc.constantFrom('>', '>='),
      fc.integer({ min: -5, max: 100 }),
      fc.constantFrom('<', '<='),
      fc.integer({ min: 101, max: 400 }),
    )
    .map((t) => [...t]),
);

const matchExpression: fc.Arbitrary<unknown> = fc.oneof(
  stringValue,
  numberValue,
  fc.boolean(),
  fc.constant(null),
  stringValue.map((v) => ({ prefix: v })),
  stringValue.map((v) => ({ suffix: v })),
  stringValue.map((v) => ({ prefix: { 'equals-ignore-case': v } })),
  stringValue.map((v) => ({ suffix: { 'equals-ignore-case': v } })),
  stringValue.map((v) => ({ 'equals-ignore-case': v })),
  wildcard.map((v) => ({ wildcard: v })),
  range.map((r) => ({ numeric: r })),
  fc.boolean().map((v) => ({ exists: v })),
  cidr.map((v) => ({ cidr: v })),
  fc.oneof(stringValue, fc.constantFrom(...NUMBERS)).map((v) => ({ 'anything-but': v })),
  fc.array(stringValue, { minLength: 1, maxLength: 3 }).map((v) => ({ 'anything-but': v })),
  fc.array(fc.constantFrom(...NUMBERS), { minLength: 1, maxLength: 3 }).map((v) => ({ 'anything-but': v })),
  fc
    .array(nonEmptyString, { minLength: 1, maxLength: 2 })
    .map((v) => ({ 'anything-but': { prefix: v.length === 1 ? v[0] : v } })),
  fc.array(nonEmptyString, { minLength: 1, maxLength: 2 }).map((v) => ({ 'anything-but': { suffix: v } })),
  fc
    .array(stringValue, { minLength: 1, maxLength: 2 })
    .map((v) => ({ 'anything-but': { 'equals-ignore-case': v } })),
  fc.array(wildcard, { minLength: 1, maxLength: 2 }).map((v) => ({ 'anything-but': { wildcard: v } })),
);

/** A field's list of alternatives: one to three match expressions of any operator. */
export const leaf = fc.array(matchExpression, { minLength: 1, maxLength: 3 });

/** A pattern object over `keys`, nested at most `depth` levels, with `$or` groups while depth remains. */
export function patternOver(keys: readonly string[], depth: number): fc.Arbitrary<Record<string, unknown>> {
  const field = depth > 0 ? fc.oneof(leaf, leaf, patternOver(keys, depth - 1)) : leaf;
  const fields = fc.dictionary(fc.constantFrom(...keys), field, { minKeys: 1, maxKeys: 3 });
  if (depth === 0) return fields;
  const or = fc.option(fc.array(patternOver(keys, depth - 1), { minLength: 2, maxLength: 3 }), { freq: 3 });
  return fc.tuple(fields, or).map(([f, o]) => (o ? { ...f, $or: o } : f));
}

export const pattern = patternOver(KEYS, 2);

/** The compiled pattern, or undefined for a generated pattern EventBridge would refuse. */
export function compileOrSkip(p: object): CompiledPattern | undefined {
  try {
    return compilePattern(p);
  } catch (error) {
    if (error instanceof InvalidEventPatternError) return undefined;
    throw error;
  }
}
