import { describe, expect, it } from 'vitest';
import { compilePattern, RuleMatcher, testEventPattern } from './index.js';
import { referenceMatchesJson } from './reference/interpreter.js';

/** Asserts one outcome through all four entry points: both APIs, parsed and as text. */
function expectMatch(pattern: object | string, event: object | string, want: boolean): void {
  const text = typeof event === 'string' ? event : JSON.stringify(event);
  const m = new RuleMatcher();
  m.addRule('r', pattern);
  expect(m.matchJson(text), `matchJson ${text}`).toEqual(want ? ['r'] : []);
  expect(testEventPattern(pattern, text), `testEventPattern ${text}`).toBe(want);
  if (typeof event !== 'string') {
    expect(m.matchEvent(event), `matchEvent ${text}`).toEqual(want ? ['r'] : []);
    expect(testEventPattern(pattern, event), `testEventPattern parsed ${text}`).toBe(want);
  }
}

type Row = [string, object, object, boolean];
const rows: Row[] = [
  ['exact string', { a: ['x'] }, { a: 'x' }, true],
  ['exact string, other value', { a: ['x'] }, { a: 'y' }, false],
  ['exact is case sensitive', { a: ['x'] }, { a: 'X' }, false],
  ['exact number by value', { a: [300] }, { a: 300.0 }, true],
  ['exact number is not a string', { a: [300] }, { a: '300' }, false],
  ['exact true', { a: [true] }, { a: true }, true],
  ['exact false vs true', { a: [false] }, { a: true }, false],
  ['exact null', { a: [null] }, { a: null }, true],
  ['exact null vs missing', { a: [null] }, { b: 1 }, false],
  ['empty string', { a: [''] }, { a: '' }, true],
  ['any of the listed values', { a: ['x', 'y'] }, { a: 'y' }, true],
  ['event array: any element', { a: ['x'] }, { a: ['q', 'x'] }, true],
  ['arrays of arrays flatten', { a: ['x'] }, { a: [['q'], [['x']]] }, true],
  ['objects in arrays', { a: { b: ['x'] } }, { a: [{ c: 1 }, { b: 'x' }] }, true],
  ['nested objects', { a: { b: { c: [1] } } }, { a: { b: { c: 1 } } }, true],
  ['dotted event key', { a: { b: [1] } }, { 'a.b': 1 }, true],
  ['dotted pattern key', { 'a.b': [1] }, { a: { b: 1 } }, true],
  ['all fields must match', { a: ['x'], b: ['y'] }, { a: 'x', b: 'z' }, false],
  ['an object is not a value', { a: [{ exists: true }] }, { a: { b: 1 } }, false],
  ['prefix', { a: [{ prefix: 'ab' }] }, { a: 'abc' }, true],
  ['prefix, no', { a: [{ prefix: 'ab' }] }, { a: 'xabc' }, false],
  ['prefix is for strings only', { a: [{ prefix: '1' }] }, { a: 12 }, false],
  ['empty prefix matches any string', { a: [{ prefix: '' }] }, { a: 'q' }, true],
  ['prefix ignoring case', { a: [{ prefix: { 'equals-ignore-case': 'AB' } }] }, { a: 'abc' }, true],
  ['suffix', { a: [{ suffix: '.png' }] }, { a: 'x.png' }, true],
  ['suffix, no', { a: [{ suffix: '.png' }] }, { a: 'x.PNG' }, false],
  ['suffix ignoring case', { a: [{ suffix: { 'equals-ignore-case': '.png' } }] }, { a: 'x.PNG' }, true],
  ['equals-ignore-case', { a: [{ 'equals-ignore-case': 'VoIcE' }] }, { a: 'voice' }, true],
  ['equals-ignore-case, no', { a: [{ 'equals-ignore-case': 'VoIcE' }] }, { a: 'voices' }, false],
  ['wildcard', { a: [{ wildcard: 'a*c*e' }] }, { a: 'abcde' }, true],
  ['wildcard, no', { a: [{ wildcard: 'a*c*e' }] }, { a: 'abcd' }, false],
  ['wildcard without star is exact', { a: [{ wildcard: 'abc' }] }, { a: 'abc' }, true],
  ['wildcard escaped star is literal', { a: [{ wildcard: 'a\\*' }] }, { a: 'a*' }, true],
  ['wildcard escaped star, no', { a: [{ wildcard: 'a\\*' }] }, { a: 'ab' }, false],
  ['wildcard escaped backslash', { a: [{ wildcard: 'a\\\\*' }] }, { a: 'a\\bc' }, true],
  ['anything-but a string', { a: [{ 'anything-but': 'x' }] }, { a: 'y' }, true],
  ['anything-but, excluded', { a: [{ 'anything-but': 'x' }] }, { a: 'x' }, false],
  ['anything-but matches null', { a: [{ 'anything-but': 'x' }] }, { a: null }, true],
  ['anything-but needs the field', { a: [{ 'anything-but': 'x' }] }, { b: 'y' }, false],
  ['anything-but a number list', { a: [{ 'anything-but': [1, 2] }] }, { a: 2 }, false],
  ['anything-but numbers, a string', { a: [{ 'anything-but': [1, 2] }] }, { a: '2' }, true],
  ['anything-but any element', { a: [{ 'anything-but': 'x' }] }, { a: ['x', 'y'] }, true],
  ['anything-but every element excluded', { a: [{ 'anything-but': 'x' }] }, { a: ['x', 'x'] }, false],
  ['anything-but prefix', { a: [{ 'anything-but': { prefix: 'in' } }] }, { a: 'init' }, false],
  ['anything-but prefix list', { a: [{ 'anything-but': { prefix: ['in', 'po'] } }] }, { a: 'post' }, false],
  ['anything-but prefix, a number', { a: [{ 'anything-but': { prefix: '1' } }] }, { a: 12 }, true],
  ['anything-but suffix', { a: [{ 'anything-but': { suffix: '.txt' } }] }, { a: 'a.txt.bak' }, true],
  [
    'anything-but ignoring case',
    { a: [{ 'anything-but': { 'equals-ignore-case': ['X'] } }] },
    { a: 'x' },
    false,
  ],
  ['anything-but wildcard', { a: [{ 'anything-but': { wildcard: '*/dir/*' } }] }, { a: 'a/dir/b' }, false],
  ['anything-but wildcard list', { a: [{ 'anything-but': { wildcard: ['x*', '*y'] } }] }, { a: 'ab' }, true],
  ['numeric =', { a: [{ numeric: ['=', 3.0e2] }] }, { a: 300 }, true],
  ['numeric <', { a: [{ numeric: ['<', 5] }] }, { a: 5 }, false],
  ['numeric <=', { a: [{ numeric: ['<=', 5] }] }, { a: 5 }, true],
  ['numeric >', { a: [{ numeric: ['>', 5] }] }, { a: 5.0001 }, true],
  ['numeric >=', { a: [{ numeric: ['>=', 5] }] }, { a: 4.9 }, false],
  ['numeric range', { a: [{ numeric: ['>', 0, '<=', 5] }] }, { a: 5 }, true],
  ['numeric range, outside', { a: [{ numeric: ['>', 0, '<=', 5] }] }, { a: 0 }, false],
  ['numeric is for numbers only', { a: [{ numeric: ['>', 0] }] }, { a: '3' }, false],
  ['exists true', { a: [{ exists: true }] }, { a: null }, true],
  ['exists true, missing', { a: [{ exists: true }] }, { b: 1 }, false],
  ['exists true, empty array', { a: [{ exists: true }] }, { a: [] }, false],
  ['exists false', { a: [{ exists: false }] }, { b: 1 }, true],
  ['exists false, present', { a: [{ exists: false }] }, { a: 0 }, false],
  ['cidr v4', { a: [{ cidr: '10.0.0.0/24' }] }, { a: '10.0.0.255' }, true],
  ['cidr v4, outside', { a: [{ cidr: '10.0.0.0/24' }] }, { a: '10.0.1.0' }, false],
  ['cidr v4, odd mask', { a: [{ cidr: '10.0.0.0/30' }] }, { a: '10.0.0.4' }, false],
  ['cidr v6', { a: [{ cidr: '2001:db8::/32' }] }, { a: '2001:0db8:ffff::1' }, true],
  [
    'cidr v6, compressed and full forms',
    { a: [{ cidr: '2001:db8::1/128' }] },
    { a: '2001:db8:0:0:0:0:0:1' },
    true,
  ],
  ['cidr, not an address', { a: [{ cidr: '10.0.0.0/8' }] }, { a: '10.0.0' }, false],
  ['$or', { $or: [{ a: ['x'] }, { b: ['y'] }] }, { b: 'y' }, true],
  ['$or, none', { $or: [{ a: ['x'] }, { b: ['y'] }] }, { a: 'y', b: 'x' }, false],
  [
    '$or nested',
    { a: ['x'], $or: [{ b: ['y'] }, { $or: [{ c: [1] }, { d: [2] }] }] },
    { a: 'x', d: 2 },
    true,
  ],
  ['$or inside an object', { a: { $or: [{ b: [1] }, { c: [1] }] } }, { a: { c: 1 } }, true],
];

