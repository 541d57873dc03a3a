import { InvalidEventPatternError } from '../errors.js';
import type { Wildcard } from './wildcard.js';

/**
 * EventBridge refuses wildcard patterns whose matching could keep many partial matches alive at once
 * (`*:*:*:*:*:event-bus/*` is refused, `/Users/*\/dir/dir/dir/dir/dir/doc.txt` is not). The measure is the
 * one event-ruler uses: the largest number of pattern prefixes that one input string can match at the
 * same time, found by exploring the subset automaton. Patterns above the limit are refused.
 */
export const MAX_WILDCARD_COMPLEXITY = 10;
const MAX_EXPLORED_STATES = 4096;
const TOO_COMPLEX =
  'Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character';

export function assertWildcardComplexity(w: Wildcard): void {
  if (w.pieces.length <= 1) return;
  if (wildcardComplexity(w) > MAX_WILDCARD_COMPLEXITY) throw new InvalidEventPatternError(TOO_COMPLEX);
}

/** Token i is a character, or null for a star; state k means "the first k tokens matched". */
export function wildcardComplexity(w: Wildcard): number {
  const tokens: Array<string | null> = [];
  w.pieces.forEach((piece, i) => {
    if (i > 0) tokens.push(null);
    for (const c of piece) tokens.push(c);
  });
  const alphabet = [...new Set(tokens.filter((t): t is string => t !== null)), '\u{10FFFF}'];
  const seen = new Set<string>();
  const queue = [closure([0], tokens)];
  let max = 0;
  while (queue.length > 0) {
    const states = queue.pop()!;
    const key = states.join(',');
    if (seen.has(key)) continue;
    seen.add(key);
    if (seen.size > MAX_EXPLORED_STATES) return Number.POSITIVE_INFINITY;
    max = Math.max(max, states.filter((s) => s > 0).length);
    for (const c of alphabet) {
      const next = step(states, tokens, c);
      if (next.length > 0) queue.push(closure(next, tokens));
    }
  }
  return max;
}

function step(states: number[], tokens: Array<string | null>, c: string): number[] {
  const next: number[] = [];
  for (const s of states) {
    if (s > 0 && tokens[s - 1] === null) next.push(s);
    if (s < tokens.length && tokens[s] === c) next.push(s + 1);
  }
  return next;
}

function closure(states: number[], tokens: Array<string | null>): number[] {
  const out = new Set<number>();
  for (let s of states) {
    out.add(s);
    while (s < tokens.length && tokens[s] === null) out.add(++s);
  }
  return [...out].sort((a, b) => a - b);
}
