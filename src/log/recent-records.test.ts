import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LogRecord } from './event-log.js';
import { RecentRecords } from './recent-records.js';

const record = (position: number): LogRecord => ({
  position,
  id: `e${position}`,
  source: 's',
  raw: '{}',
  canonical: '{}',
  ingestedAt: 0,
});

describe('recent records window', () => {
  it('answers reads it covers exactly as the full log would, and refuses the others (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.array(fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 20 }), { maxLength: 20 }),
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 1, max: 60 }),
        (capacity, groups, after, limit) => {
          const window = new RecentRecords(capacity);
          const all: LogRecord[] = [];
          let position = 0;
          for (const gaps of groups) {
            const added = gaps.map((gap) => {
              position += gap;
              return record(position);
            });
            all.push(...added);
            window.add(added);
          }
          const expected = all.filter((r) => r.position > after).slice(0, limit);
          const got = window.read(after, limit);
          if (got !== undefined) expect(got).toEqual(expected);
          const oldestHeld = all[Math.max(0, all.length - capacity)];
          if (oldestHeld && after >= oldestHeld.position - 1) expect(got).toBeDefined();
          for (const r of all.slice(-capacity)) expect(window.get(r.position)).toEqual(r);
        },
      ),
    );
  });

  it('holds nothing after clear', () => {
    const window = new RecentRecords(4);
    window.add([record(1), record(2)]);
    window.clear();
    expect(window.read(0, 10)).toBeUndefined();
    expect(window.get(1)).toBeUndefined();
  });
});
