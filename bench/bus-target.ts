// The local HTTP target of `npm run bench:bus` (and, in "ceiling" mode, the trivial server whose
// req/s is the ceiling): records when each event arrives. By default it receives with the lean receiver
// (`lean-receiver.ts`), which stands for a receiver on another machine; BENCH_TARGET=node-http receives
// with `node:http` instead, whose own collector pauses then add to the latency measured.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { observeGcPauses } from './gc-pauses.js';
import { leanReceiver } from './lean-receiver.js';
import { Receipts } from './receipts.js';

const now = () => performance.timeOrigin + performance.now();
const trivial = process.argv.includes('--trivial');
const lean = !trivial && process.env.BENCH_TARGET !== 'node-http';
const received = new Receipts();
const gc = observeGcPauses();
const ID_KEY = Buffer.from('"id":"');
const QUOTE = 0x22;

/** Notes the event's id, read where the bus writes it (near the start) rather than by decoding the body. */
function record(body: Buffer, at: number): void {
  const start = body.indexOf(ID_KEY);
  if (start < 0) return;
  const from = start + ID_KEY.length;
  received.add(body, from, body.indexOf(QUOTE, from), at);
}

const server = lean
  ? leanReceiver((body) => record(body, now()))
  : createServer((req, res) => {
      if (trivial) {
        req.resume();
        req.on('end', () => res.end('{}'));
        return;
      }
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const at = now();
        record(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks), at);
        res.end();
      });
    });

if ('keepAliveTimeout' in server) server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  process.send?.({ port: (server.address() as AddressInfo).port });
});

process.on('message', (message: { type: string; receipts?: boolean }) => {
  if (message.type === 'count') process.send?.({ count: received.size });
  if (message.type === 'dump') {
    const { user, system } = process.cpuUsage();
    // The target's CPU so far, for the CPU each delivery costs the receiving side, and its collector's
    // pauses since the last dump. `receipts: false` forgets them without sending them: a phase whose
    // arrival times are not used leaves no garbage of them for the collector in the next phase.
    const wanted = message.receipts !== false;
    if (!wanted) received.clear();
    process.send?.({
      received: wanted ? received.take() : [],
      cpuMicros: user + system,
      gcPauses: gc.take(),
    });
  }
  if (message.type === 'exit') {
    if ('closeAllConnections' in server) server.closeAllConnections();
    process.exit(0);
  }
});
