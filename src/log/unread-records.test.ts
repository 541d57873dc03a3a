import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LogRecord } from './event-log.js';
import { UnreadRecords } from './unread-records.js';

const record = (position: number): LogRecord => ({
  position,
  id: `e${position}`,
  source: 's',
  raw: '{}',
  canonical: '{}',
  ingestedAt: 0,
  event: { position },
});

describe('unread records window', () => {
  it('answers reads it covers exactly as the full log would, and refuses the others (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.array(
          fc.record({
            gaps: fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 20 }),
            read: fc.option(
              fc.record({ back: fc.integer({ min: 0, max: 30 }), limit: fc.integer({ min: 1, max: 60 }) }),
            ),
          }),
          { maxLength: 20 },
        ),
        (capacity, steps) => {
          const window = new UnreadRecords(capacity);
          const all: LogRecord[] = [];
          let position = 0;
          for (const step of steps) {
            const added = step.gaps.map((gap) => {
              position += gap;
              return record(position);
            });
            all.push(...added);
            window.add(added);
            if (!step.read) continue;
            const after = Math.max(0, position - step.read.back);
            const expected = all.filter((r) => r.position > after).slice(0, step.read.limit);
            const got = window.read(after, step.read.limit);
            if (got !== undefined) expect(got).toEqual(expected);
          }
        },
      ),
    );
  });

  it('hands each record out once to a reader following the head, while it stays within capacity', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 8 }), { maxLength: 30 }),
        fc.integer({ min: 1, max: 10 }),
        (groups, limit) => {
          const window = new UnreadRecords(8);
          let position = 0;
          let readTo = 0;
          for (const size of groups) {
            const added = Array.from({ length: size }, () => record(++position));
            window.add(added);
            expect(window.get(position)).toEqual(size > 0 ? added.at(-1) : undefined);
            for (;;) {
              const got = window.read(readTo, limit);
              // Before anything was added the window cannot tell what the log holds.
              if (position > 0) expect(got).toBeDefined();
              if (!got || got.length === 0) break;
              expect(got.map((r) => r.position)).toEqual(got.map((_, i) => readTo + i + 1));
              readTo = got.at(-1)!.position;
            }
            expect(readTo).toBe(position);
            // What was read has left: a second read of it goes to the database.
            if (position > 0) expect(window.get(position)).toBeUndefined();
          }
        },
      ),
    );
  });

  it('keeps no more than its capacity waiting: the oldest unread records leave first', () => {
    const window = new UnreadRecords(3);
    window.add([1, 2, 3, 4, 5].map(record));
    expect(window.read(0, 10)).toBeUndefined();
    expect(window.read(2, 10)).toEqual([3, 4, 5].map(record));
  });

  it('holds nothing after clear', () => {
    const window = new UnreadRecords(4);
    window.add([record(1), record(2)]);
    window.clear();
    expect(window.read(0, 10)).toBeUndefined();
    expect(window.get(1)).toBeUndefined();
  });
});
