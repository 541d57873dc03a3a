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
      expect(sink.failedEntries).toBe(0);
    } finally {
      await server.close();
    }
  });
});
