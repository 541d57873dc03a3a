import { Type } from '@sinclair/typebox';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConnectApiError } from './errors.js';
import { validator } from './validate.js';
import { camelKeys, page, segmentAttributes, timestampMs, toWire } from './wire.js';

describe('page', () => {
  it('pages concatenate to the whole list, each no longer than maxResults', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer(), { maxLength: 60 }),
        fc.integer({ min: 1, max: 20 }),
        (items, size) => {
          const seen: number[] = [];
          let token: string | undefined;
          let pages = 0;
          do {
            const p = page(items, { maxResults: size, nextToken: token });
            expect(p.items.length).toBeLessThanOrEqual(size);
            seen.push(...p.items);
            token = p.NextToken;
            pages++;
          } while (token !== undefined);
          expect(seen).toEqual(items);
          expect(pages).toBe(Math.max(1, Math.ceil(items.length / size)));
        },
      ),
    );
  });

  it('refuses a token it did not issue', () => {
    expect(() => page([1], { nextToken: 'garbage' })).toThrow(ConnectApiError);
  });
});

describe('wire conversions', () => {
  it('camelKeys lower-cases keys at every depth and leaves values alone', () => {
    expect(
      camelKeys({ AndExpression: [{ AttributeCondition: { Name: 'Language', Value: 'French' } }] }),
    ).toEqual({ andExpression: [{ attributeCondition: { name: 'Language', value: 'French' } }] });
  });

  it('segment attributes keep their keys', () => {
    expect(segmentAttributes({ 'connect:Subtype': { ValueString: 'connect:SMS' } })).toEqual({
      'connect:Subtype': { valueString: 'connect:SMS' },
    });
  });

  it('timestamps: epoch seconds or ISO text in; epoch seconds out', () => {
    expect(timestampMs(1_767_600_000.5, 'T')).toBe(1_767_600_000_500);
    expect(timestampMs('2026-01-05T09:00:00.000Z', 'T')).toBe(Date.UTC(2026, 0, 5, 9));
    expect(() => timestampMs('tomorrow', 'ScheduledTime')).toThrow(/ScheduledTime/);
    expect(toWire({ A: new Date(1500), B: undefined, C: [new Date(0)] })).toEqual({ A: 1.5, C: [0] });
  });
});

describe('validator', () => {
  const check = validator(
    Type.Object({ Name: Type.String({ maxLength: 3 }), Inner: Type.Object({ N: Type.Integer() }) }),
  );

  it('names each bad member in AWS wording', () => {
    let error: unknown;
    try {
      check({ Name: 'toolong', Inner: { N: 'x' } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConnectApiError);
    const e = error as ConnectApiError;
    expect(e.code).toBe('InvalidParameterException');
    expect(e.message).toMatch(
      /^2 validation errors detected: Value 'toolong' at 'Name' failed to satisfy constraint/,
    );
    expect(e.message).toMatch(/at 'Inner\.N'/);
  });

  it('coerces query text when asked', () => {
    const query = validator(Type.Object({ n: Type.Integer(), list: Type.Array(Type.String()) }), {
      coerce: true,
    });
    expect(query({ n: '5', list: 'a' })).toEqual({ n: 5, list: ['a'] });
  });
});
