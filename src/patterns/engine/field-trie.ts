import type { PathSlot } from './path-slot.js';

/** Keys that plain objects inherit: reading them needs an own-property check. */
const INHERITED = new Set(Object.getOwnPropertyNames(Object.prototype));
/** Above this many keys a node is matched by iterating the event's keys instead of the node's. */
const FEW_KEYS = 8;
/** Above this many distinct key segments, searching ahead costs more than scanning: no early stop. */
const MAX_STOP_KEYS = 8;
/** Whether a key's JSON text form may differ from the key itself (escapes); disables the early stop. */
function needsEscape(key: string): boolean {
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || c === 0x2028 || c === 0x2029) return true;
  }
  return false;
}

/**
 * A node of the trie of field paths some pattern names. `keys` holds each child's segment and, so that
 * an event key containing dots (`"state.status"`) is found too, the dot-joined path to every deeper node.
 */
export class TrieNode {
  slot: PathSlot | null = null;
  readonly keys: string[] = [];
  readonly nodes: TrieNode[] = [];
  /** Per key: whether it must be read as an own property. */
  readonly inherited: boolean[] = [];
  readonly byKey = new Map<string, TrieNode>();
  readonly children = new Map<string, TrieNode>();
  /** Iterate the node's keys (few) rather than the event object's keys. */
  fewKeys = true;
  /**
   * A cheap pre-filter on (key length, first character) of the node's keys, so that iterating an event
   * object's keys costs a table read for most keys and a map lookup only for likely ones.
   */
  readonly filter = new Uint8Array(4096);
  /** Keys by length (index), for the raw scanner's allocation-free comparison. */
  readonly byLength: Array<Array<{ key: string; first: number; node: TrieNode }> | undefined> = [];
}

export class FieldTrie {
  readonly root = new TrieNode();
  /** Every key any node accepts (segments and dot-joined paths). */
  readonly allKeys: string[];
  /**
   * Whether the raw scanner may stop early ("no key of interest ahead"): keys are written the same way
   * in JSON text (no escapes) and few enough that looking ahead is cheap.
   */
  readonly earlyStop: boolean;
  /**
   * Each distinct path segment followed by a closing quote. Any key of interest (a dot-joined one too)
   * ends with one of these, so if none occurs ahead, no value of interest can follow.
   */
  readonly keyTails: string[];

  constructor(slots: Iterable<PathSlot>) {
    const segments = new Set<string>();
    for (const slot of slots) for (const s of this.#insert(slot)) segments.add(s);
    const all = new Set<string>();
    finish(this.root, all);
    this.allKeys = [...all];
    this.keyTails = [...segments].map((k) => `${k}"`);
    this.earlyStop = segments.size <= MAX_STOP_KEYS && this.allKeys.every((k) => !needsEscape(k));
  }

  #insert(slot: PathSlot): string[] {
    let node = this.root;
    const segments = slot.path.split('.');
    for (const segment of segments) {
      let child = node.children.get(segment);
      if (!child) {
        child = new TrieNode();
        node.children.set(segment, child);
      }
      node = child;
    }
    node.slot = slot;
    return segments;
  }
}

function finish(node: TrieNode, all: Set<string>): void {
  for (const child of node.children.values()) finish(child, all);
  for (const [key, target] of descendants(node, undefined)) {
    node.keys.push(key);
    node.nodes.push(target);
    node.inherited.push(INHERITED.has(key));
    node.byKey.set(key, target);
    node.filter[keyFilterSlot(key)] = 1;
    const entry = { key, first: key.charCodeAt(0), node: target };
    while (node.byLength.length <= key.length) node.byLength.push(undefined);
    const same = node.byLength[key.length];
    if (same) same.push(entry);
    else node.byLength[key.length] = [entry];
    all.add(key);
  }
  node.fewKeys = node.keys.length <= FEW_KEYS;
}

/** Every node below `node` with its dot-joined relative path. */
function descendants(node: TrieNode, prefix: string | undefined): Array<[string, TrieNode]> {
  const out: Array<[string, TrieNode]> = [];
  for (const [segment, child] of node.children) {
    const key = prefix === undefined ? segment : `${prefix}.${segment}`;
    out.push([key, child], ...descendants(child, key));
  }
  return out;
}

/** The filter slot of a key: its length and first character, folded into 12 bits. */
export function keyFilterSlot(key: string): number {
  return ((key.length << 7) ^ (key.length === 0 ? 0 : key.charCodeAt(0))) & 4095;
}
