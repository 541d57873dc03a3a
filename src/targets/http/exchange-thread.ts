import type { IncomingHttpHeaders } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import { Agent, type Dispatcher } from 'undici';
import {
  type ExchangeCall,
  type ExchangeResult,
  type ExchangeThreadSetup,
  type FromExchangeThread,
  type ToExchangeThread,
  toExchangeError,
} from './exchange-protocol.js';

/**
 * The bus's HTTP client, on a thread of its own: undici's connection pools, request writes, response
 * parsing and their syscalls run beside the event loop that ingests and routes, not on it.
 */
const setup = workerData as ExchangeThreadSetup;
const port = parentPort!;
const agent = new Agent({ connections: setup.connections, keepAliveTimeout: setup.keepAliveTimeout });
const inFlight = new Map<number, Exchange>();
let results: ExchangeResult[] = [];
let transfers: ArrayBuffer[] = [];
let flushScheduled = false;

function post(message: FromExchangeThread, transfer: ArrayBuffer[] = []): void {
  port.postMessage(message, transfer);
}

/** Answers finished in one turn go back together. */
function report(result: ExchangeResult): void {
  results.push(result);
  if ('body' in result && result.body.byteLength > 0) transfers.push(result.body.buffer as ArrayBuffer);
  if (flushScheduled) return;
  flushScheduled = true;
  setImmediate(() => {
    flushScheduled = false;
    const batch = results;
    const transfer = transfers;
    results = [];
    transfers = [];
    post({ type: 'results', results: batch }, transfer);
  });
}

/** Collects one response, up to the size cap, and reports it once. */
class Exchange implements Dispatcher.DispatchHandler {
  private controller: Dispatcher.DispatchController | undefined;
  private status = 0;
  private statusMessage: string | undefined;
  private headers: IncomingHttpHeaders = {};
  private readonly chunks: Buffer[] = [];
  private size = 0;
  private done = false;

  constructor(private readonly id: number) {}

  /** The caller gave up (timeout): nothing is reported. */
  cancel(): void {
    if (this.done) return;
    this.done = true;
    inFlight.delete(this.id);
    this.controller?.abort(new Error('cancelled by the caller'));
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    if (this.done) controller.abort(new Error('cancelled by the caller'));
  }

  onResponseStart(
    _controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: IncomingHttpHeaders,
    statusMessage?: string,
  ): void {
    this.status = statusCode;
    this.headers = headers;
    this.statusMessage = statusMessage;
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.done) return;
    const room = setup.maxResponseBytes - this.size;
    this.chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk);
    this.size += Math.min(chunk.length, room);
    if (this.size >= setup.maxResponseBytes) {
      this.finishWithBody();
      controller.abort(new Error('response body beyond the cap'));
    }
  }

  onResponseEnd(): void {
    this.finishWithBody();
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    if (this.done) return;
    this.done = true;
    inFlight.delete(this.id);
    report({ id: this.id, error: toExchangeError(error) });
  }

  private finishWithBody(): void {
    if (this.done) return;
    this.done = true;
    inFlight.delete(this.id);
    // A copy with an ArrayBuffer of its own: socket chunks are views of larger shared buffers.
    const body = new Uint8Array(this.size);
    let at = 0;
    for (const chunk of this.chunks) {
      body.set(chunk, at);
      at += chunk.length;
    }
    report({
      id: this.id,
      status: this.status,
      statusMessage: this.statusMessage,
      headers: this.headers,
      body,
    });
  }
}

function start(call: ExchangeCall): void {
  const exchange = new Exchange(call.id);
  inFlight.set(call.id, exchange);
  try {
    agent.dispatch(
      {
        origin: call.origin,
        path: call.path,
        method: call.method as Dispatcher.HttpMethod,
        headers: call.headers,
        body: call.body,
      },
      exchange,
    );
  } catch (error) {
    exchange.onResponseError(undefined as unknown as Dispatcher.DispatchController, error as Error);
  }
}

port.on('message', (message: ToExchangeThread) => {
  if (message.type === 'close') {
    for (const exchange of inFlight.values()) exchange.cancel();
    void agent.destroy().finally(() => {
      post({ type: 'closed' });
      port.close();
    });
    return;
  }
  for (const id of message.aborts) inFlight.get(id)?.cancel();
  for (const call of message.calls) start(call);
});
