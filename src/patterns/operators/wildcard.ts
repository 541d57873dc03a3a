import { InvalidEventPatternError } from '../errors.js';

/**
 * A wildcard pattern split at its unescaped `*`: `pieces[0]` must start the value, the last piece must end
 * it, and the pieces between must appear in order. With a single piece there is no `*` and the value
 * must equal it.
 */
export interface Wildcard {
  readonly source: string;
  readonly pieces: readonly string[];
}

/** Parses `*`, `\*` (a literal star) and `\\` (a literal backslash); any other backslash is an error. */
export function parseWildcard(source: string): Wildcard {
  const pieces: string[] = [];
  let piece = '';
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '*') {
      if (source[i + 1] === '*')
        throw new InvalidEventPatternError(`Consecutive wildcard characters at pos ${i + 1}`);
      pieces.push(piece);
      piece = '';
    } else if (c === '\\') {
      const next = source[i + 1];
      if (next !== '*' && next !== '\\')
        throw new InvalidEventPatternError(`Invalid escape character at pos ${i}`);
      piece += next;
      i++;
    } else {
      piece += c;
    }
  }
  pieces.push(piece);
  return { source, pieces };
}

/**
 * Whether `value` matches. Taking each middle piece at its leftmost occurrence is optimal for `*`-only
 * patterns: a later occurrence never leaves more room for the pieces that follow.
 */
export function wildcardMatches(w: Wildcard, value: string): boolean {
  const pieces = w.pieces;
  const last = pieces.length - 1;
  const first = pieces[0];
  if (last === 0) return value === first;
  const tail = pieces[last];
  if (value.length < first.length + tail.length) return false;
  if (!value.startsWith(first) || !value.endsWith(tail)) return false;
  let pos = first.length;
  const end = value.length - tail.length;
  for (let i = 1; i < last; i++) {
    const piece = pieces[i];
    const at = value.indexOf(piece, pos);
    if (at < 0 || at + piece.length > end) return false;
    pos = at + piece.length;
  }
  return true;
}
