import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compileOrSkip,
  event,
  eventOver,
  pattern,
  patternOver,
  toEventJson,
  toParsedEvent,
} from '../arbitraries.test-helpers.js';
import { type CompiledPattern, RuleMatcher } from '../index.js';
import { referenceMatches, referenceMatchesJson } from '../reference/interpreter.js';

const sorted = (names: string[]) => [...names].sort();

describe('the engine agrees with the reference interpreter', () => {
  // The wide vocabulary reaches every key shape (dots, empty key); the narrow ones make matches common.
  it.each([
    { vocabulary: 'wide', keys: undefined, depth: 2, runs: 500 },
    { vocabulary: 'two keys', keys: ['a', 'b'], depth: 1, runs: 800 },
    { vocabulary: 'one key', keys: ['a'], depth: 1, runs: 800 },
  ])(
    'on one random pattern and random events, through both entry points ($vocabulary)',
    ({ keys, depth, runs }) => {
      const patterns = keys ? patternOver(keys, depth) : pattern;
      const events = keys ? eventOver(keys) : event;
      fc.assert(
        fc.property(
          patterns,
          fc.array(events, { minLength: 1, maxLength: 6 }),
          fc.boolean(),
          (p, list, pretty) => {
            const compiled = compileOrSkip(p);
            fc.pre(compiled !== undefined);
            const m = new RuleMatcher();
            m.addRule('r', p);
            for (const e of list) {
              const parsed = toParsedEvent(e);
              const text = toEventJson(e, pretty);
              expect(m.matchEvent(parsed).length === 1).toBe(referenceMatches(compiled!.tree, parsed));
              expect(m.matchJson(text).length === 1).toBe(referenceMatchesJson(compiled!.tree, text));
            }
          },
        ),
        { numRuns: runs },
      );
    },
  );

  it('on many rules at once, with rules removed and replaced', () => {
    fc.assert(
      fc.property(
        fc.array(patternOver(['a', 'b', 'a.b'], 1), { minLength: 2, maxLength: 12 }),
        fc.array(eventOver(['a', 'b', 'a.b']), { minLength: 1, maxLength: 5 }),
        fc.array(fc.nat(11), { maxLength: 4 }),
        (patterns, events, removals) => {
          const rules = new Map<string, CompiledPattern>();
          const m = new RuleMatcher();
          patterns.forEach((p, i) => {
            const compiled = compileOrSkip(p);
            if (!compiled) return;
            // Same name twice: the second replaces the first.
            const name = `r${i % 9}`;
            m.addRule(name, p);
            rules.set(name, compiled);
          });
          for (const r of removals) {
            expect(m.removeRule(`r${r}`)).toBe(rules.delete(`r${r}`));
          }
          for (const e of events) {
            const parsed = toParsedEvent(e);
            const text = toEventJson(e, false);
            const want = [...rules].filter(([, c]) => referenceMatches(c.tree, parsed)).map(([n]) => n);
            const wantText = [...rules].filter(([, c]) => referenceMatchesJson(c.tree, text)).map(([n]) => n);
            expect(sorted(m.matchEvent(parsed))).toEqual(sorted(want));
            expect(sorted(m.matchJson(text))).toEqual(sorted(wantText));
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
