import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadFixtures } from '../fixtures/fixtures.test-helpers.js';
import type { ModelIssue } from '../issues.js';
import { CONTACT_EVENT_DETAIL_TYPE, CONTACT_EVENT_SOURCE } from '../schema/envelope.js';
import { validateCanonical } from '../validate.js';
import { canonicalizeEnvelope } from './canonicalize.js';
import { isCanonicalContactEvent, strictCanonicalSchema } from './fast-path.js';

type Json = Record<string, unknown>;

const events = [...loadFixtures('seed-'), ...loadFixtures('quirk-')].flatMap((f) => [
  ...(Array.isArray(f.input) ? f.input : [f.input]),
  ...(Array.isArray(f.canonical) ? f.canonical : [f.canonical]),
]) as Json[];

/** What the full path concludes: canonical form identical to the input, valid, and no warning. */
function fullPathSaysCanonical(event: Json): boolean {
  const warnings: ModelIssue[] = [];
  const canonical = canonicalizeEnvelope(event, warnings);
  return (
    canonical === event &&
    warnings.length === 0 &&
    validateCanonical(event).length === 0 &&
    event.source === CONTACT_EVENT_SOURCE &&
    event['detail-type'] === CONTACT_EVENT_DETAIL_TYPE
  );
}

function fieldPaths(value: unknown, prefix: string[] = []): string[][] {
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => [[...prefix, k], ...fieldPaths(v, [...prefix, k])]);
}

describe('isCanonicalContactEvent', () => {
  it('takes exactly the events the full path finds canonical, valid and free of warnings', () => {
    let fast = 0;
    for (const event of events) {
      expect(isCanonicalContactEvent(event)).toBe(fullPathSaysCanonical(event));
      if (isCanonicalContactEvent(event)) fast++;
    }
    expect(fast).toBeGreaterThan(5);
  });

  it('property: agrees with the full path when any field is replaced by any JSON value or renamed', () => {
    const base = events.filter((event) => isCanonicalContactEvent(event));
    fc.assert(
      fc.property(
        fc.constantFrom(...base),
        fc.nat(),
        fc.oneof(fc.jsonValue(), fc.constant('1970-01-01T00:00:00.001Z'), fc.constant('voice')),
        fc.boolean(),
        (original, pick, value, rename) => {
          const event = structuredClone(original);
          const paths = fieldPaths(event);
          const path = paths[pick % paths.length];
          let node = event as Json;
          for (const key of path.slice(0, -1)) node = node[key] as Json;
          const key = path[path.length - 1];
          if (rename && !Array.isArray(node)) {
            const kept = node[key];
            delete node[key];
            node[key.charAt(0).toUpperCase() + key.slice(1)] = kept;
          } else {
            node[key] = value;
          }
          expect(isCanonicalContactEvent(event)).toBe(fullPathSaysCanonical(event));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('is derived from the model schema: closed objects, closed enumerations, no placeholder', () => {
    const strict = strictCanonicalSchema() as { properties: { detail: Json } };
    const detail = strict.properties.detail as {
      additionalProperties: unknown;
      properties: Record<string, Json>;
    };
    expect(detail.additionalProperties).toBe(false);
    expect(detail.properties.channel.enum).toEqual(['VOICE', 'CHAT', 'TASK', 'EMAIL']);
    expect(detail.properties.initiationTimestamp.not).toEqual({ const: '1970-01-01T00:00:00.001Z' });
  });
});
