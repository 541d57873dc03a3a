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

  it('hands an event object out with the first read of its record only, never with get', () => {
    const window = new RecentRecords(3);
    const event = (n: number) => ({ n });
    window.add([1, 2, 3].map(record), [1, 2, 3].map(event));
    expect(window.get(2)).toEqual(record(2));
    expect(window.read(1, 1)).toEqual([{ ...record(2), event: event(2) }]);
    expect(window.read(0, 10)).toEqual([
      { ...record(1), event: event(1) },
      record(2),
      { ...record(3), event: event(3) },
    ]);
    expect(window.read(0, 10)).toEqual([record(1), record(2), record(3)]);
    // A record that leaves the window unread takes its event with it.
    window.add([4, 5, 6, 7].map(record), [4, 5, 6, 7].map(event));
    expect(window.read(4, 10)).toEqual([5, 6, 7].map((p) => ({ ...record(p), event: event(p) })));
  });

  it('holds nothing after clear', () => {
    const window = new RecentRecords(4);
    window.add([record(1), record(2)]);
    window.clear();
    expect(window.read(0, 10)).toBeUndefined();
    expect(window.get(1)).toBeUndefined();
  });
});
