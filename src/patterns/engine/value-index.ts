import type { Matcher } from '../ast.js';
import { foldCase } from '../operators/fold-case.js';
import { parseWildcard } from '../operators/wildcard.js';
import { AffixIndex } from './affix-index.js';
import { BucketMap, removeOne } from './bucket-map.js';
import type { Predicate } from './predicate.js';

/**
 * What one exact string value concerns: the access predicates it finds (`access`), and every
 * predicate decided by the index that it satisfies, access or not (`known`: see `Predicate.decidedByIndex`). One
 * lookup per value serves both.
 */
export interface StringEntry {
  readonly access: Predicate[];
  readonly known: Predicate[];
}

/**
 * Finds, for one path, the access predicates a value may satisfy: exact values, prefixes, suffixes and
 * their case-folded forms by hash lookup; the few operators that cannot be looked up (numeric ranges,
 * CIDR, anything-but, exists) in short per-kind lists. Hits are candidates, confirmed afterwards.
 */
export class ValueIndex {
  readonly strings = new Map<string, StringEntry>();
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

  /**
   * Files a predicate decided by the index for as long as it exists, access or not: its strings under
   * `known`, its prefixes in `prefixes` (whose hits mark such predicates and fire the access ones).
   */
  addKnown(p: Predicate): void {
    for (const s of p.test.strings) this.#string(s, 'known', p, true);
    for (const prefix of p.test.prefixes) this.prefixes.add(prefix, p);
  }

  removeKnown(p: Predicate): void {
    for (const s of p.test.strings) this.#string(s, 'known', p, false);
    for (const prefix of p.test.prefixes) this.prefixes.remove(prefix, p);
  }

  #string(value: string, list: keyof StringEntry, p: Predicate, add: boolean): void {
    let entry = this.strings.get(value);
    if (entry === undefined) {
      if (!add) return;
      entry = { access: [], known: [] };
      this.strings.set(value, entry);
    }
    this.#list(entry[list], p, add);
    if (entry.access.length === 0 && entry.known.length === 0) this.strings.delete(value);
  }

  #refresh(): void {
    this.needsFold = this.folded.size > 0 || !this.foldedPrefixes.isEmpty || !this.foldedSuffixes.isEmpty;
  }

  #file(m: Matcher, p: Predicate, add: boolean): void {
    switch (m.kind) {
      case 'exact':
        if (typeof m.value === 'string') this.#string(m.value, 'access', p, add);
        else if (typeof m.value === 'number') this.#bucket(this.numbers, m.value, p, add);
        else this.#list(m.value === null ? this.onNull : m.value ? this.onTrue : this.onFalse, p, add);
        break;
      case 'prefix':
        if (m.ignoreCase) this.#affix(this.foldedPrefixes, foldCase(m.value), p, add);
        // A predicate decided by the index has its prefixes filed for its whole life (`addKnown`).
        else if (!p.decidedByIndex) this.#affix(this.prefixes, m.value, p, add);
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
    if (pieces.length === 1) this.#string(first, 'access', p, add);
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
