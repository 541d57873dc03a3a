import type { Worker } from 'node:worker_threads';
import { Agent, Dispatcher } from 'undici';
import { startModuleThread } from '../../threads/module-thread.js';
import {
  type ExchangeCall,
  type ExchangeResult,
  type ExchangeThreadSetup,
  type FromExchangeThread,
  fromExchangeError,
  type ToExchangeThread,
} from './exchange-protocol.js';

export interface ThreadedDispatcherOptions {
  /** Sockets per origin (undici's `connections`). */
  readonly connections?: number;
  readonly keepAliveTimeout?: number;
  /**
   * A response body is kept up to this many bytes and the exchange is cut there: the bus reads answers
   * only for error messages and tokens.
   */
  readonly maxResponseBytes?: number;
}

/** The dispatch options that can cross to the thread; anything else is sent from this thread. */
const CROSSING_OPTIONS = new Set(['origin', 'path', 'method', 'headers', 'body']);

type Stage = 'waiting' | 'responding' | 'done';

/** The caller's handle on one exchange: abort settles it at once with the caller's reason. */
class ExchangeController implements Dispatcher.DispatchController {
  stage: Stage = 'waiting';
  /** Whether the call already went to the thread (an abort must then follow it there). */
  sent = false;
  private abortReason: Error | null = null;

  constructor(
    readonly id: number,
    readonly handler: Dispatcher.DispatchHandler,
    private readonly owner: ThreadedDispatcher,
  ) {}

  get aborted(): boolean {
    return this.abortReason !== null;
  }

  get paused(): boolean {
    return false;
  }

  get reason(): Error | null {
    return this.abortReason;
  }

  abort(reason: Error): void {
    if (this.stage === 'done') return;
    this.abortReason = reason;
    this.owner.forget(this);
    this.fail(reason);
  }

  // The whole body arrives at once; there is nothing to pause.
  pause(): void {}
  resume(): void {}

  /** Whether the handler was already told the end (an abort from inside a callback ends it early). */
  settled(): boolean {
    return this.stage === 'done';
  }

  fail(error: Error): void {
    if (this.stage === 'done') return;
    this.stage = 'done';
    this.handler.onResponseError?.(this, error);
  }

  respond(result: Extract<ExchangeResult, { status: number }>): void {
    this.stage = 'responding';
    this.handler.onResponseStart?.(this, result.status, result.headers, result.statusMessage);
    if (this.settled()) return;
    const { body } = result;
    if (body.byteLength > 0)
      this.handler.onResponseData?.(this, Buffer.from(body.buffer, body.byteOffset, body.byteLength));
    if (this.settled()) return;
    this.stage = 'done';
    this.handler.onResponseEnd?.(this, {});
  }
}

/** Header values as they can cross a thread, or undefined when they are in a shape that cannot. */
function plainHeaders(headers: unknown): Record<string, string | string[]> | undefined {
  if (headers === undefined || headers === null) return {};
  if (Array.isArray(headers)) {
    const out: Record<string, string | string[]> = {};
    for (let i = 0; i + 1 < headers.length; i += 2) {
      const name = String(headers[i]);
      const value = String(headers[i + 1]);
      const had = out[name];
      out[name] = had === undefined ? value : Array.isArray(had) ? [...had, value] : [had, value];
    }
    return out;
  }
  if (typeof headers !== 'object' || Object.getPrototypeOf(headers) !== Object.prototype) return undefined;
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    if (typeof value === 'string' || (Array.isArray(value) && value.every((v) => typeof v === 'string')))
      out[name] = value;
    else if (typeof value === 'number') out[name] = String(value);
    else return undefined;
  }
  return out;
}

function crossingBody(body: unknown): string | Uint8Array | undefined | false {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string' || body instanceof Uint8Array) return body;
  return false;
}

/**
 * An undici dispatcher whose exchanges run on a thread of their own (`exchange-thread.ts`), for the
 * targets of the bus: at thousands of deliveries a second, undici's request writes, response parsing and
 * their syscalls would otherwise take most of the event loop that ingests and routes. Calls made in one
 * turn cross to the thread together, answers come back together. Handlers are called as undici calls
 * them, with the body in one chunk. What cannot cross a thread (streams as bodies, upgrades, handlers of
 * undici's older callback style, options beyond origin, path, method, headers and body) is sent by an
 * ordinary Agent on this thread. A thread that dies fails what it held as connection failures (callers
 * retry them) and is replaced at the next call.
 */
export class ThreadedDispatcher extends Dispatcher {
  private readonly setup: ExchangeThreadSetup;
  private thread: Worker | undefined;
  private readonly pending = new Map<number, ExchangeController>();
  private calls: ExchangeCall[] = [];
  private aborts: number[] = [];
  private flushScheduled = false;
  private nextId = 1;
  private local: Agent | undefined;
  private closed = false;
  private threadClosed: Promise<void> | undefined;
  private drained: (() => void) | undefined;

  constructor(options: ThreadedDispatcherOptions = {}) {
    super();
    this.setup = {
      connections: options.connections ?? 256,
      keepAliveTimeout: options.keepAliveTimeout ?? 30_000,
      maxResponseBytes: options.maxResponseBytes ?? 1 << 20,
    };
  }

  /** Exchanges sent and not yet answered. */
  get inFlight(): number {
    return this.pending.size;
  }

