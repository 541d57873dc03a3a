import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadFixtures, readJson } from '../fixtures/fixtures.test-helpers.js';
import type { ModelIssue } from '../issues.js';
import { canonicalizeEnvelope } from './canonicalize.js';

type Json = Record<string, unknown>;

function canonicalize(event: unknown): { canonical: unknown; warnings: ModelIssue[] } {
  const warnings: ModelIssue[] = [];
  return { canonical: canonicalizeEnvelope(event as Json, warnings), warnings };
}

const fixtures = [...loadFixtures('seed-'), ...loadFixtures('quirk-')].flatMap((f) =>
  Array.isArray(f.canonical) ? (f.canonical as Json[]) : [f.canonical as Json],
);
const cleanCanonical = fixtures.filter((event) => canonicalize(event).warnings.length === 0);

const CASINGS = ['camel', 'pascal', 'lower', 'upper'] as const;
type Casing = (typeof CASINGS)[number];

function recaseKey(key: string, casing: Casing): string {
  if (casing === 'pascal') return key.charAt(0).toUpperCase() + key.slice(1);
  if (casing === 'lower') return key.toLowerCase();
  if (casing === 'upper') return key.toUpperCase();
  return key;
}

const MAP_FIELDS = new Set(['tags', 'segmentAttributes']);
const ENUM_FIELDS = new Set(['eventType', 'channel', 'initiationMethod', 'status', 'queueType']);

/** Re-spells every field name of a canonical detail (and enum values) the way various producers do. */
function respell(value: unknown, next: () => Casing, key = ''): unknown {
  if (Array.isArray(value)) return value.map((item) => respell(item, next));
  if (typeof value === 'string' && ENUM_FIELDS.has(key)) {
    const casing = next();
    return casing === 'pascal' ? value.charAt(0) + value.slice(1).toLowerCase() : value;
  }
  if (value === null || typeof value !== 'object') return value;
  const out: Json = {};
  for (const [k, v] of Object.entries(value as Json)) {
    if (MAP_FIELDS.has(k)) {
      const mapped = Object.fromEntries(Object.entries(v as Json).map(([mk, mv]) => [mk, respell(mv, next)]));
      out[recaseKey(k, next())] = mapped;
    } else {
      out[recaseKey(k, next())] = respell(v, next, k);
    }
  }
  return out;
}

describe('canonicalizeEnvelope', () => {
  it('returns an event already in canonical form as the very same object, with no warnings', () => {
    for (const event of cleanCanonical) {
      const { canonical, warnings } = canonicalize(event);
      expect(canonical).toBe(event);
      expect(warnings).toEqual([]);
    }
  });

  it('is idempotent on every fixture', () => {
    for (const event of fixtures) {
      const once = canonicalize(event).canonical;
      expect(canonicalize(once).canonical).toBe(once);
    }
  });

  it('never modifies its input', () => {
    const input = readJson('seed-4-routing-criteria-connected.json');
    const copy = structuredClone(input);
    canonicalize(input);
    expect(input).toEqual(copy);
  });

  it('shares the unchanged parts of a partly canonical event', () => {
    const input = readJson('seed-2-voice-disconnected.json') as Json;
    const { canonical } = canonicalize(input);
    expect(canonical).not.toBe(input);
    const detail = (canonical as Json).detail as Json;
    expect(detail.agentInfo).toBe((input.detail as Json).agentInfo);
  });

  it('property: any casing of field names and enum values gives the same canonical event', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...cleanCanonical),
        fc.array(fc.constantFrom(...CASINGS), { minLength: 1, maxLength: 64 }),
        (event, casings) => {
          let i = 0;
          const next = () => casings[i++ % casings.length];
          const detail = respell(event.detail, next);
          const { canonical, warnings } = canonicalize({ ...event, detail });
          expect(warnings).toEqual([]);
          expect(canonical).toEqual(event);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('accepts the envelope spellings of the PutEvents API for detail-type', () => {
    const event = structuredClone(cleanCanonical[0]);
    const detailType = event['detail-type'];
    delete event['detail-type'];
    const { canonical, warnings } = canonicalize({ ...event, DetailType: detailType });
    expect(warnings).toEqual([]);
    expect((canonical as Json)['detail-type']).toBe(detailType);
  });

  it('warns when one field is given twice in different casings, keeping the last', () => {
    const event = structuredClone(cleanCanonical[0]);
    const { canonical, warnings } = canonicalize({
      ...event,
      detail: { ...(event.detail as Json), ContactId: 'x' },
    });
    expect(((canonical as Json).detail as Json).contactId).toBe('x');
    expect(warnings.map((w) => w.path)).toEqual(['$.detail.contactId']);
  });

  it('names an unknown PascalCase field in camelCase and keeps its value untouched', () => {
    const event = structuredClone(cleanCanonical[0]);
    const extra = { Inner: { Deep: 1 } };
    const { canonical, warnings } = canonicalize({
      ...event,
      detail: { ...(event.detail as Json), NewThing: extra },
    });
    expect(((canonical as Json).detail as Json).newThing).toBe(extra);
    expect(warnings).toEqual([
      { path: '$.detail.newThing', message: 'unknown field, kept as is', found: 'NewThing' },
    ]);
  });

  it('keeps a __proto__ field as a plain field of the copy', () => {
    const text = JSON.stringify(cleanCanonical[0]).replace(
      '"detail":{',
      '"detail":{"ContactId":"c-1","__proto__":{"polluted":true},',
    );
    const { canonical } = canonicalize(JSON.parse(text));
    const detail = (canonical as Json).detail as Json;
    expect(Object.getPrototypeOf(detail)).toBe(Object.prototype);
    expect(Object.hasOwn(detail, '__proto__')).toBe(true);
    expect(({} as Json).polluted).toBeUndefined();
  });

  it('leaves out an empty routing criteria list', () => {
    const event = structuredClone(cleanCanonical[0]);
    const { canonical } = canonicalize({
      ...event,
      detail: { ...(event.detail as Json), RoutingCriteria: [] },
    });
    expect((canonical as Json).detail).not.toHaveProperty('routingCriteria');
  });
});
