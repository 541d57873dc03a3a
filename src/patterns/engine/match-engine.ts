import type { FieldTest, PatternTree } from '../ast.js';
import { foldCase } from '../operators/fold-case.js';
import { chooseAccess } from './access-choice.js';
import { removeOne } from './bucket-map.js';
import { compileWalker, type Walker } from './compile-walker.js';
import type { Conjunction, RuleEntry } from './conjunction.js';
import { toConjunctions } from './dnf.js';
import { EventValues } from './event-values.js';
import { FieldTrie } from './field-trie.js';
import { PathSlot } from './path-slot.js';
import { Predicate } from './predicate.js';
import { JsonScanner, MalformedJsonError } from './scan-json.js';
import { ValueIndex } from './value-index.js';

/**
 * All rules compiled into one structure: a trie of the field paths patterns name, per path an index of
 * values to predicates, and per predicate the conjunctions it gives access to. Matching an event costs
 * the values it holds on named paths plus the candidates those values find, not the number of rules.
 * Rules are added and removed incrementally; only the path trie is rebuilt, when the set of paths changes.
 */
export class MatchEngine {
  readonly #values = new EventValues();
  readonly #scanner = new JsonScanner();
  readonly #slots = new Map<string, PathSlot>();
  readonly #predicates = new Map<string, Predicate>();
  readonly #rules = new Map<string, RuleEntry>();
  readonly #always: Conjunction[] = [];
  /** Conjunctions to verify for the current event: the first `#candidateCount` entries. */
  readonly #candidates: Conjunction[] = [];
  #candidateCount = 0;
  #trie: FieldTrie | null = null;
  #walker: Walker | null = null;
  #epoch = 0;

  get size(): number {
    return this.#rules.size;
  }

  has(name: string): boolean {
    return this.#rules.has(name);
  }

  names(): IterableIterator<string> {
    return this.#rules.keys();
  }

  /** Adds or replaces a rule. Throws (before changing anything) if the pattern expands too far. */
  add(name: string, tree: PatternTree): void {
    const branches = toConjunctions(tree);
    this.remove(name);
    const rule: RuleEntry = { name, conjunctions: [], epoch: 0 };
    for (const tests of branches) {
      const predicates = tests.map((t) => this.#acquire(t));
      const conjunction: Conjunction = { rule, predicates, access: null, epoch: 0 };
      this.#attach(conjunction, chooseAccess(predicates));
      rule.conjunctions.push(conjunction);
    }
    this.#rules.set(name, rule);
  }

  remove(name: string): boolean {
    const rule = this.#rules.get(name);
    if (rule === undefined) return false;
    for (const conjunction of rule.conjunctions) {
      this.#detach(conjunction);
      for (const p of conjunction.predicates) this.#release(p);
    }
    this.#rules.delete(name);
    return true;
  }

  /** Names of the rules a parsed event matches. */
  matchEvent(event: unknown): string[] {
    if (event === null || typeof event !== 'object' || Array.isArray(event)) return [];
    const epoch = this.#values.start();
    if (this.#walker === null) this.#walker = compileWalker(this.#currentTrie());
    this.#walker(event, this.#values);
    return this.#decide(epoch);
  }

  /** Names of the rules an event given as JSON text matches; malformed text matches nothing. */
  matchJson(text: string): string[] {
    const epoch = this.#values.start();
    try {
      this.#scanner.scan(this.#currentTrie(), text, this.#values);
    } catch (error) {
      if (error instanceof MalformedJsonError || error instanceof SyntaxError) return [];
      throw error;
    }
    return this.#decide(epoch);
  }

  #currentTrie(): FieldTrie {
    if (this.#trie === null) this.#trie = new FieldTrie(this.#slots.values());
    return this.#trie;
  }

  #attach(c: Conjunction, access: Predicate | null): void {
    c.access = access;
    if (access === null) {
      this.#always.push(c);
      return;
    }
    if (access.access.length === 0) access.slot.index.add(access);
    access.access.push(c);
  }

  #detach(c: Conjunction): void {
    const access = c.access;
    if (access === null) {
      removeOne(this.#always, c);
      return;
    }
    removeOne(access.access, c);
    if (access.access.length === 0) access.slot.index.remove(access);
  }

  #acquire(test: FieldTest): Predicate {
    const key = `${test.path}\u0000${JSON.stringify(test.matchers, cidrAsText)}`;
    let p = this.#predicates.get(key);
    if (p === undefined) {
      const slot = this.#slot(test.path);
      p = new Predicate(key, slot, test.matchers);
      this.#predicates.set(key, p);
      slot.predicates.add(p);
      slot.refreshNeeds();
      if (p.exactStrings) slot.index.addKnown(p);
    }
    p.uses++;
    if (p.uses >= 8 && (p.uses & (p.uses - 1)) === 0) this.#rebalance(p);
    return p;
  }

