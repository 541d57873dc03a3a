import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from '../server/start.js';
import { PutEventsSink } from './putevents-sink.js';
import { loadScenario, runScenario } from './run.js';

const dir = mkdtempSync(join(tmpdir(), 'emulator-bus-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('simulate --to a running bus', () => {
  it('posts every event of a run with PutEvents and the bus accepts them all', async () => {
    const server = await startServer({ dataDir: dir, host: '127.0.0.1', port: 0 });
    try {
      const sink = new PutEventsSink({ url: `${server.url}/` });
      const { scenario } = loadScenario('demo');
      const summary = await runScenario({ scenario, durationMs: 3 * 3_600_000, sink });
      expect(summary.events).toBeGreaterThan(100);
      expect(sink.sent).toBe(summary.events);
      expect(sink.refused).toBe(0);
      expect(sink.retries).toBe(0);
    } finally {
      await server.close();
    }
  });

  it('waits while the bus pushes back (503 with Retry-After), and then every event gets in', async () => {
    // A bus that takes at most 15 entries waiting for its log: four requests of ten in flight overrun it.
    const server = await startServer({
      dataDir: join(dir, 'small'),
      host: '127.0.0.1',
      port: 0,
      config: { limits: { maxPendingLogEntries: 15 } },
    });
    try {
      const sink = new PutEventsSink({ url: `${server.url}/`, concurrency: 4 });
      // Half an hour of the morning peak: batches of many contacts, so all four lanes send at once.
      const { scenario } = loadScenario('demo');
      const summary = await runScenario({
        scenario: { ...scenario, start: '2026-01-05T09:00:00Z' },
        durationMs: 1_800_000,
        sink,
      });
      expect(sink.retries).toBeGreaterThan(0);
      expect(sink.sent).toBe(summary.events);
      expect(sink.refused).toBe(0);
      const logged = await server.bus.log.read(0, summary.events + 10);
      expect(logged).toHaveLength(summary.events);
    } finally {
      await server.close();
    }
  });
});
