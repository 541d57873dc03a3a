import { compilePattern } from './compile-pattern.js';

/**
 * The TestEventPattern API: whether `event` (JSON text or parsed) matches `pattern`.
 * @throws InvalidEventPatternError when the pattern is invalid.
 * @example testEventPattern('{"source":["aws.connect"]}', '{"source":"aws.connect"}') // true
 */
export function testEventPattern(pattern: string | object, event: string | object): boolean {
  const compiled = compilePattern(pattern);
  return typeof event === 'string' ? compiled.matchesJson(event) : compiled.matches(event);
}
