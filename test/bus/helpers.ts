import { mkdtempSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';

export function tempDir(prefix = 'ce-bus-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function client(url: string, credentials = { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local' }) {
  return new EventBridgeClient({ endpoint: url, region: 'us-east-1', credentials, maxAttempts: 1 });
}

export interface Received {
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

/** A local HTTP receiver whose answer each test decides; it records every request. */
export async function receiver(answer: (req: Received, n: number) => number = () => 200) {
  const received: Received[] = [];
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(r);
      res.statusCode = answer(r, received.length);
      res.end();
      for (const w of waiters.filter((w) => received.length >= w.count)) w.resolve();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    /** Resolves once `count` requests have arrived. */
    until: (count: number) =>
      received.length >= count
        ? Promise.resolve()
        : new Promise<void>((resolve) => waiters.push({ count, resolve })),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
