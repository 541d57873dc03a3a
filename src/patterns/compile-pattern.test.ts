import { describe, expect, it } from 'vitest';
import { compilePattern, InvalidEventPatternError } from './index.js';

function reasonOf(pattern: string | object): string {
  try {
    compilePattern(pattern);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidEventPatternError);
    const e = error as InvalidEventPatternError;
    expect(e.name).toBe('InvalidEventPatternError');
    expect(e.code).toBe('InvalidEventPatternException');
    expect(e.message).toBe(`Event pattern is not valid. Reason: ${e.reason}`);
    return e.reason;
  }
  throw new Error('expected the pattern to be rejected');
}

describe('compilePattern', () => {
  it('flattens nested objects into dot-joined paths', () => {
    const { tree } = compilePattern({ detail: { queueInfo: { queueArn: ['q'] } }, source: ['s'] });
    expect(tree.fields.map((f) => f.path)).toEqual(['detail.queueInfo.queueArn', 'source']);
  });

  it('gives the reason for each kind of mistake', () => {
    expect(reasonOf('{"a": [1')).toMatch(/^Filter is not valid JSON/);
    expect(reasonOf('[1]')).toBe('Filter is not an object');
    expect(reasonOf({})).toBe('Empty objects are not allowed');
    expect(reasonOf({ a: { b: {} } })).toBe('Empty objects are not allowed');
    expect(reasonOf({ a: [[1]] })).toBe('Match value must be String, number, true, false, or null');
    expect(reasonOf({ a: [{}] })).toBe('Match expression name not found');
    expect(reasonOf({ a: [{ prefix: 'a', suffix: 'b' }] })).toBe('Only one key allowed in match expression');
    expect(reasonOf({ a: [{ numeric: ['<', 5, '>', 1] }] })).toBe('Too many elements in numeric expression');
    expect(reasonOf({ a: [{ numeric: ['>', 5, '<', 1] }] })).toBe('Bottom must be less than top');
    expect(reasonOf({ a: [{ numeric: ['!', 5] }] })).toBe('Unrecognized numeric range operator: !');
    expect(reasonOf({ a: [{ exists: 'yes' }] })).toBe('exists match pattern must be either true or false.');
    expect(reasonOf({ a: [{ 'anything-but': ['a', 1] }] })).toBe(
      'Inside anything but list, either all values are number or string, mixed type is not supported',
    );
    expect(reasonOf({ a: [{ 'anything-but': { exists: true } }] })).toBe(
      'Unsupported anything-but pattern: exists',
    );
    expect(reasonOf({ a: [{ wildcard: 'a\\b' }] })).toBe('Invalid escape character at pos 1');
    expect(reasonOf({ a: [{ cidr: '10.0.0.0/33' }] })).toBe(
      'Malformed CIDR, mask bits must be between 0 and 32',
    );
    expect(reasonOf({ $or: [{ a: [1] }] })).toBe('There must have at least 2 Objects in $or relationship.');
    expect(reasonOf({ $or: { a: [1] } })).toBe('It must be an Array followed with $or.');
    expect(reasonOf({ $or: [{ a: [1] }, 'b'] })).toBe(
      'Only JSON object is allowed in array of $or relationship.',
    );
  });

  it('carries the JSON error as the cause', () => {
    try {
      compilePattern('{');
    } catch (error) {
      expect((error as Error).cause).toBeInstanceOf(SyntaxError);
    }
  });

  it('refuses wildcards that keep too many partial matches alive, and accepts ordinary ones', () => {
    expect(reasonOf({ a: [{ wildcard: '*:*:*:*:*:event-bus/*' }] })).toMatch(/^Rule is too complex/);
    expect(reasonOf({ a: [{ 'anything-but': { wildcard: ['*a*a*a*a*a*a*'] } }] })).toMatch(
      /^Rule is too complex/,
    );
    expect(() =>
      compilePattern({ a: [{ wildcard: 'arn:aws:events:us-east-1:*:event-bus/*' }] }),
    ).not.toThrow();
    expect(() => compilePattern({ a: [{ wildcard: '/Users/*/dir/dir/dir/dir/dir/doc.txt' }] })).not.toThrow();
  });

  it('refuses $or nesting that expands past the limit', () => {
    const branches = (n: number, key: string) => Array.from({ length: n }, (_, i) => ({ [key]: [i] }));
    const pattern = { $or: branches(40, 'a'), b: { $or: branches(40, 'c') } };
    expect(reasonOf(pattern)).toMatch(/^Rule is too complex/);
  });
});
