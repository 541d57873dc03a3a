import type { FieldTest, PatternTree } from '../ast.js';
import { foldCase } from '../operators/fold-case.js';
import { chooseAccess, chooseGate } from './access-choice.js';
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
 * values to predicates, and per predicate the conjunctions it gives access to, grouped by gate. Matching
 * an event costs the values it holds on named paths, one check per gate of the access predicates hit,
 * and the candidates that pass their gate, not the number of rules.
 * Rules are added and removed incrementally; only the path trie is rebuilt, when the set of paths changes.
 */
export class MatchEngine {
  readonly #values = new EventValues();
  readonly #scanner = new JsonScanner();
  readonly #slots = new Map<string, PathSlot>();
  readonly #predicates = new Map<string, Predicate>();
  readonly #rules = new Map<string, RuleEntry>();
  readonly #always: Conjunction[] = [];
  /**
   * Predicate lists the value lookups hit, for the current event: the first `#hitCount` entries. They
   * are turned into candidates only after every value is looked up, so that every gate is decided.
   */
  readonly #hits: Predicate[][] = [];
  #hitCount = 0;
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
      const conjunction: Conjunction = { rule, predicates, access: null, gate: null, epoch: 0 };
      const access = chooseAccess(predicates);
      this.#attach(conjunction, access, chooseGate(predicates, access));
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

  #attach(c: Conjunction, access: Predicate | null, gate: Predicate | null): void {
    c.access = access;
    c.gate = gate;
    if (access === null) {
      this.#always.push(c);
      return;
    }
    if (access.access.size === 0) access.slot.index.add(access);
    access.access.add(c, gate);
  }

  #detach(c: Conjunction): void {
    const access = c.access;
    if (access === null) {
      removeOne(this.#always, c);
      return;
    }
    access.access.remove(c, c.gate);
    if (access.access.size === 0) access.slot.index.remove(access);
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
      if (p.decidedByIndex) slot.index.addKnown(p);
    }
    p.uses++;
    if (p.uses >= 8 && (p.uses & (p.uses - 1)) === 0) this.#rebalance(p);
    return p;
  }

  /**
   * A predicate shared by ever more rules (`source = aws.connect`) makes a poor access path: when its
   * use count doubles, the conjunctions it gives access to move to a more selective predicate if they
   * have one, and each one's gate is chosen again, now that more of the values tested are known.
   */
  #rebalance(p: Predicate): void {
    for (const c of p.access.conjunctions()) {
      const best = chooseAccess(c.predicates);
      const gate = chooseGate(c.predicates, best);
      if (best !== p || gate !== c.gate) {
        this.#detach(c);
        this.#attach(c, best, gate);
      }
    }
  }

  #release(p: Predicate): void {
    if (--p.uses > 0) return;
    this.#predicates.delete(p.key);
    const slot = p.slot;
    slot.predicates.delete(p);
    slot.refreshNeeds();
    if (p.decidedByIndex) slot.index.removeKnown(p);
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
    this.#hitCount = 0;
    const touched = this.#values.touched;
    const count = this.#values.touchedCount;
    for (let i = 0; i < count; i++) this.#lookUp(touched[i]);
    const hits = this.#hits;
    for (let i = 0; i < this.#hitCount; i++) this.#fire(hits[i], epoch);
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

  /** Looks the slot's values up in its index: marks the predicates it decides that hold, records hits. */
  #lookUp(slot: PathSlot): void {
    const index = slot.index;
    const fire = this.#hit;
    if (index.onAny.length > 0) fire(index.onAny);
    const strs = slot.strs;
    const strings = index.strings;
    for (let i = 0; i < slot.nStrs; i++) {
      const s = strs[i];
      if (strings.size > 0) {
        const entry = strings.get(s);
        if (entry !== undefined) {
          if (entry.known.length > 0) this.#markKnown(entry.known);
          if (entry.access.length > 0) fire(entry.access);
        }
      }
      if (!index.prefixes.isEmpty) index.prefixes.forEachMatch(s, this.#prefixHit);
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

  #markKnown(predicates: Predicate[]): void {
    const epoch = this.#epoch;
    for (let i = 0; i < predicates.length; i++) predicates[i].seenEpoch = epoch;
  }

  #fireNumbers(index: ValueIndex, nums: number[], count: number): void {
    for (let i = 0; i < count; i++) {
      const exact = index.numbers.map.get(nums[i]);
      if (exact !== undefined) this.#hit(exact);
      if (index.onNumber.length > 0) this.#hit(index.onNumber);
    }
  }

  #fireFolded(index: ValueIndex, f: string): void {
    const exact = index.folded.map.get(f);
    if (exact !== undefined) this.#hit(exact);
    if (!index.foldedPrefixes.isEmpty) index.foldedPrefixes.forEachMatch(f, this.#hit);
    if (!index.foldedSuffixes.isEmpty) index.foldedSuffixes.forEachMatch(f, this.#hit);
  }

  /** A prefix hit: decides the predicates the index decides (see `Predicate.decidedByIndex`), records the hit. */
  readonly #prefixHit = (predicates: Predicate[]): void => {
    const epoch = this.#epoch;
    for (let i = 0; i < predicates.length; i++) {
      const p = predicates[i];
      if (p.decidedByIndex) p.seenEpoch = epoch;
    }
    this.#hits[this.#hitCount++] = predicates;
  };

  /** Records predicates a value found, to be fired once every value is looked up. */
  readonly #hit = (predicates: Predicate[]): void => {
    this.#hits[this.#hitCount++] = predicates;
  };

  /**
   * Makes the conjunctions behind each predicate candidates, once per event: those of each access
   * group whose gate holds.
   */
  #fire(predicates: Predicate[], epoch: number): void {
    const candidates = this.#candidates;
    let count = this.#candidateCount;
    for (let i = 0; i < predicates.length; i++) {
      const p = predicates[i];
      if (p.firedEpoch === epoch) continue;
      p.firedEpoch = epoch;
      const gates = p.access.gates;
      const members = p.access.members;
      for (let g = 0; g < gates.length; g++) {
        const gate = gates[g];
        if (gate !== null && !gate.holds(epoch)) continue;
        const group = members[g];
        for (let j = 0; j < group.length; j++) {
          const c = group[j];
          if (c.epoch === epoch) continue;
          c.epoch = epoch;
          candidates[count++] = c;
        }
      }
    }
    this.#candidateCount = count;
  }
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
