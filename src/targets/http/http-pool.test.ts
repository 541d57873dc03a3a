import { once } from 'node:events';
import { type AddressInfo, connect, createServer, type Server, Socket } from 'node:net';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHttpPool, sendOncePerTurn } from './http-pool.js';
import { TestServer } from './test-server.test-helpers.js';

/** A TCP server that keeps every byte it receives. */
async function sink(): Promise<{ server: Server; port: number; received: () => Buffer }> {
  const chunks: Buffer[] = [];
  const server = createServer((socket) => socket.on('data', (c: Buffer) => chunks.push(c)));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, port: (server.address() as AddressInfo).port, received: () => Buffer.concat(chunks) };
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Counts the sends of one socket: Node writes a socket through `_write` (one chunk) or `_writev` (several). */
function countSends(socket: Socket): { sends: number } {
  const counter = { sends: 0 };
  const write = socket._write.bind(socket);
  const writev = socket._writev?.bind(socket);
  socket._write = (...args) => {
    counter.sends++;
    write(...args);
  };
  socket._writev = (...args) => {
    counter.sends++;
    writev?.(...args);
  };
  return counter;
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await turn();
}

describe('sendOncePerTurn', () => {
  let server: Server | undefined;
  afterEach(() => {
    server?.close();
    server = undefined;
    vi.restoreAllMocks();
  });

  it('sends what a socket is given in one turn in one write, in order', async () => {
    const s = await sink();
    server = s.server;
    const socket = connect(s.port, '127.0.0.1');
    await once(socket, 'connect');
    sendOncePerTurn(socket);
    const counter = countSends(socket);
    socket.write('POST /a HTTP/1.1\r\n', 'latin1');
    socket.write(Buffer.from('{"a":1}'));
    socket.write('POST /b');
    await turn();
    expect(counter.sends).toBe(1);
    socket.write('+later');
    const expected = 'POST /a HTTP/1.1\r\n{"a":1}POST /b+later';
    await until(() => s.received().length >= expected.length);
    expect(counter.sends).toBe(2);
    expect(s.received().toString()).toBe(expected);
    socket.destroy();
  });

  it('delivers every byte in order, whatever the writes and turns (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fc.string({ minLength: 1, maxLength: 40 }), { minLength: 1, maxLength: 6 }), {
          minLength: 1,
          maxLength: 8,
        }),
        async (turns) => {
          const s = await sink();
          const socket = connect(s.port, '127.0.0.1');
          await once(socket, 'connect');
          sendOncePerTurn(socket);
          const counter = countSends(socket);
          for (const writes of turns) {
            for (const w of writes) socket.write(w);
            await turn();
          }
          const expected = turns.flat().join('');
          await until(() => s.received().length >= Buffer.byteLength(expected));
          socket.destroy();
          s.server.close();
          expect(s.received().toString()).toBe(expected);
          expect(counter.sends).toBeLessThanOrEqual(turns.length);
        },
      ),
      { numRuns: 30 },
    );
  });
});

describe('createHttpPool', () => {
  let target: TestServer | undefined;
  afterEach(async () => {
    await target?.stop();
    target = undefined;
    vi.restoreAllMocks();
  });

  it('sends the requests pipelined on a connection in one turn together, and each gets its answer', async () => {
    target = await new TestServer((req, res) => res.end(req.body)).start();
    const pool = createHttpPool({ connections: 1, pipelining: 4 });
    const sends: string[] = [];
    const writev = Socket.prototype._writev;
    vi.spyOn(Socket.prototype, '_writev').mockImplementation(function (this: Socket, chunks, cb) {
      const text = chunks.map((c) => c.chunk.toString()).join('');
      if (text.startsWith('POST /p')) sends.push(text);
      writev?.call(this, chunks, cb);
    });
    const origin = new URL(target.url()).origin;
    // One request first, so the connection exists and the next four find it.
    const first = await pool.request({ origin, path: '/p0', method: 'POST', body: 'warm', idempotent: true });
    expect(await first.body.text()).toBe('warm');
    sends.length = 0;
    const answers = await Promise.all(
      [1, 2, 3, 4].map(async (i) => {
        const res = await pool.request({
          origin,
          path: `/p${i}`,
          method: 'POST',
          body: `body ${i}`,
          idempotent: true,
          blocking: false,
        });
        return res.body.text();
      }),
    );
    expect(answers).toEqual(['body 1', 'body 2', 'body 3', 'body 4']);
    expect(sends).toHaveLength(1);
    expect(sends[0].match(/POST \/p\d/g)).toEqual(['POST /p1', 'POST /p2', 'POST /p3', 'POST /p4']);
    await pool.close();
  });
});
