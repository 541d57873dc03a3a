// The local HTTP target of `npm run bench:bus` (and, in "ceiling" mode, the trivial server whose
// req/s is the ceiling): records when each event arrives.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const now = () => performance.timeOrigin + performance.now();
const trivial = process.argv.includes('--trivial');
const received = new Map<string, number>();
const ID_KEY = '"id":"';

const server = createServer((req, res) => {
  if (trivial) {
    req.resume();
    req.on('end', () => res.end('{}'));
    return;
  }
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (c: string) => {
    body += c;
  });
  req.on('end', () => {
    const at = now();
    // The event's id, read where the bus writes it (near the start) rather than by parsing the whole
    // body: the target stands for a receiver that costs as little as it can, so the bus's share shows.
    const start = body.indexOf(ID_KEY);
    if (start >= 0) {
      const from = start + ID_KEY.length;
      const id = body.slice(from, body.indexOf('"', from));
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
    // The target's CPU so far, for the CPU each delivery costs the receiving side.
    process.send?.({ received: [...received], cpuMicros: user + system });
    received.clear();
  }
  if (message.type === 'exit') server.close(() => process.exit(0));
});
