import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PutEventsCommand, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../src/server/start.js';
import { client, tempDir } from './helpers.js';

let server: RunningServer;
const out = join(tempDir('ce-file-'), 'out', 'orders.ndjson');

beforeAll(async () => {
  server = await startServer({
    dataDir: tempDir(),
    port: 0,
    config: { endpoints: { orders: { kind: 'file', path: out } } },
  });
});
afterAll(async () => server.close());

describe('a declared file endpoint as a PutTargets target', () => {
  it('receives each matching event, transformed, as one NDJSON line', async () => {
    const eb = client(server.url);
    await eb.send(new PutRuleCommand({ Name: 'orders', EventPattern: JSON.stringify({ source: ['shop'] }) }));
    const put = await eb.send(
      new PutTargetsCommand({
        Rule: 'orders',
        Targets: [
          {
            Id: 'file',
            Arn: 'arn:contact-events:file:us-east-1:123456789012:orders',
            InputTransformer: {
              InputPathsMap: { n: '$.detail.n' },
              InputTemplate: '{"n": <n>, "rule": <aws.events.rule-name>}',
            },
          },
        ],
      }),
    );
    expect(put.FailedEntryCount).toBe(0);
    await eb.send(
      new PutEventsCommand({
        Entries: [1, 2, 3].map((n) => ({
          Source: n === 2 ? 'other' : 'shop',
          DetailType: 'Order',
          Detail: JSON.stringify({ n }),
        })),
      }),
    );
    eb.destroy();
    await server.bus.drain();
    const lines = () => {
      try {
        return readFileSync(out, 'utf8').trim().split('\n').filter(Boolean);
      } catch {
        return [];
      }
    };
    while (lines().length < 2 || server.bus.backlog('orders/file') > 0)
      await new Promise((r) => setImmediate(r));
    expect(
      lines()
        .map((l) => JSON.parse(l))
        .sort((a, b) => a.n - b.n),
    ).toEqual([
      { n: 1, rule: 'orders' },
      { n: 3, rule: 'orders' },
    ]);
  });
});
