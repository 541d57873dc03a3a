import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const bin = `${repoRoot}bin/contact-events.js`;
const built = existsSync(`${repoRoot}dist/cli/closed-pipe.js`);
if (!built) console.warn('SKIPPED: the built CLI tests need `npm run build` first');

/** Runs the built command, reads its first output, then closes the pipe as `| head` does. */
function readThenClose(args: string[]): Promise<{ code: number | null; stderr: string; read: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let read = '';
    child.stderr.on('data', (c: Buffer) => {
      stderr += c;
    });
    child.stdout.once('data', (c: Buffer) => {
      read = c.toString('utf8');
      child.stdout.destroy();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr, read }));
  });
}

describe.skipIf(!built)('a reader that closes the pipe early', () => {
  it('ends simulate quietly, with success', async () => {
    const run = await readThenClose(['simulate', '--scenario', 'demo', '--duration', '48h', '--no-progress']);
    expect(JSON.parse(run.read.split('\n')[0]).source).toBe('aws.connect');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });
});

describe.skipIf(!built)('standard output that cannot be written', () => {
  it('ends the command with one line and status 1, not a stack trace', () => {
    const full = openSync('/dev/full', 'w');
    const run = spawnSync(
      process.execPath,
      [bin, 'simulate', '--scenario', 'demo', '--duration', '1h', '--no-progress'],
      {
        stdio: ['ignore', full, 'pipe'],
        encoding: 'utf8',
      },
    );
    expect(run.stderr.trim()).toMatch(/^contact-events: cannot write to standard output: ENOSPC/);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.status).toBe(1);
    closeSync(full);
  });
});
