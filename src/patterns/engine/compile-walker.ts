import type { EventValues } from './event-values.js';
import type { FieldTrie, TrieNode } from './field-trie.js';
import type { PathSlot } from './path-slot.js';
import { walkObjectGeneric } from './walk-object.js';

export type Walker = (event: unknown, out: EventValues) => void;

/** Above this many keys, a node is walked by the generic loop over the event's keys instead. */
const MAX_INLINE_KEYS = 48;
const INHERITED = new Set(Object.getOwnPropertyNames(Object.prototype));

/**
 * Compiles the trie of named paths into JavaScript specialised for it: one function per node, each
 * reading the keys patterns name as constant property loads. Constant keys give every load its own
 * inline cache, which makes reading a parsed event several times faster than looking keys up by
 * variable name. Dot-joined keys (an event key "a.b" standing for a.b) are read the same way, as
 * constant keys. Key text enters the generated code only through JSON.stringify, never raw.
 */
export function compileWalker(trie: FieldTrie): Walker {
  if (trie.root.keys.length === 0) return () => {};
  const nodes: TrieNode[] = [];
  const slots: Array<PathSlot | null> = [];
  const idOf = new Map<TrieNode, number>();
  const visit = (node: TrieNode): number => {
    let id = idOf.get(node);
    if (id === undefined) {
      id = nodes.length;
      idOf.set(node, id);
      nodes.push(node);
      slots.push(node.slot);
      for (const child of node.nodes) visit(child);
    }
    return id;
  };
  visit(trie.root);
  const parts: string[] = ['"use strict";'];
  nodes.forEach((node, id) => {
    parts.push(objectFunction(node, id, idOf), valueFunction(node, id));
  });
  parts.push(
    'return (e, out) => { if (e !== null && typeof e === "object" && !Array.isArray(e)) o0(e, out); };',
  );
  const factory = new Function('S', 'N', 'hasOwn', 'generic', parts.join('\n')) as (
    slots: Array<PathSlot | null>,
    nodes: TrieNode[],
    hasOwn: typeof Object.hasOwn,
    generic: typeof walkObjectGeneric,
  ) => Walker;
  return factory(slots, nodes, Object.hasOwn, walkObjectGeneric);
}

/** `o<id>(o, out)`: reads the node's keys from an event object. */
function objectFunction(node: TrieNode, id: number, idOf: Map<TrieNode, number>): string {
  if (node.keys.length === 0) return '';
  if (node.keys.length > MAX_INLINE_KEYS) return `function o${id}(o, out) { generic(N[${id}], o, out); }`;
  const lines = node.keys.map((key, i) => {
    const k = JSON.stringify(key);
    const target = idOf.get(node.nodes[i]);
    const read = INHERITED.has(key) ? `hasOwn(o, ${k}) ? o[${k}] : undefined` : `o[${k}]`;
    return `v = ${read}; if (v !== undefined) v${target}(v, out);`;
  });
  return `function o${id}(o, out) { let v;\n${lines.join('\n')}\n}`;
}

/** `v<id>(v, out)`: one value at the node's path: a leaf value, an array, or an object to descend. */
function valueFunction(node: TrieNode, id: number): string {
  const slot = node.slot !== null;
  const leaf = (call: string) => (slot ? `${call}; return;` : 'return;');
  return `function v${id}(v, out) {
  switch (typeof v) {
    case "string": ${leaf(`out.string(S[${id}], v)`)}
    case "number": ${leaf(`out.number(S[${id}], v)`)}
    case "boolean": ${leaf(`out.boolean(S[${id}], v)`)}
    case "object":
      if (v === null) { ${leaf(`out.null(S[${id}])`)} }
      if (Array.isArray(v)) { for (let i = 0; i < v.length; i++) v${id}(v[i], out); return; }
      ${node.keys.length > 0 ? `o${id}(v, out);` : ''}
      return;
  }
}`;
}
