/**
 * The contacts an agent holds, in the order it took them, with the part of `Set`'s interface the emulator
 * and its API use. An agent holds a few at most (its concurrency), so scanning a short array is cheaper
 * than hashing the contact in and out of a set for every contact it handles.
 */
export class AgentContacts<C> implements Iterable<C> {
  private readonly list: C[] = [];

  get size(): number {
    return this.list.length;
  }

  has(c: C): boolean {
    return this.list.includes(c);
  }

  add(c: C): this {
    if (!this.list.includes(c)) this.list.push(c);
    return this;
  }

  /** Whether the contact was held. */
  delete(c: C): boolean {
    const i = this.list.indexOf(c);
    if (i < 0) return false;
    this.list.splice(i, 1);
    return true;
  }

  values(): IterableIterator<C> {
    return this.list.values();
  }

  [Symbol.iterator](): IterableIterator<C> {
    return this.list.values();
  }
}
