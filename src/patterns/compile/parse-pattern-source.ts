import { InvalidEventPatternError } from '../errors.js';

/**
 * A pattern arrives as JSON text or as an already parsed value. `JSON.parse` keeps the last of duplicate
 * keys, which is what EventBridge does too.
 */
export function parsePatternSource(pattern: string | object): unknown {
  if (typeof pattern !== 'string') return pattern;
  try {
    return JSON.parse(pattern);
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    throw new InvalidEventPatternError(`Filter is not valid JSON: ${detail}`, { cause });
  }
}
