import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { INSTANCE, TEST_CENTER_YAML } from './emulator.test-helpers.js';
import { EmulatorConfigError } from './errors.js';
import { createEmulator, loadScenario, runEmulator, runScenario, type WallClock } from './run.js';
import { parseScenario } from './scenario.js';

const dir = mkdtempSync(join(tmpdir(), 'scenario-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fakeWall(): WallClock & { slept: number } {
  let now = 0;
  return {
    slept: 0,
    now: () => now,
    sleep(ms) {
      now += ms;
      this.slept += ms;
      return Promise.resolve();
    },
  };
}

describe('loadScenario', () => {
  it('names the built-in scenarios when a name is neither one of them nor a file', () => {
    expect(() => loadScenario('nope')).toThrow(EmulatorConfigError);
    expect(() => loadScenario('nope')).toThrow(
      /cannot read .*nope: no such file \(built-in scenarios: demo\)/,
    );
  });
});

describe('runScenario', () => {
  it('hands the sink one NDJSON batch at a time, and fills lent chunks again only once it is done', async () => {
    const { scenario } = loadScenario('demo');
    const start = { ...scenario, start: '2026-01-05T08:00:00Z' };
    const lines: string[] = [];
    await runScenario({
      scenario: start,
      durationMs: 8 * 3_600_000,
      sink: { publish: (batch) => void lines.push(...batch.map((e) => `${JSON.stringify(e)}\n`)) },
    });
    // A sink that reads its chunks only when its promise settles, a moment later: a chunk filled again
    // before then would show in what it read.
    const read: Buffer[] = [];
    let pendingBatches = 0;
    let mostPending = 0;
    let chunksPerBatch = 0;
    await runScenario({
      scenario: start,
      durationMs: 8 * 3_600_000,
      // Batches of several chunks: a chunk filled again too early would be one of the same batch.
      chunk: 20_000,
      sink: {
        publish: () => undefined,
        publishNdjson: (chunks) => {
          pendingBatches++;
          mostPending = Math.max(mostPending, pendingBatches);
          chunksPerBatch = Math.max(chunksPerBatch, chunks.length);
          return new Promise<void>((resolve) =>
            setTimeout(() => {
              read.push(...chunks.map((c) => Buffer.from(c)));
              pendingBatches--;
              resolve();
            }, 1),
          );
        },
      },
    });
    expect(Buffer.concat(read).toString('utf8')).toBe(lines.join(''));
    expect(mostPending).toBe(1);
    expect(chunksPerBatch).toBeGreaterThan(2);
  });

  it('paces virtual time against the wall clock at xN', async () => {
    const { scenario } = loadScenario('demo');
    const wall = fakeWall();
    const summary = await runScenario({ scenario, durationMs: 600_000, speed: 60, wall, drain: false });
    expect(summary.endMs - summary.startMs).toBe(600_000);
    expect(wall.now()).toBeGreaterThanOrEqual(10_000);
    expect(wall.now()).toBeLessThan(10_500);
  });

  it('at xN, drains and ends once every contact has ended, with the events of a run at max speed', async () => {
    const { scenario } = loadScenario('demo');
    const run = { scenario, durationMs: 600_000, seed: 3 };
    const lines = (into: string[]) => ({
      publish: (batch: { id: string }[]) => void into.push(...batch.map((e) => JSON.stringify(e))),
    });
    const atMax: string[] = [];
    await runScenario({ ...run, sink: lines(atMax) });
    // A run that never ends would spin on the fake clock: the signal stops it a virtual week later.
    const wall = fakeWall();
    const abort = new AbortController();
    const sleep = wall.sleep.bind(wall);
    wall.sleep = (ms) => {
      if (wall.now() > 7 * 86_400_000) abort.abort();
      return sleep(ms);
    };
    const paced: string[] = [];
    const summary = await runScenario({ ...run, speed: 600, wall, signal: abort.signal, sink: lines(paced) });
    expect(abort.signal.aborted).toBe(false);
    expect(summary.contactsInProgress).toBe(0);
    expect(paced).toEqual(atMax);
  });

  it('loads a scenario file whose center path is relative to it, and stops without draining', async () => {
    writeFileSync(join(dir, 'center.yaml'), TEST_CENTER_YAML);
    writeFileSync(
      join(dir, 'scenario.yaml'),
      'name: small\ncenter: center.yaml\narrivals:\n  - { channel: CHAT, flow: ToQ1, perHour: 600 }\n',
    );
    const { scenario, baseDir } = loadScenario(join(dir, 'scenario.yaml'));
    const summary = await runScenario({ scenario, baseDir, durationMs: 3_600_000, drain: false });
    expect(summary.stats.events.INITIATED).toBeGreaterThan(400);
    expect(summary.contactsInProgress).toBeGreaterThan(0);
  });

  it('runs an API-driven emulator against the wall clock until aborted, publishing as it goes', async () => {
    const emulator = createEmulator({ center: TEST_CENTER_YAML, startMs: Date.UTC(2026, 0, 5, 9) });
    const published: string[] = [];
    const abort = new AbortController();
    const wall = fakeWall();
    const sleep = wall.sleep.bind(wall);
    wall.sleep = async (ms) => {
      await sleep(ms);
      if (wall.now() >= 1000) abort.abort();
    };
    const { contactId } = emulator.startChatContact({ ...INSTANCE, contactFlowId: 'ToQ1' });
    const count = await runEmulator(emulator, {
      speed: 'realtime',
      wall,
      signal: abort.signal,
      sink: { publish: (events) => void published.push(...events.map((e) => e.detail.eventType)) },
    });
    expect(published).toEqual(['INITIATED', 'CONNECTED_TO_SYSTEM']);
    expect(count).toBe(2);
    expect(emulator.describeContact({ ...INSTANCE, contactId }).State).toBe('IN_FLOW');
  });

  it('rejects scenarios it cannot run', () => {
    expect(() => parseScenario('arrivals: []')).toThrow(EmulatorConfigError);
    expect(() => parseScenario('center: demo\narrivals: [ { channel: FAX, flow: x, perHour: 1 } ]')).toThrow(
      EmulatorConfigError,
    );
    expect(() => loadScenario(join(dir, 'missing.yaml'))).toThrow(EmulatorConfigError);
  });
});