describe('each operator, through every entry point', () => {
  it.each(rows)('%s', (_name, pattern, event, want) => {
    expectMatch(pattern, event, want);
  });

  it('keeps the last of duplicate pattern keys, as EventBridge does', () => {
    expectMatch('{"a":["x"],"a":["y"]}', { a: 'y' }, true);
    expectMatch('{"a":["x"],"a":["y"]}', { a: 'x' }, false);
  });
});

describe('number literals in raw text', () => {
  it('compares numbers by value whatever their spelling', () => {
    for (const literal of ['300', '300.0', '3e2', '3.0E+2', '30000e-2']) {
      expectMatch({ a: [300] }, `{"a":${literal}}`, true);
      expectMatch({ a: [{ numeric: ['>=', 300, '<', 301] }] }, `{"a":${literal}}`, true);
    }
  });

  it('finds equal values whose digits round up to the next integer, or carry an exponent', () => {
    expectMatch({ a: [300] }, '{"a":299.99999999999999999}', true);
    expectMatch({ a: [-2.5] }, '{"a":-0.025e2}', true);
    expectMatch({ a: [2.5] }, '{"a":[1.5, 3.5, 2.50]}', true);
    expectMatch({ a: [2.5] }, '{"a":[1.5, 3.5, 2.49]}', false);
  });

  it('does not order a literal with more digits than a double holds, but still compares it for equality', () => {
    expectMatch({ a: [{ numeric: ['>=', 37.8] }] }, '{"a":37.808480096967251}', false);
    expectMatch({ a: [37.80780792169409] }, '{"a":37.807807921694092}', true);
    expectMatch({ a: [{ numeric: ['=', 37.80780792169409] }] }, '{"a":37.807807921694092}', true);
    expectMatch({ a: [{ 'anything-but': [1] }] }, '{"a":37.808480096967251}', true);
    expectMatch({ a: [{ exists: true }] }, '{"a":37.808480096967251}', true);
    expectMatch({ a: [{ numeric: ['>=', 37.8] }] }, '{"a":37.80848009696725}', true);
  });
});

