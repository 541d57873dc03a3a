import { describe, expect, it } from 'vitest';
import { JsonSyntaxError, lineAndColumn, parseJson } from './json-text.js';

function fault(text: string, options = {}): JsonSyntaxError {
  try {
    parseJson(text, options);
  } catch (error) {
    if (error instanceof JsonSyntaxError) return error;
    throw error;
  }
  throw new Error('parsed');
}

describe('parseJson', () => {
  it('parses valid JSON', () => {
    expect(parseJson('{"a":[1,2]}')).toEqual({ a: [1, 2] });
  });

  it('reports the line and column of a trailing comma', () => {
    const error = fault('{\n  "a": 1,\n  "b": 2,\n}');
    expect(error).toBeInstanceOf(JsonSyntaxError);
    expect(error.name).toBe('JsonSyntaxError');
    expect([error.line, error.column]).toEqual([4, 1]);
    expect(error.message).toMatch(/^invalid JSON: .* at line 4, column 1$/);
    expect(error.cause).toBeInstanceOf(SyntaxError);
  });

  it('reports the end of the text for a truncated document', () => {
    const error = fault('{"a":\n[1,');
    expect([error.line, error.column]).toEqual([2, 4]);
  });

  it('offsets lines for a document that starts further down', () => {
    expect(fault('{"a" 1}', { firstLine: 7 }).line).toBe(7);
  });

  it('accepts trailing commas and comments when lenient, and still locates faults', () => {
    expect(parseJson('{"a": [1,], // note\n}', { lenient: true })).toEqual({ a: [1] });
    const error = fault('{"a": 1,\n "b": }', { lenient: true });
    expect([error.line, error.column]).toEqual([2, 7]);
  });
});

describe('lineAndColumn', () => {
  it('counts from 1', () => {
    expect(lineAndColumn('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(lineAndColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });
});