  override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    const headers = plainHeaders(options.headers);
    const body = crossingBody(options.body);
    if (
      headers === undefined ||
      body === false ||
      typeof handler.onRequestStart !== 'function' ||
      options.method === 'CONNECT' ||
      !Object.keys(options).every((key) => CROSSING_OPTIONS.has(key))
    )
      return this.localAgent().dispatch(options, handler);
    const controller = new ExchangeController(this.nextId++, handler, this);
    if (this.closed) {
      controller.fail(new Error('the HTTP client is closed'));
      return false;
    }
    if (this.pending.size === 0) this.thread?.ref();
    this.pending.set(controller.id, controller);
    handler.onRequestStart?.(controller, {});
    if (controller.settled()) return true;
    this.calls.push({
      id: controller.id,
      origin: String(options.origin),
      path: options.path,
      method: options.method,
      headers,
      body,
    });
    this.schedule();
    return true;
  }

  /** Drops a settled or aborted exchange; the thread is told to stop one it already has. */
  forget(controller: ExchangeController): void {
    if (!this.pending.delete(controller.id)) return;
    if (controller.sent) {
      this.aborts.push(controller.id);
      this.schedule();
    }
    this.released();
  }

  override close(): Promise<void>;
  override close(callback: () => void): void;
  override close(callback?: () => void): Promise<void> | void {
    const done = this.shutdown(undefined);
    if (!callback) return done;
    done.then(callback, callback);
  }

  override destroy(): Promise<void>;
  override destroy(err: Error | null): Promise<void>;
  override destroy(callback: () => void): void;
  override destroy(err: Error | null, callback: () => void): void;
  override destroy(errOrCallback?: Error | null | (() => void), callback?: () => void): Promise<void> | void {
    const cb = typeof errOrCallback === 'function' ? errOrCallback : callback;
    const err = typeof errOrCallback === 'function' ? null : errOrCallback;
    const done = this.shutdown(err ?? new Error('the HTTP client was destroyed'));
    if (!cb) return done;
    done.then(cb, cb);
  }

  /** Closing waits for the exchanges in flight; destroying fails them with `error`. */
  private async shutdown(error: Error | undefined): Promise<void> {
    this.closed = true;
    if (error) for (const controller of [...this.pending.values()]) controller.abort(error);
    if (this.pending.size > 0) await new Promise<void>((resolve) => (this.drained = resolve));
    await Promise.all([this.stopThread(), error ? this.local?.destroy(error) : this.local?.close()]);
  }

  private stopThread(): Promise<void> {
    const thread = this.thread;
    if (!thread) return Promise.resolve();
    this.threadClosed ??= new Promise<void>((resolve) => {
      thread.once('exit', () => resolve());
      this.flush();
      thread.ref();
      thread.postMessage({ type: 'close' } satisfies ToExchangeThread);
    });
    return this.threadClosed;
  }

  private localAgent(): Agent {
    this.local ??= new Agent({
      connections: this.setup.connections,
      keepAliveTimeout: this.setup.keepAliveTimeout,
    });
    return this.local;
  }

  private schedule(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.flushScheduled = false;
    if (this.calls.length === 0 && this.aborts.length === 0) return;
    const calls = this.calls.filter((call) => this.pending.has(call.id));
    const aborts = this.aborts;
    this.calls = [];
    this.aborts = [];
    if (calls.length === 0 && (aborts.length === 0 || !this.thread)) return;
    for (const call of calls) (this.pending.get(call.id) as ExchangeController).sent = true;
    this.ensureThread().postMessage({ type: 'work', calls, aborts } satisfies ToExchangeThread);
  }

  private ensureThread(): Worker {
    if (this.thread) return this.thread;
    const thread = startModuleThread(new URL('./exchange-thread.js', import.meta.url), {
      workerData: this.setup,
    });
    thread.on('message', (message: FromExchangeThread) => {
      if (message.type === 'results') for (const result of message.results) this.settle(result);
    });
    thread.on('error', (error) => this.lost(thread, error));
    thread.on('exit', (code) => this.lost(thread, new Error(`the HTTP thread stopped (code ${code})`)));
    if (this.pending.size === 0) thread.unref();
    this.thread = thread;
    return thread;
  }

  private settle(result: ExchangeResult): void {
    const controller = this.pending.get(result.id);
    if (!controller) return;
    this.pending.delete(result.id);
    try {
      if ('error' in result) controller.fail(fromExchangeError(result.error));
      else controller.respond(result);
    } finally {
      this.released();
    }
  }

  private released(): void {
    if (this.pending.size > 0) return;
    this.thread?.unref();
    this.drained?.();
    this.drained = undefined;
  }

  /** What the lost thread held was sent (or not) and not answered: connection failures, retried. */
  private lost(thread: Worker, error: unknown): void {
    if (thread !== this.thread || this.threadClosed !== undefined) return;
    this.thread = undefined;
    const cause = {
      code: 'ERR_HTTP_THREAD_LOST',
      message: error instanceof Error ? error.message : String(error),
    };
    const controllers = [...this.pending.values()].filter((c) => c.sent);
    for (const controller of controllers) {
      this.pending.delete(controller.id);
      controller.fail(new Error('the HTTP thread stopped', { cause }));
    }
    this.released();
    if (this.calls.length > 0) this.schedule();
  }
}
