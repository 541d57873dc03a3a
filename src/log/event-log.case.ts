import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventLog, LogEntry } from './event-log.js';

/** A factory that opens a log; `reopen` opens the same log again after the first was closed. */
export interface EventLogFactory {
  open(): Promise<EventLog>;
  reopen(): Promise<EventLog>;
}

function entry(id: string, source = 'test.source', body: object = {}): LogEntry {
  const raw = JSON.stringify({ id, source, detail: body });
  return { id, source, raw, canonical: raw, ingestedAt: 1_700_000_000_000 };
}

/** The behaviour every EventLog implementation must show, run against each one. */
export function eventLogConformance(name: string, makeFactory: () => EventLogFactory): void {
  describe(`EventLog conformance: ${name}`, () => {
    let log: EventLog | undefined;
    afterEach(async () => {
      await log?.close();
      log = undefined;
    });

    it('assigns increasing positions and reads them back in order', async () => {
      log = await makeFactory().open();
      const results = await log.append([entry('a'), entry('b'), entry('c')]);
      expect(results.map((r) => r.duplicate)).toEqual([false, false, false]);
      expect(results[1].position).toBeGreaterThan(results[0].position);
      const records = await log.read(0, 10);
      expect(records.map((r) => r.id)).toEqual(['a', 'b', 'c']);
      expect((await log.read(results[0].position, 1)).map((r) => r.id)).toEqual(['b']);
      expect(log.lastPosition()).toBe(results[2].position);
      expect((await log.get(results[2].position))?.id).toBe('c');
    });

    it('stores the same (source, id) once and answers the first position for the copy', async () => {
      log = await makeFactory().open();
      const [first] = await log.append([entry('x')]);
      const again = await log.append([entry('x'), entry('x', 'other.source')]);
      expect(again[0]).toEqual({ position: first.position, duplicate: true });
      expect(again[1].duplicate).toBe(false);
      expect(await log.read(0, 10)).toHaveLength(2);
    });

    it('shares one commit between concurrent appends and answers each its own positions', async () => {
      log = await makeFactory().open();
      const batches = Array.from({ length: 50 }, (_, i) => [entry(`c${i}-0`), entry(`c${i}-1`)]);
      const results = await Promise.all(batches.map((b) => log!.append(b)));
      for (const [i, result] of results.entries()) {
        const records = await Promise.all(result.map((r) => log!.get(r.position)));
        expect(records.map((r) => r?.id)).toEqual([`c${i}-0`, `c${i}-1`]);
      }
    });

    it('notifies listeners of the last durable position', async () => {
      log = await makeFactory().open();
      const seen: number[] = [];
      log.onAppend((position) => seen.push(position));
      const [r] = await log.append([entry('n')]);
      expect(seen).toEqual([r.position]);
    });

    it('keeps records and cursors across a reopen', async () => {
      const factory = makeFactory();
      const first = await factory.open();
      const results = await first.append([entry('p'), entry('q')]);
      await first.commitCursor('router', results[0].position);
      await first.close();
      log = await factory.reopen();
      expect(await log.getCursor('router')).toBe(results[0].position);
      expect(await log.getCursor('nobody')).toBe(0);
      expect((await log.read(0, 10)).map((r) => r.id)).toEqual(['p', 'q']);
      expect(log.lastPosition()).toBe(results[1].position);
      expect((await log.append([entry('p')]))[0].duplicate).toBe(true);
    });

    it('keeps each text exactly, raw beside a different canonical form, whatever its characters', async () => {
      const factory = makeFactory();
      const first = await factory.open();
      const texts = fc.sample(fc.string({ unit: 'grapheme', maxLength: 40 }), { seed: 7, numRuns: 30 });
      const entries: LogEntry[] = texts.map((text, i) => {
        const raw = JSON.stringify({ Id: `u${i}`, Text: text });
        const canonical = i % 3 === 0 ? raw : JSON.stringify({ id: `u${i}`, text });
        return {
          id: `u${i}-${text}`,
          source: `src-${text}`,
          raw,
          canonical,
          ingestedAt: 1_700_000_000_000 + i,
        };
      });
      await first.append(entries);
      await first.close();
      // Read back from storage, not from what the first log kept in memory.
      log = await factory.reopen();
      const records = await log.read(0, 100);
      expect(
        records.map(({ id, source, raw, canonical, ingestedAt }) => ({
          id,
          source,
          raw,
          canonical,
          ingestedAt,
        })),
      ).toEqual(entries);
    });

    it('keeps every text exactly when one turn appends far more text than one message carries', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            fc.tuple(fc.integer({ min: 0, max: 60_000 }), fc.constantFrom('x', 'é', '😀'), fc.boolean()),
            { minLength: 1, maxLength: 12 },
          ),
          async (shapes) => {
            const factory = makeFactory();
            const first = await factory.open();
            const entries: LogEntry[] = shapes.map(([size, unit, sameCanonical], i) => {
              const raw = JSON.stringify({ id: `big${i}`, pad: unit.repeat(size) });
              return {
                id: `big${i}`,
                source: 'big.source',
                raw,
                canonical: sameCanonical ? raw : JSON.stringify({ id: `big${i}`, n: size }),
                ingestedAt: 1_700_000_000_000 + i,
              };
            });
            // Appends of the same turn travel to storage together.
            await Promise.all(entries.map((e) => first.append([e])));
            await first.close();
            const again = await factory.reopen();
            try {
              const records = await again.read(0, 100);
              expect(
                records.map(({ id, source, raw, canonical }) => ({ id, source, raw, canonical })),
              ).toEqual(entries.map(({ id, source, raw, canonical }) => ({ id, source, raw, canonical })));
            } finally {
              await again.close();
            }
          },
        ),
        { numRuns: 8 },
      );
    });

    it('stores every distinct (source, id) exactly once whatever the batching', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            fc.array(fc.tuple(fc.constantFrom('s1', 's2'), fc.integer({ min: 0, max: 15 })), {
              maxLength: 10,
            }),
            {
              maxLength: 8,
            },
          ),
          async (batches) => {
            const l = await makeFactory().open();
            try {
              const results = await Promise.all(
                batches.map((b) => l.append(b.map(([source, n]) => entry(`e${n}`, source)))),
              );
              const keys = new Set(batches.flat().map(([s, n]) => `${s}/e${n}`));
              const records = await l.read(0, 1000);
              expect(records.map((r) => `${r.source}/${r.id}`).sort()).toEqual([...keys].sort());
              expect(results.flat().filter((r) => !r.duplicate)).toHaveLength(keys.size);
            } finally {
              await l.close();
            }
          },
        ),
        { numRuns: 25 },
      );
    });
  });
}
