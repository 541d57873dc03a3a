// An HTTP/1.1 client that costs as little as a client can: keep-alive connections, one request at a time
// on each, a request written as one text, an answer cut out of the socket's bytes by its Content-Length.
// It stands for producers on other machines, whose costs are not the bus's: a general client (undici)
// spends several times the CPU per request, taken from the two cores the bus and its target share.
// It understands what the bench's servers answer (Content-Length bodies, keep-alive), nothing more.
import { connect, type Socket } from 'node:net';
import { contentLength, HEADERS_END } from './http-framing.js';

export interface LeanResponse {
  status: number;
  text: string;
}

const STATUS_AT = 'HTTP/1.1 '.length;

interface Waiter {
  resolve(response: LeanResponse): void;
  reject(error: Error): void;
}

/** One keep-alive connection with at most one request in flight. */
class Connection {
  private readonly socket: Socket;
  private pending: Buffer | undefined;
  private waiter: Waiter | undefined;
  private closed = false;

  constructor(port: number, host: string, onClosed: (c: Connection) => void) {
    this.socket = connect({ port, host, noDelay: true });
    this.socket.on('data', (chunk: Buffer) => this.read(chunk));
    const close = (error?: Error) => {
      if (this.closed) return;
      this.closed = true;
      this.waiter?.reject(error ?? new Error('lean client: the connection closed'));
      this.waiter = undefined;
      onClosed(this);
    };
    this.socket.on('error', close);
    this.socket.on('close', () => close());
  }

  send(request: string, waiter: Waiter): void {
    this.waiter = waiter;
    this.socket.write(request, 'latin1');
  }

  private read(chunk: Buffer): void {
    const bytes = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    const headersEnd = bytes.indexOf(HEADERS_END);
    if (headersEnd >= 0) {
      const bodyStart = headersEnd + HEADERS_END.length;
      const bodyEnd = bodyStart + contentLength(bytes, 0, headersEnd, 'lean client');
      if (bodyEnd <= bytes.length) {
        const status =
          (bytes[STATUS_AT] - 0x30) * 100 + (bytes[STATUS_AT + 1] - 0x30) * 10 + bytes[STATUS_AT + 2] - 0x30;
        const text = bytes.toString('utf8', bodyStart, bodyEnd);
        this.pending = bodyEnd < bytes.length ? bytes.subarray(bodyEnd) : undefined;
        const waiter = this.waiter;
        this.waiter = undefined;
        waiter?.resolve({ status, text });
        return;
      }
    }
    this.pending = bytes;
  }

  close(): void {
    this.closed = true;
    this.socket.destroy();
  }
}

/**
 * POSTs to one origin over up to `connections` keep-alive connections; requests beyond them wait for a
 * free one. `headers` are written as given, with `host` and `content-length` added.
 */
export class LeanClient {
  private readonly idle: Connection[] = [];
  private readonly queue: Array<{ request: string; waiter: Waiter }> = [];
  private open = 0;
  private readonly host: string;
  private readonly port: number;
  private readonly head: string;

  constructor(
    url: string,
    private readonly connections: number,
    headers: Record<string, string>,
    path = '/',
  ) {
    const u = new URL(url);
    this.host = u.hostname;
    this.port = Number(u.port || 80);
    const lines = Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`);
    this.head = `POST ${path} HTTP/1.1\r\nhost: ${u.host}\r\n${lines.join('')}content-length: `;
  }

  /** POSTs `body`, ASCII text as the bench's bodies are (its length is its size in bytes). */
  post(body: string): Promise<LeanResponse> {
    const request = `${this.head}${body.length}\r\n\r\n${body}`;
    return new Promise((resolve, reject) => {
      const connection = this.take();
      if (connection) this.dispatch(connection, request, { resolve, reject });
      else this.queue.push({ request, waiter: { resolve, reject } });
    });
  }

  close(): void {
    for (const c of this.idle.splice(0)) c.close();
  }

  private take(): Connection | undefined {
    const idle = this.idle.pop();
    if (idle) return idle;
    if (this.open >= this.connections) return undefined;
    this.open++;
    return new Connection(this.port, this.host, (c) => this.lost(c));
  }

  private dispatch(connection: Connection, request: string, waiter: Waiter): void {
    connection.send(request, {
      resolve: (response) => {
        this.release(connection);
        waiter.resolve(response);
      },
      reject: waiter.reject,
    });
  }

  private release(connection: Connection): void {
    const next = this.queue.shift();
    if (next) this.dispatch(connection, next.request, next.waiter);
    else this.idle.push(connection);
  }

  private lost(connection: Connection): void {
    this.open--;
    const at = this.idle.indexOf(connection);
    if (at >= 0) this.idle.splice(at, 1);
    // Requests that waited for a connection get a new one in its place.
    const next = this.queue.shift();
    const replacement = next && this.take();
    if (next && replacement) this.dispatch(replacement, next.request, next.waiter);
    else if (next) this.queue.unshift(next);
  }
}
