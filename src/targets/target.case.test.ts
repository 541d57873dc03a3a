/**
 * The behaviour every target shares, run against each implementation: what the delivery engine relies
 * on whatever the kind.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveryRequest, TestServer } from './http/test-server.test-helpers.js';
import { createTarget, type TargetSpec } from './index.js';

interface Harness {
  spec: TargetSpec;
  /** The events the destination has received, parsed. */
  received(): Promise<unknown[]>;
  stop(): Promise<void>;
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'target-case-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function readLines(path: string): Promise<unknown[]> {
  const text = await readFile(path, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}

async function httpHarness(make: (url: string) => TargetSpec): Promise<Harness> {
  const server = await new TestServer().start();
  return {
    spec: make(server.url('/events')),
    received: () => Promise.resolve(server.received.map((r) => JSON.parse(r.body))),
    stop: () => server.stop(),
  };
}

const harnesses: Record<string, () => Promise<Harness>> = {
  'api-destination': () =>
    httpHarness((url) => ({
      kind: 'api-destination',
      destination: { InvocationEndpoint: url, HttpMethod: 'POST' },
      connection: {
        AuthorizationType: 'API_KEY',
        AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'x-api-key', ApiKeyValue: 'k' } },
      },
    })),
  webhook: () =>
    httpHarness((url) => ({ kind: 'webhook', url, secrets: ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'] })),
  file: async () => {
    const path = join(dir, `case-${Math.random().toString(36).slice(2)}.ndjson`);
    return { spec: { kind: 'file', path }, received: () => readLines(path), stop: async () => {} };
  },
  function: async () => {
    const out = join(dir, `fn-${Math.random().toString(36).slice(2)}.ndjson`);
    const module = join(dir, `fn-${Math.random().toString(36).slice(2)}.mjs`);
    await writeFile(
      module,
      `import { appendFileSync } from 'node:fs';\nexport const handler = (e) => appendFileSync(${JSON.stringify(out)}, JSON.stringify(e) + '\\n');\n`,
    );
    return { spec: { kind: 'function', module }, received: () => readLines(out), stop: async () => {} };
  },
};

describe.each(Object.entries(harnesses))('%s target (shared cases)', (kind, setup) => {
  it('delivers each event once, whole, including under concurrency, then closes', async () => {
    const h = await setup();
    const target = createTarget(h.spec);
    expect(target.kind).toBe(kind);
    expect(await target.connect?.()).toEqual({ ok: true });
    const events = Array.from({ length: 20 }, (_, i) => ({
      id: `e-${i}`,
      detail: { n: i, text: 'ünïcödé "q"' },
    }));
    const outcomes = await Promise.all(
      events.map((e) => target.deliver(deliveryRequest({ eventId: e.id, body: JSON.stringify(e) }))),
    );
    expect(outcomes.filter((o) => !o.ok)).toEqual([]);
    await target.close();
    const got = (await h.received()) as Array<{ id: string }>;
    expect(got.sort((a, b) => Number(a.id.slice(2)) - Number(b.id.slice(2)))).toEqual(events);
    await h.stop();
  });

  it('answers an outcome rather than throwing when the destination is gone', async () => {
    const h = await setup();
    await h.stop();
    const target = createTarget(h.spec);
    const outcome = await target.deliver(deliveryRequest());
    expect(typeof outcome.ok).toBe('boolean');
    await target.close();
  });
});
