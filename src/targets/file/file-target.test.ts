import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deliveryRequest } from '../http/test-server.test-helpers.js';
import { createTarget } from '../index.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'file-target-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function lines(path: string): Promise<unknown[]> {
  const text = await readFile(path, 'utf8');
  expect(text.endsWith('\n')).toBe(true);
  return text
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l));
}

describe('NDJSON file target', () => {
  it('creates missing folders and appends one line per event', async () => {
    const path = join(dir, 'a', 'b', 'events.ndjson');
    const target = createTarget({ kind: 'file', path });
    expect(await target.deliver(deliveryRequest({ body: '{\n  "n": 1\n}' }))).toEqual({ ok: true });
    expect(await target.deliver(deliveryRequest({ body: '"text with\\nnewline"' }))).toEqual({ ok: true });
    expect(await target.deliver(deliveryRequest({ body: 'not json' }))).toEqual({ ok: true });
    await target.close();
    expect(await lines(path)).toEqual([{ n: 1 }, 'text with\nnewline', 'not json']);
  });

  it('keeps every line whole under concurrent deliveries', async () => {
    const path = join(dir, 'events.ndjson');
    const target = createTarget({ kind: 'file', path });
    const big = 'x'.repeat(100_000);
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        target.deliver(deliveryRequest({ body: JSON.stringify({ i, big }) })),
      ),
    );
    await target.close();
    expect(outcomes.every((o) => o.ok)).toBe(true);
    const got = (await lines(path)) as Array<{ i: number; big: string }>;
    expect(got.map((l) => l.i).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(got.every((l) => l.big === big)).toBe(true);
  });

  it('appends to an existing file across target instances', async () => {
    const path = join(dir, 'events.ndjson');
    for (const n of [1, 2]) {
      const target = createTarget({ kind: 'file', path });
      await target.deliver(deliveryRequest({ body: JSON.stringify({ n }) }));
      await target.close();
    }
    expect(await lines(path)).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('reports a write it cannot make as a retryable failure, and recovers', async () => {
    const blocker = join(dir, 'blocker');
    await writeFile(blocker, 'a file where a folder should be');
    const target = createTarget({ kind: 'file', path: join(blocker, 'events.ndjson') });
    const failed = await target.deliver(deliveryRequest());
    expect(failed).toMatchObject({ ok: false, retryable: true, errorCode: 'ERROR_FROM_TARGET' });
    expect(failed.ok ? '' : failed.errorMessage).toMatch(/ENOTDIR|EEXIST/);
    await rm(blocker);
    expect(await target.deliver(deliveryRequest())).toEqual({ ok: true });
    await target.close();
    expect(await lines(join(blocker, 'events.ndjson'))).toHaveLength(1);
  });

  it('refuses deliveries after close', async () => {
    const target = createTarget({ kind: 'file', path: join(dir, 'e.ndjson') });
    await target.close();
    expect(await target.deliver(deliveryRequest())).toMatchObject({ ok: false, retryable: true });
  });
});
