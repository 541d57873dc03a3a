import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventIdGenerator } from './event-ids.js';

describe('EventIdGenerator', () => {
  it('makes version 7 UUIDs ordered by time and distinct', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 2 ** 47 }), { minLength: 2, maxLength: 50 }),
        (times) => {
          const sorted = [...times].sort((a, b) => a - b);
          let i = 0;
          const ids = new EventIdGenerator(() => sorted[i]);
          const made = sorted.map((_, k) => {
            i = k;
            return ids.next();
          });
          for (const id of made)
            expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
          for (let k = 1; k < made.length; k++) {
            if (sorted[k] > sorted[k - 1]) expect(made[k] > made[k - 1]).toBe(true);
          }
          expect(new Set(made).size).toBe(made.length);
        },
      ),
    );
  });
});
