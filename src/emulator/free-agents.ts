/** An agent's place in one {@link FreeAgents} list, made once and linked in and out as the agent frees up. */
export interface FreePlace<A> {
  readonly agent: A;
  readonly list: FreeAgents<A>;
  prev: FreePlace<A> | undefined;
  next: FreePlace<A> | undefined;
  listed: boolean;
}

/**
 * Agents with a free slot, longest idle first: a doubly linked list through places the agents own. Listing
 * an agent again (it freed up once more) and taking it off move a few pointers; a `Set` would hash the
 * agent each time and rebuild its table as deleted entries pile up.
 */
export class FreeAgents<A> {
  private head: FreePlace<A> | undefined = undefined;
  private tail: FreePlace<A> | undefined = undefined;
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** The place of `agent` in this list, not listed yet. */
  place(agent: A): FreePlace<A> {
    return { agent, list: this, prev: undefined, next: undefined, listed: false };
  }

  /** The place listed first (idle longest), to walk the list from with `next`. */
  get first(): FreePlace<A> | undefined {
    return this.head;
  }

  /** Lists the place last (the most recently idle), moving it there if it was listed already. */
  toBack(p: FreePlace<A>): void {
    if (p.listed) {
      if (p === this.tail) return;
      this.unlink(p);
    }
    p.listed = true;
    p.prev = this.tail;
    p.next = undefined;
    if (this.tail === undefined) this.head = p;
    else this.tail.next = p;
    this.tail = p;
    this.count++;
  }

  /** Takes the place off the list (nothing if it is not listed). */
  remove(p: FreePlace<A>): void {
    if (!p.listed) return;
    this.unlink(p);
    p.listed = false;
    p.prev = undefined;
    p.next = undefined;
  }

  private unlink(p: FreePlace<A>): void {
    if (p.prev === undefined) this.head = p.next;
    else p.prev.next = p.next;
    if (p.next === undefined) this.tail = p.prev;
    else p.next.prev = p.prev;
    this.count--;
  }
}
