import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ContactEventEnvelope } from '../model/index.js';
import { NdjsonSink } from './ndjson-sink.js';
import { loadScenario, runScenario } from './run.js';

/** Every event of a short demo run. */
async function demoEvents(durationMs = 1_800_000): Promise<ContactEventEnvelope[]> {
  const { scenario } = loadScenario('demo');
  const events: ContactEventEnvelope[] = [];
  await runScenario({
    scenario: { ...scenario, start: '2026-01-05T08:00:00Z' },
    durationMs,
    sink: { publish: (batch) => void events.push(...batch) },
  });
  return events;
}

/** The same demo run written by an NdjsonSink (the engine then writes the NDJSON itself). */
async function demoToSink(sink: NdjsonSink, durationMs: number): Promise<void> {
  const { scenario } = loadScenario('demo');
  await runScenario({
    scenario: { ...scenario, start: '2026-01-05T08:00:00Z' },
    durationMs,
    sink,
    chunk: 50,
  });
  await sink.close();
}

describe('NdjsonSink', () => {
  it('writes one JSON line per event, in order, and counts the UTF-8 bytes', async () => {
    const events = await demoEvents();
    const stream = new PassThrough();
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    const sink = new NdjsonSink(stream);
    for (let i = 0; i < events.length; i += 7) await sink.publish(events.slice(i, i + 7));
    await sink.close();
    const out = Buffer.concat(chunks);
    expect(out.toString('utf8')).toBe(events.map((e) => `${JSON.stringify(e)}\n`).join(''));
    expect(sink.bytes).toBe(out.length);
  });

  it('keeps non-ASCII text intact across buffer boundaries', async () => {
    const [base] = await demoEvents();
    const stream = new PassThrough();
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    const sink = new NdjsonSink(stream);
    const events = Array.from({ length: 300 }, (_, i) => ({
      ...base,
      detail: { ...base.detail, tags: { note: `é€😀 ${'x'.repeat(i * 37)}` } },
    }));
    await sink.publish(events);
    await sink.close();
    expect(Buffer.concat(chunks).toString('utf8')).toBe(events.map((e) => `${JSON.stringify(e)}\n`).join(''));
  });

  it('in a run, writes the NDJSON the engine wrote to a file, as JSON.stringify of every event', async () => {
    const expected = (await demoEvents(4 * 3_600_000)).map((e) => `${JSON.stringify(e)}\n`).join('');
    const dir = mkdtempSync(join(tmpdir(), 'ndjson-sink-'));
    try {
      const sink = new NdjsonSink(join(dir, 'day.ndjson'));
      await demoToSink(sink, 4 * 3_600_000);
      const written = readFileSync(join(dir, 'day.ndjson'));
      expect(written.toString('utf8')).toBe(expected);
      expect(sink.bytes).toBe(written.length);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('in a run, copies the chunks it hands to a stream, since the engine fills them again', async () => {
    const expected = (await demoEvents(4 * 3_600_000)).map((e) => `${JSON.stringify(e)}\n`).join('');
    const stream = new PassThrough();
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    await demoToSink(new NdjsonSink(stream), 4 * 3_600_000);
    expect(Buffer.concat(chunks).toString('utf8')).toBe(expected);
  });

  it('writes a file in the order things were handed over, and lent chunks before their promise settles', async () => {
    const [event] = await demoEvents(600_000);
    const line = `${JSON.stringify(event)}\n`;
    const dir = mkdtempSync(join(tmpdir(), 'ndjson-sink-'));
    try {
      let run = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            fc.oneof(
              fc.record({ objects: fc.integer({ min: 1, max: 120 }) }),
              fc.record({
                chunks: fc.array(fc.integer({ min: 1, max: 70_000 }), { minLength: 1, maxLength: 4 }),
              }),
            ),
            { maxLength: 12 },
          ),
          async (steps) => {
            const file = join(dir, `${run++}.ndjson`);
            const sink = new NdjsonSink(file);
            const expected: Buffer[] = [];
            let next = 0;
            for (const step of steps) {
              if ('objects' in step) {
                await sink.publish(Array.from({ length: step.objects }, () => event));
                expected.push(Buffer.from(line.repeat(step.objects)));
                continue;
              }
              const chunks = step.chunks.map((size) => Buffer.alloc(size, 97 + (next++ % 26)));
              expected.push(...chunks.map((c) => Buffer.from(c)));
              await sink.publishNdjson(chunks);
              // The engine fills lent chunks again once the promise has settled.
              for (const c of chunks) c.fill(0);
            }
            await sink.close();
            const written = readFileSync(file);
            expect(written.equals(Buffer.concat(expected))).toBe(true);
            expect(sink.bytes).toBe(written.length);
            rmSync(file);
          },
        ),
        { numRuns: 40 },
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(process.platform !== 'linux')(
    'fails the run, not the process, when the file cannot be written',
    async () => {
      // Every write to /dev/full fails with ENOSPC, as a full disk would.
      const sink = new NdjsonSink('/dev/full');
      await expect(demoToSink(sink, 3_600_000)).rejects.toThrow(/ENOSPC/);
      await expect(sink.close()).rejects.toThrow(/ENOSPC/);
    },
  );
});
