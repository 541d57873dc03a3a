import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { type GrepIo, registerGrepCommand } from './grep.js';

interface Run {
  code: number;
  out: string;
  err: string[];
}

async function grep(
  args: string[],
  input: (file: string) => Readable,
  onWrite?: (text: string) => void,
): Promise<Run> {
  const run: Run = { code: -1, out: '', err: [] };
  const io: GrepIo = {
    readFile: (file) => readFile(file, 'utf8'),
    openInput: input,
    write: (text) => {
      run.out += text;
      onWrite?.(text);
      return undefined;
    },
    err: (line) => run.err.push(line),
    setExitCode: (code) => {
      run.code = code;
    },
  };
  const program = new Command('contact-events').exitOverride();
  registerGrepCommand(program, io);
  await program.parseAsync(['grep', ...args], { from: 'user' });
  return run;
}

const lines = [
  JSON.stringify({ detail: { channel: 'VOICE', n: 1 } }),
  JSON.stringify({ detail: { channel: 'CHAT', n: 2 } }),
  'not json at all',
  '',
  JSON.stringify({ detail: { channel: ['EMAIL', 'VOICE'], n: 3 } }),
];
const ndjson = `${lines.join('\n')}\n`;
const voice = '{"detail":{"channel":["VOICE"]}}';
const fromText = (text: string) => () => Readable.from([text]);

describe('contact-events grep', () => {
  it('prints the matching lines unchanged, in order, and exits 0', async () => {
    const run = await grep(['--pattern', voice, '-'], fromText(ndjson));
    expect(run.out).toBe(`${lines[0]}\n${lines[4]}\n`);
    expect(run.code).toBe(0);
  });

  it('prints only the count with --count', async () => {
    const run = await grep(['--pattern', voice, '--count'], fromText(ndjson));
    expect(run.out).toBe('2\n');
    expect(run.code).toBe(0);
  });

  it('exits 1 when no line matches', async () => {
    const run = await grep(['--pattern', '{"detail":{"channel":["TASK"]}}', '-c'], fromText(ndjson));
    expect(run).toMatchObject({ code: 1, out: '0\n' });
  });

  it('exits 2 with the reason on an invalid pattern', async () => {
    const run = await grep(['--pattern', '{"detail":{"channel":[]}}'], fromText(ndjson));
    expect(run.code).toBe(2);
    expect(run.err[0]).toBe(
      'InvalidEventPatternException: Event pattern is not valid. Reason: Empty arrays are not allowed',
    );
  });

  it('reads a file given by name, and a pattern from @file', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'grep-'));
    await writeFile(path.join(dir, 'events.ndjson'), ndjson);
    await writeFile(path.join(dir, 'pattern.json'), '{"detail":{"n":[{"numeric":[">=",2]}]}}');
    const run = await grep(['--pattern', `@${dir}/pattern.json`, path.join(dir, 'events.ndjson')], (file) =>
      createReadStream(file),
    );
    expect(run.out).toBe(`${lines[1]}\n${lines[4]}\n`);
  });

  it('streams: a matching line is written before the rest of the input has arrived', async () => {
    const input = new PassThrough();
    let firstWrite!: () => void;
    const written = new Promise<void>((resolve) => {
      firstWrite = resolve;
    });
    const done = grep(['--pattern', voice], () => input, firstWrite);
    input.write(`${lines[0]}\n`);
    await written;
    input.end(`${lines[1]}\n`);
    const run = await done;
    expect(run.out).toBe(`${lines[0]}\n`);
  });

  it('exits 2 when the file cannot be read', async () => {
    const run = await grep(['--pattern', voice, '/nonexistent/events.ndjson'], (file) =>
      createReadStream(file),
    );
    expect(run.code).toBe(2);
    expect(run.err[0]).toMatch(/cannot read/);
  });
});
