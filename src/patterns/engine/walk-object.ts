import type { EventValues } from './event-values.js';
import { keyFilterSlot, type TrieNode } from './field-trie.js';

/**
 * The generic walk of a parsed event along the trie of named paths (the compiled walker's fallback for
 * nodes with very many keys): arrays (and arrays of arrays) give each element to the same path, objects
 * in arrays carry on there. Loops over the node's keys when few, else over the object's keys.
 */
export function walkObjectGeneric(node: TrieNode, obj: Record<string, unknown>, out: EventValues): void {
  if (node.fewKeys) {
    const keys = node.keys;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      if (node.inherited[i] && !Object.hasOwn(obj, key)) continue;
      const value = obj[key];
      if (value !== undefined) visit(node.nodes[i], value, out);
    }
    return;
  }
  const filter = node.filter;
  for (const key in obj) {
    if (filter[keyFilterSlot(key)] === 0) continue;
    const child = node.byKey.get(key);
    if (child !== undefined) visit(child, obj[key], out);
  }
}

function visit(node: TrieNode, value: unknown, out: EventValues): void {
  switch (typeof value) {
    case 'string':
      if (node.slot !== null) out.string(node.slot, value);
      return;
    case 'number':
      if (node.slot !== null) out.number(node.slot, value);
      return;
    case 'boolean':
      if (node.slot !== null) out.boolean(node.slot, value);
      return;
    case 'object':
      if (value === null) {
        if (node.slot !== null) out.null(node.slot);
      } else if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) visit(node, value[i], out);
      } else if (node.keys.length > 0) {
        walkObjectGeneric(node, value as Record<string, unknown>, out);
      }
      return;
    default:
      return;
  }
}
