import type { PatternTree } from './ast.js';
import { compileTree } from './compile/compile-tree.js';
import { parsePatternSource } from './compile/parse-pattern-source.js';
import { countConjunctions } from './engine/dnf.js';
import { InvalidEventPatternError } from './errors.js';
import { referenceMatches, referenceMatchesJson } from './reference/interpreter.js';

/** The most `$or`-free alternatives one pattern may expand to (nested `$or` multiply). */
export const MAX_CONJUNCTIONS = 1024;

/** A validated event pattern, ready to be added to a matcher or tested against one event. */
export class CompiledPattern {
  /** The pattern with nested objects flattened into dot-joined paths. */
  readonly tree: PatternTree;
  /** The pattern as canonical JSON (duplicate keys resolved, whitespace removed). */
  readonly json: string;

  constructor(tree: PatternTree, json: string) {
    this.tree = tree;
    this.json = json;
  }

  /** Whether a parsed event matches. */
  matches(event: unknown): boolean {
    return referenceMatches(this.tree, event);
  }

  /** Whether an event given as JSON text matches; text that is not a JSON object never matches. */
  matchesJson(json: string): boolean {
    return referenceMatchesJson(this.tree, json);
  }
}

/**
 * Validates a pattern (JSON text or a parsed object) and returns its compiled form.
 * @throws InvalidEventPatternError with the reason EventBridge gives, where known.
 * @example compilePattern({ source: ['aws.connect'], detail: { channel: ['VOICE'] } })
 */
export function compilePattern(pattern: string | object): CompiledPattern {
  if (pattern instanceof CompiledPattern) return pattern;
  const parsed = parsePatternSource(pattern);
  const tree = compileTree(parsed);
  if (countConjunctions(tree) > MAX_CONJUNCTIONS) {
    throw new InvalidEventPatternError('Rule is too complex - try using fewer $or branches');
  }
  return new CompiledPattern(tree, JSON.stringify(parsed));
}
