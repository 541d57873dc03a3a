import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng, uuidFrom } from './rng.js';

/** The UUID text by the book: the same four draws, formatted through strings. */
function referenceUuid(rng: Rng): string {
  const hex = (n: number): string => (n >>> 0).toString(16).padStart(8, '0');
  const a = hex(rng.uint32());
  const b = hex((rng.uint32() & 0xffff0fff) | 0x4000);
  const c = hex((rng.uint32() & 0x3fffffff) | 0x80000000);
  const d = hex(rng.uint32());
  return `${a}-${b.slice(0, 4)}-${b.slice(4)}-${c.slice(0, 4)}-${c.slice(4)}${d}`;
}

describe('uuidFrom', () => {
  it('gives the version 4 UUID text of the next four draws, for any seed', () => {
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 1, max: 20 }), (seed, n) => {
        const a = new Rng(seed);
        const b = new Rng(seed);
        for (let i = 0; i < n; i++) {
          const id = uuidFrom(a);
          expect(id).toBe(referenceUuid(b));
          expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        }
      }),
    );
  });
});
