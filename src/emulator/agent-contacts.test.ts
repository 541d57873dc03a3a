import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AgentContacts } from './agent-contacts.js';

describe('AgentContacts', () => {
  it('behaves as a Set under any sequence of adds and deletes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 7 }), fc.boolean()), { maxLength: 100 }),
        (ops) => {
          const held = new AgentContacts<number>();
          const reference = new Set<number>();
          for (const [c, add] of ops) {
            if (add) {
              held.add(c);
              reference.add(c);
            } else expect(held.delete(c)).toBe(reference.delete(c));
            expect(held.size).toBe(reference.size);
            expect(held.has(c)).toBe(reference.has(c));
          }
          expect([...held]).toEqual([...reference]);
          expect([...held.values()]).toEqual([...reference.values()]);
        },
      ),
    );
  });
});
