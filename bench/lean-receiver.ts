// An HTTP/1.1 receiver that costs as little as a receiver can: requests are cut out of the socket's bytes
// by their Content-Length and answered `200` with no body, several answers in one write. It stands for
// a receiver on another machine, whose costs are not the bus's: `node:http` allocates a request and a
// response object per exchange, and its collector's pauses would then stamp the bus's deliveries late.
// It understands what the bus sends (Content-Length bodies, keep-alive, pipelining), nothing more.
import { createServer, type Server, type Socket } from 'node:net';

const HEADERS_END = Buffer.from('\r\n\r\n');
const LENGTH_LOWER = Buffer.from('content-length:');
const LENGTH_UPPER = Buffer.from('Content-Length:');
const OK = Buffer.from('HTTP/1.1 200 OK\r\ncontent-length: 0\r\nkeep-alive: timeout=60\r\n\r\n');
/** `OK` repeated, so that the answers to one read's requests leave in a single write. */
const OKS = Array.from({ length: 65 }, (_, n) => Buffer.concat(Array(n).fill(OK)));

/** Called with each request's body (a view into the socket's bytes, valid only during the call). */
export type OnBody = (body: Buffer) => void;

function contentLength(bytes: Buffer, from: number, to: number): number {
  let at = bytes.indexOf(LENGTH_LOWER, from);
  if (at < 0 || at > to) at = bytes.indexOf(LENGTH_UPPER, from);
  if (at < 0 || at > to) throw new Error('lean receiver: a request without Content-Length');
  let n = 0;
  let i = at + LENGTH_LOWER.length;
  while (bytes[i] === 0x20) i++;
  for (; bytes[i] >= 0x30 && bytes[i] <= 0x39; i++) n = n * 10 + bytes[i] - 0x30;
  return n;
}

function serve(socket: Socket, onBody: OnBody): void {
  let pending: Buffer | undefined;
  socket.setNoDelay(true);
  socket.on('data', (chunk: Buffer) => {
    const bytes = pending ? Buffer.concat([pending, chunk]) : chunk;
    let at = 0;
    let answered = 0;
    for (;;) {
      const headersEnd = bytes.indexOf(HEADERS_END, at);
      if (headersEnd < 0) break;
      const bodyStart = headersEnd + HEADERS_END.length;
      const bodyEnd = bodyStart + contentLength(bytes, at, headersEnd);
      if (bodyEnd > bytes.length) break;
      onBody(bytes.subarray(bodyStart, bodyEnd));
      at = bodyEnd;
      if (++answered === OKS.length - 1) {
        socket.write(OKS[answered]);
        answered = 0;
      }
    }
    if (answered > 0) socket.write(OKS[answered]);
    pending = at < bytes.length ? bytes.subarray(at) : undefined;
  });
  socket.on('error', () => socket.destroy());
}

/** Listens on loopback (port 0: any free port) and hands each request's body to `onBody`. */
export function leanReceiver(onBody: OnBody): Server {
  return createServer((socket) => serve(socket, onBody));
}
