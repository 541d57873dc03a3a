import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bus } from '../../src/bus/bus.js';
import { tempDir } from './helpers.js';

let bus: Bus;
const out = join(tempDir('ce-publish-'), 'out', 'shop.ndjson');

beforeAll(async () => {
  bus = await Bus.open({
    dataDir: tempDir(),
    config: {
      endpoints: { shop: { kind: 'file', path: out } },
      rules: [
        {
          Name: 'paid',
          EventPattern: { source: ['shop'], detail: { state: ['paid'] } },
          Targets: [{ Id: 'file', Arn: 'arn:contact-events:file:us-east-1:123456789012:shop' }],
        },
      ],
    },
  });
});
afterAll(async () => bus.close());

describe('events published in-process', () => {
  it('are routed as they were when published, whatever the publisher does with its objects afterwards', async () => {
    const event = { source: 'shop', 'detail-type': 'Order', detail: { state: 'paid', n: 1 } };
    const published = bus.publish([event]);
    // The publisher reuses its object at once, as a generator of events does.
    event.detail.state = 'refunded';
    event.detail.n = 2;
    const result = await published;
    expect(result.FailedEntryCount).toBe(0);
    await bus.drain();
    const lines = () => {
      try {
        return readFileSync(out, 'utf8').trim().split('\n').filter(Boolean);
      } catch {
        return [];
      }
    };
    while (lines().length < 1 || bus.backlog('paid/file') > 0) await new Promise((r) => setImmediate(r));
    const delivered = lines().map((l) => JSON.parse(l) as { detail: { state: string; n: number } });
    expect(delivered.map((e) => e.detail)).toEqual([{ state: 'paid', n: 1 }]);
  });
});
