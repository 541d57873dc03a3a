// An HTTP/1.1 receiver that costs as little as a receiver can: requests are cut out of the socket's bytes
// by their Content-Length and answered `200` with no body, several answers in one write. It stands for
// a receiver on another machine, whose costs are not the bus's: `node:http` allocates a request and a
// response object per exchange, and its collector's pauses would then stamp the bus's deliveries late.
// It understands what the bus sends (Content-Length bodies, keep-alive, pipelining), nothing more.
import { createServer, type Server, type Socket } from 'node:net';
import { contentLength, HEADERS_END } from './http-framing.js';

const OK = Buffer.from('HTTP/1.1 200 OK\r\ncontent-length: 0\r\nkeep-alive: timeout=60\r\n\r\n');
/** `OK` repeated, so that the answers to one read's requests leave in a single write. */
const OKS = Array.from({ length: 65 }, (_, n) => Buffer.concat(Array(n).fill(OK)));

/** Called with each request's body (a view into the socket's bytes, valid only during the call). */
export type OnBody = (body: Buffer) => void;

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
      const bodyEnd = bodyStart + contentLength(bytes, at, headersEnd, 'lean receiver');
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
