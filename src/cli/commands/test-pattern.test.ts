import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerTestPatternCommand } from './test-pattern.js';

interface Run {
  code: number;
  out: string[];
  err: string[];
}

async function testPattern(args: string[]): Promise<Run> {
  const run: Run = { code: -1, out: [], err: [] };
  const program = new Command('contact-events').exitOverride();
  registerTestPatternCommand(program, {
    readFile: (file) => readFile(file, 'utf8'),
    out: (line) => run.out.push(line),
    err: (line) => run.err.push(line),
    setExitCode: (code) => {
      run.code = code;
    },
  });
  await program.parseAsync(['test-pattern', ...args], { from: 'user' });
  return run;
}

const event = JSON.stringify({ source: 'aws.connect', detail: { channel: 'VOICE', queue: { depth: 3 } } });

describe('contact-events test-pattern', () => {
  it('prints true and exits 0 on a match', async () => {
    const run = await testPattern(['--pattern', '{"detail":{"channel":["VOICE"]}}', '--event', event]);
    expect(run).toEqual({ code: 0, out: ['true'], err: [] });
  });

  it('prints false and exits 1 when the event does not match', async () => {
    const run = await testPattern([
      '--pattern',
      '{"detail":{"queue":{"depth":[{"numeric":[">",5]}]}}}',
      '--event',
      event,
    ]);
    expect(run).toEqual({ code: 1, out: ['false'], err: [] });
  });

  it('exits 2 with the reason on stderr for an invalid pattern, printing nothing on stdout', async () => {
    const run = await testPattern(['--pattern', '{"detail":{"channel":"VOICE"}}', '--event', event]);
    expect(run.code).toBe(2);
    expect(run.out).toEqual([]);
    expect(run.err).toEqual([
      'InvalidEventPatternException: Event pattern is not valid. Reason: "channel" must be an object or an array',
    ]);
  });

  it('exits 2 when the event is not a JSON object', async () => {
    const run = await testPattern(['--pattern', '{"a":[1]}', '--event', '[1,2]']);
    expect(run.code).toBe(2);
    expect(run.err[0]).toMatch(/not a valid JSON object/);
  });

  it('reads the pattern and the event from @files', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'test-pattern-'));
    await writeFile(path.join(dir, 'p.json'), '{"source":[{"prefix":"aws."}]}');
    await writeFile(path.join(dir, 'e.json'), event);
    const run = await testPattern(['--pattern', `@${dir}/p.json`, '--event', `@${dir}/e.json`]);
    expect(run).toEqual({ code: 0, out: ['true'], err: [] });
  });

  it('exits 2 when a file cannot be read', async () => {
    const run = await testPattern(['--pattern', '@/nonexistent/p.json', '--event', event]);
    expect(run.code).toBe(2);
    expect(run.err[0]).toMatch(/cannot read input/);
  });
});
