// The bench's lean HTTP receiver and its record of receipts: what the bus benches' latency figures rest on.
import { once } from 'node:events';
import { type AddressInfo, connect } from 'node:net';
import fc from 'fast-check';
import { Pool } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { leanReceiver } from '../../bench/lean-receiver.js';
import { Receipts } from '../../bench/receipts.js';

const servers: Array<ReturnType<typeof leanReceiver>> = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

async function listening(onBody: (body: Buffer) => void): Promise<number> {
  const server = leanReceiver(onBody);
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

describe('lean receiver', () => {
  it('answers every pipelined request of an undici pool with 200 and hands over each body whole', async () => {
    const bodies: string[] = [];
    const port = await listening((b) => bodies.push(b.toString('utf8')));
    const pool = new Pool(`http://127.0.0.1:${port}`, { connections: 2, pipelining: 8 });
    const sent = Array.from({ length: 200 }, (_, i) => `{"id":"e-${i}","pad":"${'é'.repeat(i * 37)}"}`);
    const answers = await Promise.all(
      sent.map((body) => pool.request({ path: '/events', method: 'POST', body }).then((r) => r.statusCode)),
    );
    await pool.close();
    expect(answers).toEqual(sent.map(() => 200));
    expect([...bodies].sort()).toEqual([...sent].sort());
  });

  it('cuts requests out of bytes however the socket splits them, and answers each once', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ maxLength: 300 }), { minLength: 1, maxLength: 12 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        async (texts, cuts) => {
          const bodies: string[] = [];
          const port = await listening((b) => bodies.push(b.toString('utf8')));
          const wire = Buffer.concat(
            texts.map((t) => {
              const body = Buffer.from(t);
              return Buffer.concat([
                Buffer.from(`POST /e HTTP/1.1\r\nhost: x\r\nContent-Length: ${body.length}\r\n\r\n`),
                body,
              ]);
            }),
          );
          const points = [...new Set(cuts.map((c) => c % wire.length))].sort((a, b) => a - b);
          const socket = connect(port, '127.0.0.1');
          await once(socket, 'connect');
          let answered = '';
          socket.on('data', (d) => {
            answered += d.toString('latin1');
          });
          let from = 0;
          for (const at of [...points, wire.length]) {
            socket.write(wire.subarray(from, at));
            from = at;
            await new Promise((resolve) => setImmediate(resolve));
          }
          while (answered.split('HTTP/1.1 200 OK').length - 1 < texts.length) await once(socket, 'data');
          socket.destroy();
          expect(bodies).toEqual(texts);
          expect(answered.split('HTTP/1.1 200 OK').length - 1).toBe(texts.length);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('receipts', () => {
  it('keeps the first arrival of each id, in order, as a map would', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.stringMatching(/^[0-9a-f-]{1,64}$/), fc.double({ noNaN: true })), {
          maxLength: 3000,
        }),
        fc.stringMatching(/^[a-z]{0,5}$/),
        (arrivals, pad) => {
          const receipts = new Receipts();
          const reference = new Map<string, number>();
          for (const [id, at] of arrivals) {
            const bytes = Buffer.from(`${pad}${id}"`);
            receipts.add(bytes, pad.length, pad.length + id.length, at);
            if (!reference.has(id)) reference.set(id, at);
          }
          expect(receipts.size).toBe(reference.size);
          expect(receipts.take()).toEqual([...reference]);
          expect(receipts.size).toBe(0);
          expect(receipts.take()).toEqual([]);
        },
      ),
    );
  });
});
