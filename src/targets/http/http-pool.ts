import type { Socket } from 'node:net';
import { Agent, buildConnector } from 'undici';

export interface HttpPoolOptions {
  /** Keep-alive connections per origin. */
  readonly connections: number;
  /** Requests sent on a connection before its first answer (1: no pipelining). */
  readonly pipelining: number;
}

/**
 * The HTTP client of the HTTP targets: keep-alive connections per origin whose writes of one turn of the
 * event loop leave together. undici writes each request as soon as it is dispatched, one `writev` each;
 * on loopback and in virtual machines a send costs the sender tens of microseconds (the kernel runs the
 * receiver's TCP processing and wakes it), whatever its size. A router batch hands dozens of deliveries
 * to the pool in one turn, so a connection's pipelined requests now share one send.
 */
export function createHttpPool(options: HttpPoolOptions): Agent {
  const connect = buildConnector({});
  return new Agent({
    connections: options.connections,
    pipelining: options.pipelining,
    keepAliveTimeout: 30_000,
    connect: (opts, callback) => {
      connect(opts, (error, socket) => {
        if (socket) sendOncePerTurn(socket);
        if (error) callback(error, null);
        else callback(null, socket as Socket);
      });
    },
  });
}

/**
 * Corks `socket` at its first write of a turn and uncorks it once the turn's synchronous work and
 * microtasks are done, so that everything written meanwhile goes out in one `writev`.
 */
export function sendOncePerTurn(socket: Socket): void {
  const write = socket.write;
  let corked = false;
  const release = () => {
    corked = false;
    socket.uncork();
  };
  socket.write = function (this: Socket, ...args: Parameters<Socket['write']>) {
    if (!corked) {
      corked = true;
      this.cork();
      process.nextTick(release);
    }
    return write.apply(this, args);
  } as Socket['write'];
}
