import type { Conjunction } from './conjunction.js';
import type { Predicate } from './predicate.js';

/**
 * The conjunctions one predicate gives access to, grouped by their gate: a second test, cheap to decide
 * once the event's values are in, that each member also needs. A hit on the access predicate makes a
 * group's members candidates only when its gate holds, so a predicate shared by many rules (an instance
 * ARN) lets through the few whose second test (an event type) holds too, not all of them.
 */
export class AccessGroups {
  /** Per group, its gate (null: no gate, the members are candidates whenever the access test fires). */
  readonly gates: Array<Predicate | null> = [];
  readonly members: Conjunction[][] = [];
  readonly #at = new Map<Predicate | null, number>();
  #size = 0;

  /** How many conjunctions the predicate gives access to. */
  get size(): number {
    return this.#size;
  }

  add(c: Conjunction, gate: Predicate | null): void {
    let at = this.#at.get(gate);
    if (at === undefined) {
      at = this.gates.length;
      this.#at.set(gate, at);
      this.gates.push(gate);
      this.members.push([]);
    }
    this.members[at].push(c);
    this.#size++;
  }

  remove(c: Conjunction, gate: Predicate | null): void {
    const at = this.#at.get(gate);
    if (at === undefined) return;
    const list = this.members[at];
    const i = list.indexOf(c);
    if (i < 0) return;
    list.splice(i, 1);
    this.#size--;
    if (list.length > 0) return;
    // Move the last group into the emptied place, so iteration stays dense.
    const last = this.gates.length - 1;
    this.#at.delete(gate);
    if (at !== last) {
      const moved = this.gates[last];
      this.gates[at] = moved;
      this.members[at] = this.members[last];
      this.#at.set(moved, at);
    }
    this.gates.pop();
    this.members.pop();
  }

  /** Every member, as a new array (safe to iterate while re-filing them). */
  conjunctions(): Conjunction[] {
    return this.members.flat();
  }
}
