import type { FastifyInstance, FastifyRequest, HTTPMethods } from 'fastify';
import type { ConnectEngine } from './connect-engine.js';
import { ConnectApiError, serializationError, toConnectError } from './errors.js';
import type { IdempotencyTokens } from './idempotency.js';
import type { Validator } from './validate.js';
import { toWire } from './wire.js';

/** A request as a signature check sees it: the exact bytes of the body and the URL as sent. */
export interface RawRequest {
  method: string;
  url: string;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  body: Buffer;
}

/** Where the events a call emitted go (e.g. the in-process bus). */
export interface ContactEventSink {
  publish(events: ReturnType<ConnectEngine['takeEvents']>): Promise<void> | void;
}

/** What every route shares: the instance, where its events go and who may call. */
export interface ApiContext {
  engine: ConnectEngine;
  /** Publishes the events a call emitted before the call answers. */
  flush(request: FastifyRequest): Promise<void>;
  authenticate?: (request: RawRequest) => void | Promise<void>;
  tokens: IdempotencyTokens;
}

export interface OperationDef<P, Q, B> {
  method: HTTPMethods;
  url: string;
  params?: Validator<P>;
  query?: Validator<Q>;
  body?: Validator<B>;
  /** The exception a malformed request gets when the operation does not model InvalidParameterException. */
  invalidAs?: string;
  /** The operation's name when a repeated `ClientToken` in the body must get the first answer. */
  idempotent?: string;
}

export type OperationHandler<P, Q, B> = (input: { params: P; query: Q; body: B }) => unknown;

/** Registers one operation: signature check, JSON body, validation, the engine call, events, JSON answer. */
export function addOperation<P, Q, B>(
  app: FastifyInstance,
  ctx: ApiContext,
  def: OperationDef<P, Q, B>,
  handle: OperationHandler<P, Q, B>,
): void {
  app.route({
    method: def.method,
    url: def.url,
    handler: async (request, reply) => {
      const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      await ctx.authenticate?.({
        method: request.method,
        url: request.url,
        headers: request.headers,
        body: raw,
      });
      let output: unknown;
      try {
        const input = {
          params: (def.params ? def.params(request.params) : undefined) as P,
          query: (def.query ? def.query(request.query) : undefined) as Q,
          body: (def.body ? def.body(parseJson(raw)) : undefined) as B,
        };
        const token = (input.body as { ClientToken?: string } | undefined)?.ClientToken;
        output = def.idempotent ? ctx.tokens.run(def.idempotent, token, () => handle(input)) : handle(input);
      } catch (error) {
        throw remap(toConnectError(error), def.invalidAs);
      } finally {
        await ctx.flush(request);
      }
      return reply.header('content-type', 'application/json').send(JSON.stringify(toWire(output ?? {})));
    },
  });
}

function remap(error: ConnectApiError, invalidAs: string | undefined): ConnectApiError {
  if (!invalidAs || error.code !== 'InvalidParameterException') return error;
  return new ConnectApiError(invalidAs, error.message, error.statusCode, { cause: error });
}

function parseJson(raw: Buffer): unknown {
  const text = raw.toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw serializationError('The request body is not valid JSON.', cause);
  }
}

/** Takes what the engine emitted and hands it to the sink; a sink failure never fails the call. */
export function flusher(engine: ConnectEngine, sink: ContactEventSink | undefined) {
  return async (request: FastifyRequest): Promise<void> => {
    if (!sink) return;
    const events = engine.takeEvents();
    if (events.length === 0) return;
    try {
      await sink.publish(events);
    } catch (error) {
      request.log.error({ err: error }, `could not publish ${events.length} contact events`);
    }
  };
}
