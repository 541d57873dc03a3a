import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { agentRoutes } from './agent-routes.js';
import type { ConnectEngine } from './connect-engine.js';
import { contactRoutes } from './contact-routes.js';
import { clockRoutes, customerRoutes } from './customer-routes.js';
import { toConnectError } from './errors.js';
import { IdempotencyTokens } from './idempotency.js';
import { type ApiContext, type ContactEventSink, flusher, type RawRequest } from './operation.js';
import { resourceRoutes } from './resource-routes.js';
import { startRoutes } from './start-routes.js';

export interface ConnectApiOptions {
  /** The emulated instance the calls drive (an `Emulator`). */
  engine: ConnectEngine;
  /**
   * Where the events a call emits go, published before the call answers. Without it they stay in the
   * engine until its runner takes them (`engine.takeEvents()`).
   */
  sink?: ContactEventSink;
  /**
   * Checks a request before it runs (e.g. its SigV4 signature); throw to refuse. An error with a string
   * `code` and a numeric `statusCode` is answered with that exception name and status.
   */
  authenticate?: (request: RawRequest) => void | Promise<void>;
  /** Serves `POST /emulator/clock/advance`: for an instance no runner paces. Off by default. */
  clockControl?: boolean;
}

/**
 * A Fastify plugin serving Amazon Connect's REST-JSON API (the routes the AWS SDK's `ConnectClient`
 * calls) and the emulator's agent API, on one emulated instance.
 *
 * @example
 * const app = Fastify();
 * await app.register(connectApiPlugin({ engine: createEmulator({ center: 'demo' }) }));
 */
export function connectApiPlugin(options: ConnectApiOptions): FastifyPluginAsync {
  return async (app) => {
    configure(app);
    const ctx: ApiContext = {
      engine: options.engine,
      flush: flusher(options.engine, options.sink),
      authenticate: options.authenticate,
      tokens: new IdempotencyTokens(),
    };
    startRoutes(app, ctx);
    contactRoutes(app, ctx);
    resourceRoutes(app, ctx);
    agentRoutes(app, ctx);
    customerRoutes(app, ctx);
    if (options.clockControl) clockRoutes(app, ctx);
  };
}

/** Raw bodies (a signature covers the exact bytes) and errors in the shape the AWS SDK parses. */
function configure(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  app.addHook('onRequest', async (_request, reply) => {
    if (!reply.hasHeader('x-amzn-requestid')) reply.header('x-amzn-RequestId', randomUUID());
  });
  app.setErrorHandler((error, request, reply) => {
    const e = toConnectError(error);
    if (e.statusCode >= 500) request.log.error({ err: error }, 'Amazon Connect API request failed');
    return reply
      .code(e.statusCode)
      .header('x-amzn-ErrorType', e.code)
      .header('content-type', 'application/json')
      .send(JSON.stringify(e.toJSON()));
  });
}
