import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export type Responder = (req: ReceivedRequest, res: ServerResponse) => void;

/** A real HTTP server on 127.0.0.1 that records what it receives and answers as told. */
export class TestServer {
  readonly received: ReceivedRequest[] = [];
  private server: Server | undefined;
  private port = 0;

  constructor(public respond: Responder = (_req, res) => res.end('ok')) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const received = {
          method: req.method ?? '',
          url: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        };
        this.received.push(received);
        this.respond(received, res);
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  url(path = '/'): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

export function reply(
  res: ServerResponse,
  status: number,
  body = '',
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, headers);
  res.end(body);
}

/** A request for tests: only the fields a test cares about need to be given. */
export function deliveryRequest(overrides: Partial<import('../target.js').DeliveryRequest> = {}) {
  return {
    eventId: 'evt-1',
    body: '{"id":"evt-1","detail":{"contactId":"c-1"}}',
    attempt: 1,
    ruleArn: 'arn:aws:events:us-east-1:123456789012:rule/r1',
    ruleName: 'r1',
    targetId: 't1',
    targetArn: 'arn:aws:events:us-east-1:123456789012:api-destination/d1',
    ...overrides,
  };
}
