import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  formatSummary,
  parseQuirks,
  parseSeed,
  parseSpeed,
  type SimulateOptions,
  simulate,
} from './simulate.js';

const dir = mkdtempSync(join(tmpdir(), 'simulate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The demo scenario, seed 3, at max speed, drained, without a progress bar. */
function simulateDemo(options: Partial<SimulateOptions>) {
  return simulate({
    scenario: 'demo',
    seed: '3',
    speed: 'max',
    drain: true,
    progress: false,
    duration: '1h',
    ...options,
  });
}

describe('simulate', () => {
  it('writes NDJSON events of the demo scenario and summarises them', async () => {
    const out = join(dir, 'events.ndjson');
    const summary = await simulateDemo({ duration: '2h', out });
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(summary.events);
    expect(JSON.parse(lines[0]).source).toBe('aws.connect');
    const text = formatSummary(summary);
    expect(text).toContain('contacts by channel and outcome:');
    expect(text).toContain('INITIATED');
    expect(summary.contactsInProgress).toBe(0);
  });

  it('with quirks, counts what each did, and the file holds the events it says were delivered', async () => {
    const out = join(dir, 'messy.ndjson');
    const summary = await simulateDemo({
      duration: '3h',
      out,
      quirks: 'duplicate=0.05,drop=0.05,skew=0.1,pascalCase=0.1',
    });
    const q = summary.quirks;
    expect(q).toBeDefined();
    if (!q) return;
    expect(q.duplicate && q.drop && q.skew && q.pascalCase).toBeGreaterThan(0);
    expect(q.late + q.reorder + q.voiceCasing + q.placeholderTimestamps).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(summary.events - q.drop + q.duplicate);
    const pascal = new Set(lines.filter((l) => l.includes('"ContactId"')).map((l) => JSON.parse(l).id));
    expect(pascal.size).toBe(q.pascalCase);
    const text = formatSummary(summary);
    expect(text).toContain(`delivery quirks (${lines.length} events delivered):`);
    expect(text).toMatch(new RegExp(`duplicated +${q.duplicate}\n`));
    expect(text).toMatch(new RegExp(`with a skewed time +${q.skew}(\n|$)`));
    expect(text).not.toContain('delivered late');
  });

  it('with --to, says how many events the bus refused and why', async () => {
    // A bus that takes every entry but the first of each request, which it calls invalid.
    const server = createServer((req, res) => {
      let text = '';
      req.on('data', (c: Buffer) => {
        text += c;
      });
      req.on('end', () => {
        const entries = JSON.parse(text).Entries as unknown[];
        const results = entries.map((_, i) =>
          i === 0
            ? { ErrorCode: 'InvalidArgument', ErrorMessage: 'Not for this bus.' }
            : { EventId: `e${i}` },
        );
        res.setHeader('content-type', 'application/x-amz-json-1.1');
        res.end(JSON.stringify({ FailedEntryCount: 1, Entries: results }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const summary = await simulate({
        scenario: 'demo',
        duration: '30m',
        speed: 'max',
        to: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
        drain: true,
        progress: false,
      });
      expect(summary.refused?.events).toBeGreaterThan(0);
      expect(summary.refused?.first).toBe('InvalidArgument: Not for this bus.');
      expect(formatSummary(summary)).toContain(
        `the bus refused ${summary.refused?.events} event(s); the first: InvalidArgument: Not for this bus.`,
      );
    } finally {
      server.close();
    }
  });

  it('leaves an existing --out file as it was when an option or the scenario is refused', async () => {
    const out = join(dir, 'keep.ndjson');
    writeFileSync(out, 'yesterday\n');
    const badScenario = join(dir, 'bad-scenario.yaml');
    writeFileSync(
      badScenario,
      'name: bad\ncenter: demo\narrivals:\n  - { channel: VOICE, flow: Inbound, perHour: lots }\n',
    );
    const unknownFlow = join(dir, 'unknown-flow.yaml');
    writeFileSync(
      unknownFlow,
      'name: lost\ncenter: demo\narrivals:\n  - { channel: VOICE, flow: Nope, perHour: 60 }\n',
    );
    const refused: Partial<SimulateOptions>[] = [
      { speed: 'fast' },
      { quirks: 'duplicate=' },
      { seed: '4294967296' },
      { duration: '0m' },
      { scenario: badScenario },
      { scenario: unknownFlow },
    ];
    for (const options of refused) {
      await expect(simulateDemo({ ...options, out }), JSON.stringify(options)).rejects.toThrow();
      expect(readFileSync(out, 'utf8'), JSON.stringify(options)).toBe('yesterday\n');
    }
  });

  it('rejects a seed that is not a number', async () => {
    await expect(
      simulate({ scenario: 'demo', duration: '1h', seed: 'abc', speed: 'max', drain: true, progress: false }),
    ).rejects.toThrow(RangeError);
  });

  it('parses speeds and quirks, and rejects bad ones', () => {
    expect(parseSpeed('max')).toBe('max');
    expect(parseSpeed('realtime')).toBe('realtime');
    expect(parseSpeed('x10')).toBe(10);
    expect(parseSpeed('60x')).toBe(60);
    expect(() => parseSpeed('fast')).toThrow(RangeError);
    expect(parseQuirks('duplicate=0.1,pascalCase=0.5,late=0.02,skew=0.3')).toEqual({
      duplicate: 0.1,
      pascalCase: 0.5,
      late: 0.02,
      skew: 0.3,
    });
    expect(() => parseQuirks('lose=0.1')).toThrow(RangeError);
    expect(() => parseQuirks('drop=2')).toThrow(RangeError);
    expect(() => parseQuirks('duplicate=')).toThrow(RangeError);
    expect(parseSeed('4294967295')).toBe(4294967295);
    expect(() => parseSeed('4294967296')).toThrow(/an integer from 0 to 4294967295/);
  });
});
