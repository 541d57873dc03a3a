import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { FIXTURE_DIR, loadFixtures, readJson } from '../../model/fixtures/fixtures.test-helpers.js';
import type { ContactEventEnvelope } from '../../model/index.js';
import { registerValidateCommand } from './validate.js';

interface Run {
  code: number;
  out: string[];
  err: string[];
}

/** Runs `contact-events validate ...args` in process, with `stdin` as standard input. */
async function validate(args: string[], stdin = ''): Promise<Run> {
  const run: Run = { code: 0, out: [], err: [] };
  const program = new Command('contact-events').exitOverride();
  registerValidateCommand(program, {
    readInput: (file) => (file === '-' ? Promise.resolve(stdin) : readFile(file, 'utf8')),
    out: (line) => run.out.push(line),
    err: (line) => run.err.push(line),
    setExitCode: (code) => {
      run.code = code;
    },
  });
  await program.parseAsync(['validate', ...args], { from: 'user' });
  return run;
}

const routed = readJson('seed-5-routing-step-expired.json') as ContactEventEnvelope;

function variant(edit: (event: ContactEventEnvelope) => void): string {
  const event = structuredClone(routed);
  edit(event);
  return JSON.stringify(event);
}

const doneWhen = [
  variant((e) => (e.detail.contactId = 'c'.repeat(300))),
  variant(
    (e) => (e.detail.routingCriteria!.steps[0].expression!.attributeCondition!.proficiencyLevel = 7 as 1),
  ),
  variant((e) => e.detail.routingCriteria!.steps.push(...e.detail.routingCriteria!.steps)),
  variant((e) => (e.detail.initiationTimestamp = '2023-11-01 18:33:00')),
  variant((e) => (e.detail.channel = 'SMOKE_SIGNAL')),
].join('\n');

describe('contact-events validate', () => {
  it('rejects each done-when case with its path and accepts an unknown channel with a warning', async () => {
    const run = await validate(['-'], doneWhen);
    expect(run.code).toBe(1);
    expect(run.out).toHaveLength(5);
    expect(run.out[0]).toMatch(/^line 1: invalid: 1 error: \$\.detail\.contactId .*found 300 characters\)$/);
    expect(run.out[1]).toMatch(
      /^line 2: invalid: .*\$\.detail\.routingCriteria\.steps\[0\]\.expression\.attributeCondition\.proficiencyLevel .*found 7\)$/,
    );
    expect(run.out[2]).toMatch(/^line 3: invalid: .*\$\.detail\.routingCriteria\.steps\[5\] too many items/);
    expect(run.out[3]).toMatch(/^line 4: invalid: .*\$\.detail\.initiationTimestamp malformed timestamp/);
    expect(run.out[4]).toBe(
      'line 5: ok with 1 warning: $.detail.channel value not in the documented list, kept as is ' +
        '(expected one of VOICE, CHAT, TASK, EMAIL, found "SMOKE_SIGNAL")',
    );
    expect(run.err).toEqual(['5 events: 1 valid (1 with warnings), 4 invalid']);
  });

  it.each(
    readdirSync(FIXTURE_DIR).filter((f) => /^(seed|quirk)-.*\.json$/.test(f) && !f.includes('.canonical.')),
  )('accepts the fixture %s', async (file) => {
    const run = await validate([FIXTURE_DIR + file]);
    expect(run.code).toBe(0);
    expect(run.out.every((line) => / ok( with \d+ warnings?: .*)?$/.test(line))).toBe(true);
  });

  it('accepts the seed text with its trailing commas when --lenient, and locates the fault without it', async () => {
    const file = `${FIXTURE_DIR}quirk-trailing-commas.txt`;
    expect((await validate(['--lenient', file])).code).toBe(0);
    const strict = await validate([file]);
    expect(strict.code).toBe(1);
    expect(strict.out).toEqual([
      'event: invalid: invalid JSON: Expected double-quoted property name at line 1, column 1057',
    ]);
  });

  it('reports the line and column of a fault in NDJSON and goes on with the next lines', async () => {
    const good = JSON.stringify(routed);
    const run = await validate(['-'], `${good}\n{"version": "0",, }\n${good}\n`);
    expect(run.code).toBe(1);
    expect(run.out[0]).toBe('line 1: ok');
    expect(run.out[1]).toMatch(/^line 2: invalid: invalid JSON: .* at line 2, column 17$/);
    expect(run.out[2]).toBe('line 3: ok');
  });

  it('writes canonical NDJSON with --canonical, the report going to stderr', async () => {
    const seeds = loadFixtures('seed-');
    const input = JSON.stringify(seeds.map((f) => f.input));
    const run = await validate(['--canonical', '-'], input);
    expect(run.code).toBe(0);
    expect(run.out.map((line) => JSON.parse(line))).toEqual(seeds.map((f) => f.canonical));
    expect(run.err.slice(0, 6).map((line) => line.split(':')[0])).toEqual(
      seeds.map((_, i) => `item ${i + 1}`),
    );
  });

  it('reads pretty-printed events one after the other, as `cat *.json` gives them', async () => {
    const texts = loadFixtures('seed-').map((f) => JSON.stringify(f.input, null, 2));
    const run = await validate(['-'], texts.join('\n'));
    expect(run.code).toBe(0);
    expect(run.out).toHaveLength(6);
    expect(run.out[1]).toMatch(/^line \d+: ok$/);
  });

  it('leaves invalid events out of the canonical output', async () => {
    const run = await validate(['--canonical', '-'], doneWhen);
    expect(run.out).toHaveLength(1);
    expect(JSON.parse(run.out[0]).detail.channel).toBe('SMOKE_SIGNAL');
  });

  it('fails on empty input', async () => {
    const run = await validate(['-'], '\n');
    expect(run.code).toBe(1);
    expect(run.err).toEqual(['no event found in the input']);
  });
});

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const bin = `${repoRoot}bin/contact-events.js`;
const built = existsSync(`${repoRoot}dist/cli/commands/validate.js`);
if (!built) console.warn('SKIPPED: the built CLI tests need `npm run build` first');

describe.skipIf(!built)('the built contact-events command', () => {
  const exec = promisify(execFile);

  it('accepts a seed sample and prints its canonical form', async () => {
    const file = `${FIXTURE_DIR}seed-4-routing-criteria-connected.json`;
    const { stdout } = await exec(process.execPath, [bin, 'validate', '--canonical', file]);
    expect(JSON.parse(stdout)).toEqual(readJson('seed-4-routing-criteria-connected.canonical.json'));
  });

  it('exits 1 on an invalid event, naming its path', async () => {
    const child = exec(process.execPath, [bin, 'validate', '-']);
    child.child.stdin?.end(doneWhen);
    const failure = await child.then(
      () => undefined,
      (error: { code: number; stdout: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stdout).toContain('$.detail.routingCriteria.steps[5]');
  });
});
