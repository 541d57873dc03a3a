// The local HTTP target of `npm run bench:bus` (and, in "ceiling" mode, the trivial server whose
// req/s is the ceiling): records when each event arrives.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { observeGcPauses } from './gc-pauses.js';

const now = () => performance.timeOrigin + performance.now();
const trivial = process.argv.includes('--trivial');
const received = new Map<string, number>();
const gc = observeGcPauses();
const ID_KEY = Buffer.from('"id":"');
const QUOTE = 0x22;

const server = createServer((req, res) => {
  if (trivial) {
    req.resume();
    req.on('end', () => res.end('{}'));
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const at = now();
    // The event's id, read where the bus writes it (near the start) rather than by decoding the whole
    // body, and copied out as a string of its own: a slice of the body would keep every body alive in
    // `received`, and the target's collector would then set part of the latency it measures. The target
    // stands for a receiver that costs as little as it can, so that the bus's share shows.
    const body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
    const start = body.indexOf(ID_KEY);
    if (start >= 0) {
      const from = start + ID_KEY.length;
      const id = body.toString('latin1', from, body.indexOf(QUOTE, from));
      if (!received.has(id)) received.set(id, at);
    }
    res.end();
  });
});

server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  process.send?.({ port: (server.address() as AddressInfo).port });
});

process.on('message', (message: { type: string }) => {
  if (message.type === 'count') process.send?.({ count: received.size });
  if (message.type === 'dump') {
    const { user, system } = process.cpuUsage();
    // The target's CPU so far, for the CPU each delivery costs the receiving side, and its collector's
    // pauses since the last dump.
    process.send?.({ received: [...received], cpuMicros: user + system, gcPauses: gc.take() });
    received.clear();
  }
  if (message.type === 'exit') {
    server.closeAllConnections();
    process.exit(0);
  }
});
