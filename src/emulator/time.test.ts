import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { iso, isoSeconds, parseDuration } from './time.js';

describe('time', () => {
  it('iso formats like Date.prototype.toISOString for any time of 1970-2100', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_102_444_800_000 }), (ms) => {
        expect(iso(ms)).toBe(new Date(ms).toISOString());
        expect(isoSeconds(ms)).toBe(`${new Date(ms).toISOString().slice(0, 19)}Z`);
      }),
    );
  });

  it('iso stays right for runs of nearby times (same second, day boundaries, back and forth)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4_102_444_800_000 }),
        fc.array(fc.integer({ min: -2500, max: 2500 }), { maxLength: 30 }),
        (start, steps) => {
          // Start near a midnight half of the time, so that steps cross days.
          let ms = start % 2 === 0 ? start - (start % 86_400_000) : start;
          for (const step of steps) {
            ms = Math.max(0, ms + step);
            expect(iso(ms)).toBe(new Date(ms).toISOString());
          }
        },
      ),
    );
  });

  it('parses durations', () => {
    expect(parseDuration('24h')).toBe(86_400_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('90')).toBe(90_000);
    expect(() => parseDuration('soon')).toThrow(RangeError);
  });
});
