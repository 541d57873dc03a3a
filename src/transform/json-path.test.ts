import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateJsonPath, type JsonPath, parseJsonPath } from './json-path.js';

function get(path: string, root: unknown): unknown {
  return evaluateJsonPath(parseJsonPath(path) as JsonPath, root);
}

describe('JSON paths', () => {
  const doc = { detail: { 'contact-id': 'c', 'a/b': 1, list: [{ x: 1 }, { x: 2 }], nil: null } };

  it('reads members with dashes and slashes, indices and wildcards', () => {
    expect(get('$.detail.contact-id', doc)).toBe('c');
    expect(get('$.detail.a/b', doc)).toBe(1);
    expect(get('$.detail.list[1].x', doc)).toBe(2);
    expect(get('$.detail.list[*].x', doc)).toEqual([1, 2]);
    expect(get('$.detail.list.*.x', doc)).toEqual([1, 2]);
    expect(get('$.detail.nil', doc)).toBeNull();
  });

  it('answers undefined when nothing matches', () => {
    expect(get('$.detail.list[5]', doc)).toBeUndefined();
    expect(get('$.detail.contact-id.deeper', doc)).toBeUndefined();
    expect(get('$.detail.missing[*]', doc)).toBeUndefined();
    expect(get('$.toString', {})).toBeUndefined();
  });

  it('finds any member it names (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/), fc.jsonValue(), (key, value) => {
        expect(get(`$.${key}`, { [key]: value })).toEqual(value);
      }),
    );
  });

  it('refuses what EventBridge does not evaluate', () => {
    for (const bad of ['detail', '$..a', "$['a']", '$.a[-1]', '$.a[0:2]', '$.', '$.a b']) {
      expect(parseJsonPath(bad)).toHaveProperty('error');
    }
  });
});
