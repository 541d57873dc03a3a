import type { FieldTest, PatternTree } from '../ast.js';
import { flattenEvent, type Leaf } from './flatten-event.js';
import { parseJsonText } from './parse-json-text.js';
import { valueMatches } from './value-test.js';

/**
 * The reference semantics, kept small enough to check by reading: flatten the event, then walk the
 * pattern tree. The fast engine is tested against this.
 */
export function referenceMatches(tree: PatternTree, event: unknown): boolean {
  if (event === null || typeof event !== 'object' || Array.isArray(event)) return false;
  return treeMatches(tree, flattenEvent(event));
}

/** The same for an event given as JSON text (numbers keep their written precision); bad JSON: false. */
export function referenceMatchesJson(tree: PatternTree, json: string): boolean {
  let event: unknown;
  try {
    event = parseJsonText(json);
  } catch {
    return false;
  }
  return referenceMatches(tree, event);
}

function treeMatches(tree: PatternTree, flat: Map<string, Leaf[]>): boolean {
  return (
    tree.fields.every((field) => fieldMatches(field, flat.get(field.path) ?? [])) &&
    tree.ors.every((branches) => branches.some((branch) => treeMatches(branch, flat)))
  );
}

/** A field matches when any of its matchers does; `exists` looks at the field, the rest at any value. */
function fieldMatches(field: FieldTest, values: Leaf[]): boolean {
  return field.matchers.some((m) =>
    m.kind === 'exists' ? m.value === values.length > 0 : values.some((v) => valueMatches(m, v)),
  );
}
