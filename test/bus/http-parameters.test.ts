import { createServer } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../src/server/start.js';
import { tempDir } from './helpers.js';

let server: RunningServer | undefined;
const closers: Array<() => Promise<void>> = [];

afterEach(async () => {
  await server?.close();
  server = undefined;
  for (const close of closers.splice(0)) await close();
});

describe('API destination HTTP parameters read from the original event', () => {
  it('resolves $. path, header and query values against the event, not the rendered input', async () => {
    const urls: string[] = [];
    const proxy = createServer((req, res) => {
      urls.push(req.url ?? '');
      req.resume();
      req.on('end', () => res.end());
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise<void>((resolve) => proxy.close(() => resolve())));
    const port = (proxy.address() as { port: number }).port;
    server = await startServer({
      dataDir: tempDir(),
      port: 0,
      config: {
        connections: [
          {
            Name: 'c',
            AuthorizationType: 'API_KEY',
            AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'x-api-key', ApiKeyValue: 'k' } },
          },
        ],
        apiDestinations: [
          {
            Name: 'orders',
            ConnectionName: 'c',
            InvocationEndpoint: `http://127.0.0.1:${port}/orders/*`,
            HttpMethod: 'POST',
          },
        ],
        rules: [
          {
            Name: 'orders',
            EventPattern: { source: ['shop'] },
            Targets: [
              {
                Id: 'api',
                ApiDestination: 'orders',
                InputPath: '$.detail.lines',
                HttpParameters: {
                  PathParameterValues: ['$.detail.orderId'],
                  QueryStringParameters: { customer: '$.detail.customer.id', fixed: 'yes' },
                },
              },
            ],
          },
        ],
      },
    });
    const result = await server.bus.publish([
      {
        id: 'ev-1',
        source: 'shop',
        'detail-type': 'Order',
        detail: { orderId: 'o-42', customer: { id: 'c 7' }, lines: [1, 2] },
      },
    ]);
    expect(result.FailedEntryCount).toBe(0);
    while (urls.length < 1) await new Promise((resolve) => setImmediate(resolve));
    const url = new URL(urls[0], 'http://x');
    expect(url.pathname).toBe('/orders/o-42');
    expect(Object.fromEntries(url.searchParams)).toEqual({ customer: 'c 7', fixed: 'yes' });
  });
});