  /**
   * A predicate shared by ever more rules (`source = aws.connect`) makes a poor access path: when its
   * use count doubles, the conjunctions it gives access to move to a more selective predicate if they
   * have one.
   */
  #rebalance(p: Predicate): void {
    for (const c of [...p.access]) {
      const best = chooseAccess(c.predicates);
      if (best !== p) {
        this.#detach(c);
        this.#attach(c, best);
      }
    }
  }

  #release(p: Predicate): void {
    if (--p.uses > 0) return;
    this.#predicates.delete(p.key);
    const slot = p.slot;
    slot.predicates.delete(p);
    slot.refreshNeeds();
    if (p.exactStrings) slot.index.removeKnown(p);
    if (slot.predicates.size === 0) {
      this.#slots.delete(slot.path);
      this.#trie = null;
      this.#walker = null;
    }
  }

  #slot(path: string): PathSlot {
    let slot = this.#slots.get(path);
    if (slot === undefined) {
      slot = new PathSlot(path, new ValueIndex());
      this.#slots.set(path, slot);
      this.#trie = null;
      this.#walker = null;
    }
    return slot;
  }

  #decide(epoch: number): string[] {
    this.#epoch = epoch;
    this.#candidateCount = 0;
    const touched = this.#values.touched;
    const count = this.#values.touchedCount;
    for (let i = 0; i < count; i++) this.#fireSlot(touched[i]);
    const always = this.#always;
    for (let i = 0; i < always.length; i++) this.#candidates[this.#candidateCount++] = always[i];
    const candidates = this.#candidates;
    const candidateCount = this.#candidateCount;
    const names: string[] = [];
    for (let i = 0; i < candidateCount; i++) {
      const c = candidates[i];
      const rule = c.rule;
      if (rule.epoch === epoch || !holdsAll(c, epoch)) continue;
      rule.epoch = epoch;
      names.push(rule.name);
    }
    return names;
  }

  #fireSlot(slot: PathSlot): void {
    const index = slot.index;
    const fire = this.#fire;
    if (index.onAny.length > 0) fire(index.onAny);
    const strs = slot.strs;
    const known = index.known.map;
    for (let i = 0; i < slot.nStrs; i++) {
      const s = strs[i];
      if (known.size > 0) this.#markKnown(known.get(s));
      const exact = index.strings.map.get(s);
      if (exact !== undefined) fire(exact);
      if (!index.prefixes.isEmpty) index.prefixes.forEachMatch(s, fire);
      if (!index.suffixes.isEmpty) index.suffixes.forEachMatch(s, fire);
      if (index.needsFold) this.#fireFolded(index, foldCase(s));
      if (index.onString.length > 0) fire(index.onString);
    }
    if (slot.nNums > 0) this.#fireNumbers(index, slot.nums, slot.nNums);
    if (slot.nImprecise > 0) this.#fireNumbers(index, slot.imprecise, slot.nImprecise);
    if (slot.nTrue > 0 && index.onTrue.length > 0) fire(index.onTrue);
    if (slot.nFalse > 0 && index.onFalse.length > 0) fire(index.onFalse);
    if (slot.nNull > 0 && index.onNull.length > 0) fire(index.onNull);
  }

  #markKnown(predicates: Predicate[] | undefined): void {
    if (predicates === undefined) return;
    const epoch = this.#epoch;
    for (let i = 0; i < predicates.length; i++) predicates[i].seenEpoch = epoch;
  }

  #fireNumbers(index: ValueIndex, nums: number[], count: number): void {
    for (let i = 0; i < count; i++) {
      const exact = index.numbers.map.get(nums[i]);
      if (exact !== undefined) this.#fire(exact);
      if (index.onNumber.length > 0) this.#fire(index.onNumber);
    }
  }

  #fireFolded(index: ValueIndex, f: string): void {
    const exact = index.folded.map.get(f);
    if (exact !== undefined) this.#fire(exact);
    if (!index.foldedPrefixes.isEmpty) index.foldedPrefixes.forEachMatch(f, this.#fire);
    if (!index.foldedSuffixes.isEmpty) index.foldedSuffixes.forEachMatch(f, this.#fire);
  }

  /** Makes the conjunctions behind each predicate candidates, once per event. */
  readonly #fire = (predicates: Predicate[]): void => {
    const epoch = this.#epoch;
    const candidates = this.#candidates;
    let count = this.#candidateCount;
    for (let i = 0; i < predicates.length; i++) {
      const p = predicates[i];
      if (p.firedEpoch === epoch) continue;
      p.firedEpoch = epoch;
      const access = p.access;
      for (let j = 0; j < access.length; j++) {
        const c = access[j];
        if (c.epoch === epoch) continue;
        c.epoch = epoch;
        candidates[count++] = c;
      }
    }
    this.#candidateCount = count;
  };
}

function holdsAll(c: Conjunction, epoch: number): boolean {
  const predicates = c.predicates;
  for (let i = 0; i < predicates.length; i++) if (!predicates[i].holds(epoch)) return false;
  return true;
}

function cidrAsText(key: string, value: unknown): unknown {
  return key === 'block' && value !== null && typeof value === 'object'
    ? (value as { text: string }).text
    : value;
}
