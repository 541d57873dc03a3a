import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { ContactEventEnvelope } from '../model/index.js';
import { NdjsonSink } from './ndjson-sink.js';
import { loadScenario, runScenario } from './run.js';

/** Every event of a short demo run. */
async function demoEvents(): Promise<ContactEventEnvelope[]> {
  const { scenario } = loadScenario('demo');
  const events: ContactEventEnvelope[] = [];
  await runScenario({
    scenario,
    durationMs: 1_800_000,
    sink: { publish: (batch) => void events.push(...batch) },
  });
  return events;
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
});
