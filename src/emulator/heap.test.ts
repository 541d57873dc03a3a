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
