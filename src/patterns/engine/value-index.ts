import type { Matcher } from '../ast.js';
import { foldCase } from '../operators/fold-case.js';
import { parseWildcard } from '../operators/wildcard.js';
import { AffixIndex } from './affix-index.js';
import { BucketMap, removeOne } from './bucket-map.js';
import type { Predicate } from './predicate.js';

/**
 * Finds, for one path, the access predicates a value may satisfy: exact values, prefixes, suffixes and
 * their case-folded forms by hash lookup; the few operators that cannot be looked up (numeric ranges,
 * CIDR, anything-but, exists) in short per-kind lists. Hits are candidates, confirmed afterwards.
 */
export class ValueIndex {
  readonly strings = new BucketMap<string, Predicate>();
  readonly numbers = new BucketMap<number, Predicate>();
  readonly onTrue: Predicate[] = [];
  readonly onFalse: Predicate[] = [];
  readonly onNull: Predicate[] = [];
  readonly prefixes = new AffixIndex<Predicate>('prefix');
  readonly suffixes = new AffixIndex<Predicate>('suffix');
  readonly folded = new BucketMap<string, Predicate>();
  readonly foldedPrefixes = new AffixIndex<Predicate>('prefix');
  readonly foldedSuffixes = new AffixIndex<Predicate>('suffix');
  readonly onString: Predicate[] = [];
  readonly onNumber: Predicate[] = [];
  readonly onAny: Predicate[] = [];
  /** Every exact-strings predicate on the path, access or not, by value: see `Predicate.exactStrings`. */
  readonly known = new BucketMap<string, Predicate>();
  /** Whether any case-folded entry exists (so values need folding). */
  needsFold = false;

  add(p: Predicate): void {
    for (const m of p.matchers) this.#file(m, p, true);
    this.#refresh();
  }

  remove(p: Predicate): void {
    for (const m of p.matchers) this.#file(m, p, false);
    this.#refresh();
  }

  addKnown(p: Predicate): void {
    for (const s of p.test.strings) this.known.add(s, p);
  }

  removeKnown(p: Predicate): void {
    for (const s of p.test.strings) this.known.remove(s, p);
  }

  #refresh(): void {
    this.needsFold = this.folded.size > 0 || !this.foldedPrefixes.isEmpty || !this.foldedSuffixes.isEmpty;
  }

  #file(m: Matcher, p: Predicate, add: boolean): void {
    switch (m.kind) {
      case 'exact':
        if (typeof m.value === 'string') this.#bucket(this.strings, m.value, p, add);
        else if (typeof m.value === 'number') this.#bucket(this.numbers, m.value, p, add);
        else this.#list(m.value === null ? this.onNull : m.value ? this.onTrue : this.onFalse, p, add);
        break;
      case 'prefix':
        if (m.ignoreCase) this.#affix(this.foldedPrefixes, foldCase(m.value), p, add);
        else this.#affix(this.prefixes, m.value, p, add);
        break;
      case 'suffix':
        if (m.ignoreCase) this.#affix(this.foldedSuffixes, foldCase(m.value), p, add);
        else this.#affix(this.suffixes, m.value, p, add);
        break;
      case 'equals-ignore-case':
        this.#bucket(this.folded, foldCase(m.value), p, add);
        break;
      case 'wildcard':
        this.#fileWildcard(m.value, p, add);
        break;
      case 'cidr':
        this.#list(this.onString, p, add);
        break;
      case 'numeric':
        this.#list(this.onNumber, p, add);
        break;
      case 'anything-but':
      case 'exists':
        this.#list(this.onAny, p, add);
        break;
    }
  }

  /** A wildcard is found through its literal start, else its literal end, else on any string. */
  #fileWildcard(source: string, p: Predicate, add: boolean): void {
    const pieces = parseWildcard(source).pieces;
    const first = pieces[0];
    const last = pieces[pieces.length - 1];
    if (pieces.length === 1) this.#bucket(this.strings, first, p, add);
    else if (first !== '') this.#affix(this.prefixes, first, p, add);
    else if (last !== '') this.#affix(this.suffixes, last, p, add);
    else this.#list(this.onString, p, add);
  }

  #list(list: Predicate[], p: Predicate, add: boolean): void {
    if (add) list.push(p);
    else removeOne(list, p);
  }

  #bucket<K>(b: BucketMap<K, Predicate>, key: K, p: Predicate, add: boolean): void {
    if (add) b.add(key, p);
    else b.remove(key, p);
  }

  #affix(a: AffixIndex<Predicate>, key: string, p: Predicate, add: boolean): void {
    if (add) a.add(key, p);
    else a.remove(key, p);
  }
}
