// The local HTTP target of `npm run bench:bus` (and, in "ceiling" mode, the trivial server whose
// req/s is the ceiling): records when each event arrives.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const now = () => performance.timeOrigin + performance.now();
const trivial = process.argv.includes('--trivial');
const received = new Map<string, number>();

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
    try {
      const event = JSON.parse(Buffer.concat(chunks).toString()) as { id: string };
      if (!received.has(event.id)) received.set(event.id, at);
    } catch {
      // Not an event: ignored.
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
    // The target's CPU so far, for the CPU each delivery costs the receiving side.
    process.send?.({ received: [...received], cpuMicros: user + system });
    received.clear();
  }
  if (message.type === 'exit') server.close(() => process.exit(0));
});
