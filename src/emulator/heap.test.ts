import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type HeapEntry, TimerHeap } from './heap.js';
import { Scheduler } from './scheduler.js';

describe('TimerHeap', () => {
  it('pops in (at, seq) order after arbitrary pushes and removals', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.boolean()), { maxLength: 200 }),
        (ops) => {
          const heap = new TimerHeap<HeapEntry>();
          const kept: HeapEntry[] = [];
          const entries = ops.map(([at], seq) => ({ at, seq, index: -1 }));
          for (const e of entries) heap.push(e);
          entries.forEach((e, i) => {
            if (ops[i][1]) expect(heap.remove(e)).toBe(true);
            else kept.push(e);
          });
          kept.sort((x, y) => x.at - y.at || x.seq - y.seq);
          const popped: HeapEntry[] = [];
          for (let e = heap.pop(); e; e = heap.pop()) popped.push(e);
          expect(popped).toEqual(kept);
        },
      ),
    );
  });
});

describe('TimerHeap, interleaved', () => {
  it('always pops the least (at, seq) queued, under pushes, pops and removals in any order', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.record({ op: fc.constant('push' as const), at: fc.integer({ min: 0, max: 30 }) }),
            fc.record({ op: fc.constant('pop' as const) }),
            fc.record({ op: fc.constant('remove' as const), pick: fc.nat() }),
          ),
          { maxLength: 400 },
        ),
        (ops) => {
          const heap = new TimerHeap<HeapEntry>();
          let queued: HeapEntry[] = [];
          let seq = 0;
          const least = (): HeapEntry | undefined =>
            queued.reduce<HeapEntry | undefined>(
              (m, e) => (m === undefined || e.at < m.at || (e.at === m.at && e.seq < m.seq) ? e : m),
              undefined,
            );
          for (const o of ops) {
            if (o.op === 'push') {
              const e = { at: o.at, seq: seq++, index: -1 };
              heap.push(e);
              queued.push(e);
            } else if (o.op === 'pop') {
              const expected = least();
              expect(heap.pop()).toBe(expected);
              queued = queued.filter((e) => e !== expected);
            } else if (queued.length > 0) {
              const e = queued[o.pick % queued.length];
              expect(heap.remove(e)).toBe(true);
              expect(heap.remove(e)).toBe(false);
              queued = queued.filter((x) => x !== e);
            }
            expect(heap.size).toBe(queued.length);
            expect(heap.peek()).toBe(least());
          }
        },
      ),
    );
  });
});

describe('Scheduler', () => {
  it('fires timers in time order, keeps cancelled ones silent and moves the clock', () => {
    const s = new Scheduler(1000);
    const seen: string[] = [];
    s.after(20, () => seen.push('b'));
    s.after(10, () => {
      seen.push('a');
      s.after(5, () => seen.push('a+5'));
    });
    const c = s.after(15, () => seen.push('cancelled'));
    s.cancel(c);
    expect(s.runUntil(1012)).toBe(1);
    expect(s.now()).toBe(1012);
    s.runUntil(2000);
    expect(seen).toEqual(['a', 'a+5', 'b']);
    expect(s.now()).toBe(2000);
    expect(s.pending).toBe(0);
  });
});
