import type { EventValues } from './event-values.js';
import type { FieldTrie, TrieNode } from './field-trie.js';
import type { NumberNeeds } from './number-needs.js';
import { NumberReader } from './number-text.js';
import type { PathSlot } from './path-slot.js';

/** Thrown (one shared instance, no stack capture cost on the hot path) when the text is not JSON. */
export class MalformedJsonError extends Error {
  constructor() {
    super('Malformed JSON event');
    this.name = 'MalformedJsonError';
  }
}
const MALFORMED = new MalformedJsonError();

const QUOTE = 34;
const NONE = Number.MAX_SAFE_INTEGER;
const BACKSLASH = 92;

/**
 * The selective scanner behind matching raw JSON text. It walks the characters once, descends only
 * into keys some pattern names (compared in place, without allocating), skips every other value
 * (strings by `indexOf`, containers by bracket counting), and stops as soon as no key of interest can
 * appear in the rest of the text. Skipped parts are not validated.
 */
export class JsonScanner {
  #text = '';
  #pos = 0;
  #out!: EventValues;
  readonly #numbers = new NumberReader();
  #trie!: FieldTrie;
  #stop = false;
  /** Number of enclosing arrays being collected: an early stop would lose their later elements. */
  #arrays = 0;
  /** Position of the next backslash at or after the last query, or text length when none. */
  #backslash = -1;
  /** Nearest known occurrence of an interesting key (or backslash) ahead; NONE: none; -1: unknown. */
  #aheadMin = -1;
  /** Per interesting key, its next occurrence at or after the last query (NONE: none; -1: unknown). */
  #nextAt: number[] = [];

