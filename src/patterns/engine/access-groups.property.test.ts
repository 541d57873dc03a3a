import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compileOrSkip,
  eventOver,
  leaf,
  patternOver,
  toEventJson,
  toParsedEvent,
} from '../arbitraries.test-helpers.js';
import { type CompiledPattern, RuleMatcher } from '../index.js';
import { referenceMatches, referenceMatchesJson } from '../reference/interpreter.js';
import { AccessGroups } from './access-groups.js';
import type { Conjunction } from './conjunction.js';
import type { Predicate } from './predicate.js';

const sorted = (names: string[]) => [...names].sort();

describe('AccessGroups', () => {
  it('keeps one dense group per gate, holding exactly the conjunctions filed under it', () => {
    const gates: Array<Predicate | null> = [
      null,
      ...[0, 1, 2, 3].map((i) => ({ i }) as unknown as Predicate),
    ];
    const conjunctions = [0, 1, 2, 3, 4, 5].map((i) => ({ i }) as unknown as Conjunction);
    const op = fc.record({ add: fc.boolean(), c: fc.nat(5), g: fc.nat(4) });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const groups = new AccessGroups();
        const model = new Map<Conjunction, Predicate | null>();
        for (const { add, c, g } of ops) {
          const conjunction = conjunctions[c];
          const filed = model.get(conjunction);
          if (add && !model.has(conjunction)) {
            groups.add(conjunction, gates[g]);
            model.set(conjunction, gates[g]);
          } else if (!add && filed !== undefined) {
            groups.remove(conjunction, filed);
            model.delete(conjunction);
          }
        }
        expect(groups.size).toBe(model.size);
        expect(new Set(groups.gates).size).toBe(groups.gates.length);
        groups.members.forEach((members, i) => {
          expect(members.length).toBeGreaterThan(0);
          for (const c of members) expect(model.get(c)).toBe(groups.gates[i]);
        });
        expect(sorted(groups.conjunctions().map(String))).toEqual(sorted([...model.keys()].map(String)));
      }),
      { numRuns: 300 },
    );
  });
});

/**
 * Rule sets shaped like real ones, so that access groups and gates form: every rule shares an envelope
 * (`source`), is scoped to one of a few tenants (so scope predicates are shared by many rules and get
 * rebalanced), tests a kind among several (exact strings, the usual gate), and sometimes adds a shared
 * prefix test (decided by the index without being an access test), a random test of any operator or
 * an `$or`.
 */
const SCOPES = ['s0', 's1', 's2', 's3'];
const KINDS = ['k0', 'k1', 'k2', 'k3', 'k4', 'k5'];
const MODES = ['m0', 'm1', 'm2'];
/** Prefix tests shared by many rules, so that they are gates or confirmed rather than access tests. */
const ZONE_TESTS: unknown[][] = [
  [{ prefix: 'z1' }],
  [{ prefix: 'z' }],
  [{ prefix: '' }],
  ['y1', { prefix: 'z2' }],
];
const ZONES = ['z1', 'z1a', 'z2', 'z3', 'y1', 'y2'];

const scopedRule = fc
  .record({
    scope: fc.constantFrom(...SCOPES),
    kinds: fc.uniqueArray(fc.constantFrom(...KINDS), { minLength: 1, maxLength: 2 }),
    mode: fc.option(fc.constantFrom(...MODES), { freq: 2 }),
    zone: fc.option(fc.constantFrom(...ZONE_TESTS), { freq: 2 }),
    extra: fc.option(leaf, { freq: 3 }),
    or: fc.option(fc.array(patternOver(['x', 'mode'], 0), { minLength: 2, maxLength: 2 }), { freq: 5 }),
  })
  .map(({ scope, kinds, mode, zone, extra, or }) => {
    const detail: Record<string, unknown> = { scope: [scope], kind: kinds };
    if (mode !== null) detail.mode = [mode];
    if (zone !== null) detail.zone = zone;
    if (extra !== null) detail.x = extra;
    if (or !== null) detail.$or = or;
    return { source: ['src'], detail };
  });

const scopedEvent = fc
  .record({
    scope: fc.constantFrom(...SCOPES),
    kind: fc.oneof(fc.constantFrom(...KINDS), fc.array(fc.constantFrom(...KINDS), { maxLength: 2 })),
    mode: fc.option(fc.constantFrom(...MODES)),
    zone: fc.option(
      fc.oneof(fc.constantFrom(...ZONES), fc.array(fc.constantFrom(...ZONES), { maxLength: 2 })),
    ),
    rest: eventOver(['x', 'mode']),
  })
  .map(({ scope, kind, mode, zone, rest }) => {
    const detail: Record<string, unknown> = { ...rest, scope, kind };
    if (mode !== null) detail.mode = mode;
    if (zone !== null) detail.zone = zone;
    return { source: 'src', detail };
  });

describe('the engine with access groups agrees with the reference interpreter', () => {
  it('on many scoped rules sharing predicates, as rules are added, removed and replaced', () => {
    const step = fc.oneof(
      { weight: 4, arbitrary: fc.record({ add: fc.constant(true), name: fc.nat(59), rule: scopedRule }) },
      { weight: 1, arbitrary: fc.record({ add: fc.constant(false), name: fc.nat(59) }) },
    );
    fc.assert(
      fc.property(
        fc.array(step, { minLength: 20, maxLength: 120 }),
        fc.array(scopedEvent, { minLength: 1, maxLength: 8 }),
        (steps, events) => {
          const m = new RuleMatcher();
          const rules = new Map<string, CompiledPattern>();
          const check = () => {
            for (const e of events) {
              const parsed = toParsedEvent(e);
              const text = toEventJson(e, false);
              const want = [...rules].filter(([, c]) => referenceMatches(c.tree, parsed)).map(([n]) => n);
              const wantText = [...rules]
                .filter(([, c]) => referenceMatchesJson(c.tree, text))
                .map(([n]) => n);
              expect(sorted(m.matchEvent(parsed))).toEqual(sorted(want));
              expect(sorted(m.matchJson(text))).toEqual(sorted(wantText));
            }
          };
          steps.forEach((s, i) => {
            const name = `r${s.name}`;
            if ('rule' in s) {
              const compiled = compileOrSkip(s.rule);
              if (compiled === undefined) return;
              m.addRule(name, s.rule);
              rules.set(name, compiled);
            } else {
              expect(m.removeRule(name)).toBe(rules.delete(name));
            }
            if (i % 25 === 24) check();
          });
          check();
        },
      ),
      { numRuns: 150 },
    );
  });
});
