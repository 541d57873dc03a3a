import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AffixIndex } from './affix-index.js';

// Two letters and lengths on both sides of the short/long boundary, so that affixes share long runs.
const text = (max: number) =>
  fc.array(fc.constantFrom('a', 'b'), { maxLength: max, size: 'max' }).map((chars) => chars.join(''));
const step = fc.record({ add: fc.boolean(), affix: text(40), item: fc.nat(3) });
/** A value: mostly an affix of some step (filed, maybe removed since) extended on its free side. */
const probe = fc.record({ from: fc.option(fc.nat(), { freq: 4 }), extra: text(10) });

describe('AffixIndex', () => {
  it.each(['prefix', 'suffix'] as const)(
    'finds exactly the filed %ses of a value, as affixes come and go',
    (kind) => {
      fc.assert(
        fc.property(fc.array(step, { maxLength: 40 }), fc.array(probe, { maxLength: 6 }), (steps, probes) => {
          const index = new AffixIndex<number>(kind);
          const filed: Array<[string, number]> = [];
          for (const { add, affix, item } of steps) {
            const at = filed.findIndex(([a, i]) => a === affix && i === item);
            if (add) {
              index.add(affix, item);
              filed.push([affix, item]);
            } else if (at >= 0) {
              index.remove(affix, item);
              filed.splice(at, 1);
            }
          }
          for (const { from, extra } of probes) {
            const base = from === null || steps.length === 0 ? '' : steps[from % steps.length].affix;
            const value = kind === 'prefix' ? base + extra : extra + base;
            const found: number[] = [];
            index.forEachMatch(value, (items) => found.push(...items));
            const want = filed
              .filter(([a]) => (kind === 'prefix' ? value.startsWith(a) : value.endsWith(a)))
              .map(([, i]) => i);
            expect(found.sort()).toEqual(want.sort());
          }
          expect(index.isEmpty).toBe(filed.length === 0);
        }),
        { numRuns: 400 },
      );
    },
  );
});
