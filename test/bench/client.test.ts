// The bench's lean HTTP client: what the bus benches' load process sends with.
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { LeanClient } from '../../bench/lean-client.js';

const servers: Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

/** A node:http server that answers each POST with its body reversed, its status taken from the body. */
async function echo(): Promise<string> {
  const server = createServer((req, res) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => {
      text += c;
    });
    req.on('end', () => {
      res.statusCode = text.startsWith('refuse') ? 503 : 200;
      res.end([...text].reverse().join(''));
    });
  });
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('lean client', () => {
  it('gets each request its own answer, with more requests than connections', async () => {
    const url = await echo();
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ unit: fc.constantFrom('a', 'b', '{', '"', ' ', 'é'), maxLength: 2000 }), {
          minLength: 1,
          maxLength: 40,
        }),
        fc.integer({ min: 1, max: 6 }),
        async (bodies, connections) => {
          const client = new LeanClient(url, connections, { 'content-type': 'text/plain' });
          // ASCII bodies only: the client writes a body's characters as its bytes.
          const ascii = bodies.map((b) => b.replaceAll('é', 'e'));
          const answers = await Promise.all(ascii.map((b) => client.post(b)));
          client.close();
          expect(answers).toEqual(ascii.map((b) => ({ status: 200, text: [...b].reverse().join('') })));
        },
      ),
      { numRuns: 30 },
    );
  });

  it('reads the status of a refusal', async () => {
    const client = new LeanClient(await echo(), 2, {});
    expect(await client.post('refuse me')).toEqual({ status: 503, text: 'em esufer' });
    client.close();
  });

  it('rejects when the server goes away, and sends the next request on a new connection', async () => {
    let first = true;
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        if (first) {
          first = false;
          req.socket.destroy();
        } else res.end('ok');
      });
    });
    servers.push(server);
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const client = new LeanClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, 1, {});
    await expect(client.post('x')).rejects.toThrow(/closed/);
    expect(await client.post('y')).toEqual({ status: 200, text: 'ok' });
    client.close();
  });
});