describe('the raw-text scanner', () => {
  it('reads keys and values written with escapes', () => {
    expectMatch({ 'k"y': ['v\n"'] }, '{"k\\"y":"v\\n\\""}', true);
    expectMatch({ key: ['é'] }, '{"k\\u0065y":"\\u00e9"}', true);
  });

  it('handles whitespace anywhere JSON allows it', () => {
    expectMatch({ a: { b: [1] } }, ' {\n "a" :\t{ "b" : [ 1 ] } \r\n} ', true);
  });

  it('finds a key of interest after a large skipped value', () => {
    const big = { skip: { deep: [[1, 2, [3, { a: 'x' }]], 'text "quoted" \\ more'] }, a: 'y' };
    expectMatch({ a: ['y'] }, big, true);
    expectMatch({ a: ['x'] }, big, false);
  });

  it('keeps collecting array elements after a skipped nested object', () => {
    expectMatch({ a: [5] }, '{"a":[{"zz":[1]},5]}', true);
    expectMatch({ a: { b: [5] }, c: [1] }, '{"a":[{"zz":[1]},{"b":5}],"c":1}', true);
  });

  it('matches nothing on text that is not a JSON object', () => {
    const m = new RuleMatcher();
    m.addRule('r', { a: [{ exists: false }] });
    for (const text of ['', '[]', '"a"', '{"a":', '{"a" 1}', 'nul', '{"a":tru}'])
      expect(m.matchJson(text)).toEqual([]);
    expect(m.matchJson('{}')).toEqual(['r']);
  });

  it('agrees with the reference on keys that look like the interesting ones inside strings', () => {
    const tree = compilePattern({ a: ['x'] }).tree;
    const text = '{"b":"\\"a\\": \\"x\\"","c":{"d":["a\\""]}}';
    expect(referenceMatchesJson(tree, text)).toBe(false);
    expectMatch({ a: ['x'] }, text, false);
  });
});
