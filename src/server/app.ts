import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Refusal } from '../bus/admission.js';
import type { IngestResult } from '../bus/ingestor.js';
import type { Authenticator } from './auth.js';
import { ingestUnauthorized } from './auth.js';
import { AwsError } from './aws-error.js';

/** What the HTTP layer needs from the bus. */
export interface BusApi {
  /** Runs an EventBridge operation; throws AwsError for what the service refuses. */
  call(operation: string, input: unknown): Promise<unknown>;
  hasOperation(operation: string): boolean;
  /** `received[i]`: the text event i came as, when it came alone. */
  ingest(events: readonly unknown[], received?: readonly (string | undefined)[]): Promise<IngestResult>;
  /** Undefined when ingest may proceed; else why it must wait. */
  admission(): Refusal | undefined;
  ready(): boolean;
}

export interface AppOptions {
  readonly bus: BusApi;
  readonly auth: Authenticator;
  /** Largest request body; PutEvents takes 10 entries under 256 KB each. */
  readonly bodyLimit?: number;
  /** Most events one /ingest request may carry. */
  readonly maxIngestEvents?: number;
}

const AMZ_JSON = 'application/x-amz-json-1.1';
const TARGET_PREFIX = 'AWSEvents.';
const INGESTING = new Set(['PutEvents']);

function sendError(reply: FastifyReply, error: AwsError): FastifyReply {
  if (error.retryAfterSeconds !== undefined) reply.header('retry-after', String(error.retryAfterSeconds));
  return reply
    .code(error.statusCode)
    .header('content-type', AMZ_JSON)
    .header('x-amzn-errortype', error.code)
    .send(JSON.stringify(error.toJSON()));
}

function refusalError(refusal: Refusal): AwsError {
  const code = refusal.status === 429 ? 'ThrottlingException' : 'ServiceUnavailableException';
  return new AwsError(code, refusal.reason, refusal.status, { retryAfterSeconds: refusal.retryAfterSeconds });
}

function parseBody(body: unknown): unknown {
  const text = Buffer.isBuffer(body) ? body.toString('utf8') : '';
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new AwsError('SerializationException', 'The request body is not valid JSON.', 400, { cause });
  }
}

/** Builds the HTTP server: the EventBridge JSON 1.1 API on `POST /`, `POST /ingest`, `GET /healthz`. */
export function buildApp(options: AppOptions): FastifyInstance {
  const { bus, auth } = options;
  const maxIngestEvents = options.maxIngestEvents ?? 100;
  const app = Fastify({
    logger: false,
    bodyLimit: options.bodyLimit ?? 4 * 1024 * 1024,
    // Path members may be ARNs (a user's is over 100 characters, Fastify's default) and contact ids up to 256.
    maxParamLength: 2048,
    genReqId: () => randomUUID(),
  });
  app.removeAllContentTypeParsers();
  // Bodies stay raw: the signature covers the exact bytes, and JSON errors must have AWS's shape.
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  // A callback hook rather than an async one: no promise per request.
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-amzn-requestid', request.id);
    done();
  });

  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof AwsError) return sendError(reply, error);
    const status = (error as { statusCode?: number }).statusCode;
    if (status === 413)
      return sendError(reply, new AwsError('RequestEntityTooLargeException', 'Request is too large.', 413));
    if (status && status >= 400 && status < 500) {
      return sendError(reply, new AwsError('SerializationException', (error as Error).message, status));
    }
    return sendError(
      reply,
      new AwsError('InternalFailure', 'The request processing has failed.', 500, { cause: error }),
    );
  });

  // A route the server does not serve (an Amazon Connect call outside the emulated ones, a mistyped path)
  // is answered as AWS answers an unknown operation, so an SDK raises a named error, not "Unknown".
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0];
    return sendError(
      reply,
      new AwsError('UnknownOperationException', `No operation is served at ${request.method} ${path}.`, 404),
    );
  });

  app.get('/healthz', async (_request, reply) => {
    if (!bus.ready()) return reply.code(503).send({ status: 'starting' });
    return { status: 'ok' };
  });

  app.post('/', async (request: FastifyRequest, reply) => {
    const target = String(request.headers['x-amz-target'] ?? '');
    const operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : '';
    auth.verifyAws({
      method: request.method,
      url: request.url,
      headers: request.headers,
      body: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
    });
    if (!bus.hasOperation(operation)) {
      throw new AwsError('UnknownOperationException', `Operation ${target || '(none)'} is not supported.`);
    }
    const input = parseBody(request.body);
    if (INGESTING.has(operation)) {
      const refusal = bus.admission();
      if (refusal) throw refusalError(refusal);
    }
    const output = await bus.call(operation, input);
    return reply.header('content-type', AMZ_JSON).send(JSON.stringify(output ?? {}));
  });

  app.post('/ingest', async (request, reply) => {
    if (!auth.ingestAllowed(request.headers)) throw ingestUnauthorized();
    const refusal = bus.admission();
    if (refusal) throw refusalError(refusal);
    const body = parseBody(request.body);
    const events = Array.isArray(body) ? body : [body];
    if (events.length === 0 || events.length > maxIngestEvents) {
      throw new AwsError('ValidationException', `A request carries 1 to ${maxIngestEvents} events.`);
    }
    const received = Array.isArray(body) ? [] : [(request.body as Buffer).toString('utf8')];
    const result = await bus.ingest(events, received);
    return reply.code(result.FailedEntryCount === 0 ? 200 : 400).send(result);
  });

  return app;
}
