import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FreeAgents } from './free-agents.js';

/** The list's agents, first to last, walked through the places' links. */
function walk(list: FreeAgents<number>): number[] {
  const out: number[] = [];
  for (let p = list.first; p !== undefined; p = p.next) out.push(p.agent);
  return out;
}

describe('FreeAgents', () => {
  it('keeps the order a Set gets from delete-then-add and delete, under any sequence of moves', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 9 }), fc.boolean()), { maxLength: 300 }),
        (ops) => {
          const list = new FreeAgents<number>();
          const places = Array.from({ length: 10 }, (_, i) => list.place(i));
          const reference = new Set<number>();
          for (const [agent, free] of ops) {
            if (free) {
              list.toBack(places[agent]);
              reference.delete(agent);
              reference.add(agent);
            } else {
              list.remove(places[agent]);
              reference.delete(agent);
            }
            expect(list.size).toBe(reference.size);
          }
          expect(walk(list)).toEqual([...reference]);
          // Walking backwards gives the same agents in reverse: the links agree both ways.
          const back: number[] = [];
          const last = places.find((p) => p.listed && p.next === undefined);
          for (let p = last; p !== undefined; p = p.prev) back.push(p.agent);
          expect(back).toEqual([...reference].reverse());
          expect(places.filter((p) => p.listed).length).toBe(reference.size);
        },
      ),
    );
  });
});
