import { type Dispatcher, getGlobalDispatcher } from 'undici';
import type { Clock } from '../clock.js';
import type { DeliveryFailure } from '../target.js';
import { connectionFailure, type HttpResult, timeoutFailure } from './classify.js';

export interface HttpCall {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
}

/** A receiver's answer is only read for error messages and tokens: never hold more than this of it. */
const MAX_BODY_BYTES = 1 << 20;

class TimeoutError extends Error {
  override readonly name = 'TimeoutError';
}

/**
 * Receives one response through undici's dispatcher callbacks: no response stream, no abort signal, no
 * async iteration per call, which matter at thousands of deliveries a second. Settles exactly once.
 */
class ResponseCollector implements Dispatcher.DispatchHandler {
  private status = 0;
  private headers: Record<string, string | string[] | undefined> = {};
  private readonly chunks: Buffer[] = [];
  private size = 0;
  private capped = false;
  private settled = false;
  private controller: Dispatcher.DispatchController | undefined;

  constructor(
    private readonly done: (result: HttpResult | { error: unknown }) => void,
    private readonly timeoutMs: number,
  ) {}

  /** Aborts the exchange (timeout); the dispatcher then reports the error. */
  abort(): void {
    if (this.settled) return;
    if (this.controller) this.controller.abort(new TimeoutError(`no answer in ${this.timeoutMs} ms`));
    else this.finish({ error: new TimeoutError(`no answer in ${this.timeoutMs} ms`) });
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    if (this.settled) controller.abort(new TimeoutError('timed out before the request started'));
  }

  onResponseStart(
    _controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: Record<string, string | string[] | undefined>,
  ): void {
    this.status = statusCode;
    this.headers = headers;
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.capped) return;
    this.chunks.push(chunk.subarray(0, MAX_BODY_BYTES - this.size));
    this.size += chunk.length;
    if (this.size >= MAX_BODY_BYTES) {
      this.capped = true;
      this.finish(this.result());
      controller.abort(new Error('response body beyond the cap'));
    }
  }

  onResponseEnd(): void {
    this.finish(this.result());
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    this.finish({ error });
  }

  private result(): HttpResult {
    const body = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
    return { status: this.status, headers: this.headers, body: body.toString('utf8') };
  }

  private finish(outcome: HttpResult | { error: unknown }): void {
    if (this.settled) return;
    this.settled = true;
    this.done(outcome);
  }
}

/**
 * Makes one HTTP call (redirects are never followed), bounded by `timeoutMs` on the injected clock (the
 * whole exchange, body included). Answers the response or a classified failure; never throws.
 */
export function sendHttp(
  call: HttpCall,
  deps: { clock: Clock; dispatcher?: Dispatcher },
): Promise<HttpResult | DeliveryFailure> {
  return new Promise((resolve) => {
    let timedOut = false;
    const target = () => `${call.method} ${call.url.origin}${call.url.pathname}`;
    const collector = new ResponseCollector((outcome) => {
      timer.cancel();
      if (!('error' in outcome)) resolve(outcome);
      else
        resolve(
          timedOut ? timeoutFailure(target(), call.timeoutMs) : connectionFailure(target(), outcome.error),
        );
    }, call.timeoutMs);
    const timer = deps.clock.setTimeout(() => {
      timedOut = true;
      collector.abort();
    }, call.timeoutMs);
    const dispatcher = deps.dispatcher ?? getGlobalDispatcher();
    try {
      // dispatch rather than fetch: fetch turns a 407 into a network error and hides it.
      dispatcher.dispatch(
        {
          origin: call.url.origin,
          path: call.url.pathname + call.url.search,
          method: call.method as Dispatcher.HttpMethod,
          headers: call.headers,
          body: call.method === 'GET' || call.method === 'HEAD' ? undefined : call.body,
          // Any call made here may be made again (a delivery is at least once and receivers de-duplicate
          // by event id; a token request only yields another token), so a pool that pipelines may put
          // several on one connection.
          idempotent: true,
          blocking: false,
        },
        collector,
      );
    } catch (error) {
      collector.onResponseError(undefined as unknown as Dispatcher.DispatchController, error as Error);
    }
  });
}

export function isFailure(result: HttpResult | DeliveryFailure): result is DeliveryFailure {
  return 'ok' in result;
}