  /** Gathers the values of `text` into `out`. @throws MalformedJsonError */
  scan(trie: FieldTrie, text: string, out: EventValues): void {
    this.#text = text;
    this.#trie = trie;
    this.#out = out;
    this.#pos = 0;
    this.#stop = false;
    this.#arrays = 0;
    this.#backslash = -1;
    this.#aheadMin = -1;
    const keys = trie.keyTails.length;
    if (this.#nextAt.length !== keys) this.#nextAt = new Array<number>(keys);
    this.#nextAt.fill(-1);
    this.#ws();
    if (text.charCodeAt(this.#pos) !== 123) throw MALFORMED;
    this.#object(trie.root);
  }

  #ws(): void {
    const text = this.#text;
    let pos = this.#pos;
    let c = text.charCodeAt(pos);
    while (c === 32 || c === 10 || c === 13 || c === 9) c = text.charCodeAt(++pos);
    this.#pos = pos;
  }

  #object(node: TrieNode): void {
    const text = this.#text;
    this.#pos++;
    this.#ws();
    if (text.charCodeAt(this.#pos) === 125) {
      this.#pos++;
      return;
    }
    const wanted = node.children.size;
    let seen = 0;
    for (;;) {
      if (text.charCodeAt(this.#pos) !== QUOTE) throw MALFORMED;
      const start = this.#pos + 1;
      const end = this.#stringEnd(this.#pos);
      const child = node.keys.length > 0 ? this.#child(node, start, end) : null;
      if (child !== null) seen++;
      this.#pos = end + 1;
      this.#ws();
      if (text.charCodeAt(this.#pos) !== 58) throw MALFORMED;
      this.#pos++;
      this.#ws();
      if (child !== null) this.#value(child);
      else this.#skip(seen >= wanted);
      if (this.#stop) return;
      this.#ws();
      const c = text.charCodeAt(this.#pos++);
      if (c === 125) return;
      if (c !== 44) throw MALFORMED;
      this.#ws();
    }
  }

  #child(node: TrieNode, start: number, end: number): TrieNode | null {
    const text = this.#text;
    if (this.#hasBackslash(start, end)) {
      const key = JSON.parse(text.slice(start - 1, end + 1)) as string;
      return node.byKey.get(key) ?? null;
    }
    if (!node.fewKeys) return node.byKey.get(text.slice(start, end)) ?? null;
    const length = end - start;
    if (length >= node.byLength.length) return null;
    const candidates = node.byLength[length];
    if (candidates === undefined) return null;
    if (length === 0) return candidates[0].node;
    const first = text.charCodeAt(start);
    for (let i = 0; i < candidates.length; i++) {
      const candidate = candidates[i];
      if (candidate.first === first && text.startsWith(candidate.key, start)) return candidate.node;
    }
    return null;
  }

  #value(node: TrieNode): void {
    const text = this.#text;
    const c = text.charCodeAt(this.#pos);
    const slot = node.slot;
    if (c === QUOTE) {
      const end = this.#stringEnd(this.#pos);
      if (slot !== null) this.#out.string(slot, slot.needStrings ? this.#stringValue(this.#pos, end) : '');
      this.#pos = end + 1;
    } else if (c === 123) {
      if (node.keys.length > 0) this.#object(node);
      else this.#container();
    } else if (c === 91) {
      this.#array(node);
    } else if (c === 116) {
      this.#literal('true');
      if (slot !== null) this.#out.boolean(slot, true);
    } else if (c === 102) {
      this.#literal('false');
      if (slot !== null) this.#out.boolean(slot, false);
    } else if (c === 110) {
      this.#literal('null');
      if (slot !== null) this.#out.null(slot);
    } else if (slot?.needNumbers) {
      this.#number(slot);
    } else {
      const start = this.#pos;
      this.#scalarEnd();
      if (this.#pos === start) throw MALFORMED;
      if (slot !== null) this.#out.number(slot, Number.NaN);
    }
  }

  /** A number where a test reads numbers; where none does, only its presence counts (NaN). */
  #number(slot: PathSlot): void {
    const needs = slot.numberNeeds;
    if (needs.magnitudes !== null && this.#cannotEqual(needs)) {
      this.#out.number(slot, Number.NaN);
      return;
    }
    const reader = this.#numbers;
    const n = reader.read(this.#text, this.#pos, slot.numberNeeds, slot.needOrder);
    this.#pos = reader.end;
    if (reader.exact) {
      if (Number.isNaN(n)) throw MALFORMED;
      this.#out.number(slot, n);
    } else {
      this.#out.imprecise(slot, n);
    }
  }

  /**
   * Where tests only compare numbers for equality, a literal that the first digits (integer part and up
   * to six decimals, exact as a double) already place away from every compared number is skipped
   * without computing its value: it stands as NaN, equal to nothing. The tolerance covers the digits
   * not read, which can only add (up to one unit of the last digit read, rounding included). Advances
   * past the literal when it returns true.
   */
  #cannotEqual(needs: NumberNeeds): boolean {
    const text = this.#text;
    let i = this.#pos;
    if (text.charCodeAt(i) === 45) i++;
    const first = i;
    let whole = 0;
    let c = text.charCodeAt(i);
    while (c >= 48 && c <= 57) {
      whole = whole * 10 + (c - 48);
      c = text.charCodeAt(++i);
    }
    if (i === first || i - first > 15) return false;
    let fraction = 0;
    let scale = 1;
    if (c === 46) {
      c = text.charCodeAt(++i);
      while (c >= 48 && c <= 57) {
        if (scale < 1e6) {
          fraction = fraction * 10 + (c - 48);
          scale *= 10;
        }
        c = text.charCodeAt(++i);
      }
    }
    // An exponent changes the magnitude: leave such literals to the full reader.
    if (c === 101 || c === 69) return false;
    const tolerance = 1 / scale + 1e-9 * (whole + 1);
    if (needs.mayEqual(whole + fraction / scale, tolerance)) return false;
    this.#pos = i;
    return true;
  }

  #array(node: TrieNode): void {
    const text = this.#text;
    this.#pos++;
    this.#ws();
    if (text.charCodeAt(this.#pos) === 93) {
      this.#pos++;
      return;
    }
    this.#arrays++;
    for (;;) {
      this.#value(node);
      if (this.#stop) return;
      this.#ws();
      const c = text.charCodeAt(this.#pos++);
      if (c === 93) break;
      if (c !== 44) throw MALFORMED;
      this.#ws();
    }
    this.#arrays--;
  }

  #literal(word: string): void {
    if (!this.#text.startsWith(word, this.#pos)) throw MALFORMED;
    this.#pos += word.length;
  }

  #stringValue(quote: number, end: number): string {
    if (this.#hasBackslash(quote + 1, end)) return JSON.parse(this.#text.slice(quote, end + 1)) as string;
    return this.#text.slice(quote + 1, end);
  }

  /** Index of the quote closing the string that opens at `quote`. */
  #stringEnd(quote: number): number {
    const text = this.#text;
    let from = quote + 1;
    for (;;) {
      const end = text.indexOf('"', from);
      if (end < 0) throw MALFORMED;
      if (text.charCodeAt(end - 1) !== BACKSLASH) return end;
      let b = end - 1;
      while (text.charCodeAt(b) === BACKSLASH) b--;
      if (((end - 1 - b) & 1) === 0) return end;
      from = end + 1;
    }
  }

  #hasBackslash(start: number, end: number): boolean {
    if (this.#backslash < start) {
      const at = this.#text.indexOf('\\', start);
      this.#backslash = at < 0 ? this.#text.length : at;
    }
    return this.#backslash < end;
  }

  /**
   * Skips the value at the cursor, or stops the scan if nothing of interest follows. Looking ahead is
   * tried before a container, or once every key of interest of the current object has been seen.
   */
  #skip(objectDone: boolean): void {
    const c = this.#text.charCodeAt(this.#pos);
    if (
      this.#arrays === 0 &&
      this.#trie.earlyStop &&
      (objectDone || c === 123 || c === 91) &&
      this.#nothingAhead()
    ) {
      this.#stop = true;
      return;
    }
    if (c === QUOTE) {
      this.#pos = this.#stringEnd(this.#pos) + 1;
    } else if (c === 123 || c === 91) {
      this.#container();
    } else {
      const start = this.#pos;
      this.#scalarEnd();
      if (this.#pos === start) throw MALFORMED;
    }
  }

  /** Advances over a number or literal: up to the next delimiter. */
  #scalarEnd(): void {
    const text = this.#text;
    let pos = this.#pos;
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === 44 || c === 125 || c === 93 || c === 32 || c === 10 || c === 13 || c === 9 || Number.isNaN(c))
        break;
      pos++;
    }
    this.#pos = pos;
  }

  /** Skips an object or array by counting brackets, jumping over strings. */
  #container(): void {
    const text = this.#text;
    let pos = this.#pos;
    let depth = 0;
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === QUOTE) {
        pos = this.#stringEnd(pos) + 1;
        continue;
      }
      if (c === 123 || c === 91) depth++;
      else if (c === 125 || c === 93) {
        if (--depth === 0) break;
      } else if (Number.isNaN(c)) throw MALFORMED;
      pos++;
    }
    this.#pos = pos + 1;
  }

  /**
   * Whether no key any pattern names occurs (as a JSON string) in the rest of the text, so that no
   * further value can matter. Keys written with escapes could hide, so a backslash ahead says no. Each
   * key's next occurrence is remembered, so every key is searched for once per stretch of text.
   */
  #nothingAhead(): boolean {
    const pos = this.#pos;
    const ahead = this.#aheadMin;
    if (ahead === NONE) return true;
    if (ahead >= pos) return false;
    const text = this.#text;
    const keys = this.#trie.keyTails;
    const nextAt = this.#nextAt;
    let nearest = NONE;
    for (let i = 0; i < keys.length; i++) {
      let at = nextAt[i];
      if (at < pos) {
        at = findKey(text, keys[i], pos);
        nextAt[i] = at;
      }
      if (at < nearest) nearest = at;
    }
    if (nearest === NONE && this.#hasBackslash(pos, text.length)) nearest = this.#backslash;
    this.#aheadMin = nearest;
    return nearest === NONE;
  }
}

/**
 * Next position of `tail` (a key segment and its closing quote) that a quote or a dot precedes, so that
 * it may end a key, or NONE. Searching without the opening quote is several times faster: quotes are
 * everywhere in JSON.
 */
function findKey(text: string, tail: string, from: number): number {
  let at = text.indexOf(tail, from);
  while (at >= 0) {
    const before = text.charCodeAt(at - 1);
    if (before === QUOTE || before === 46) return at - 1;
    at = text.indexOf(tail, at + 1);
  }
  return NONE;
}
