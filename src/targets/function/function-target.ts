import { resolve } from 'node:path';
import { type Clock, systemClock } from '../clock.js';
import { ErrorCodes } from '../http/classify.js';
import type { DeliveryOutcome, DeliveryRequest, Target, TargetOptions } from '../target.js';
import type { InvocationResult, Isolate } from './isolate.js';
import { IsolatePool } from './pool.js';
import type { FunctionTargetSpec } from './schema.js';

/** How long a new isolate may take to start and load the module (Lambda allows 10 s for init). */
const INIT_TIMEOUT_MS = 10_000;
const DEFAULTS = { handler: 'handler', timeoutMs: 3000, memoryMb: 256, concurrency: 2 };

/**
 * The Lambda analogue: an exported handler called as `(event, context)` in a child process, so that a
 * handler that throws, exits, crashes or hangs costs one isolate, never the bus.
 */
class FunctionTarget implements Target {
  readonly kind = 'function';
  private readonly pool: IsolatePool;
  private readonly clock: Clock;
  private readonly timeoutMs: number;
  private readonly name: string;

  constructor(spec: FunctionTargetSpec, options: TargetOptions) {
    const modulePath = resolve(spec.module);
    const handler = spec.handler ?? DEFAULTS.handler;
    this.name = `${spec.module}#${handler}`;
    this.timeoutMs = spec.timeoutMs ?? DEFAULTS.timeoutMs;
    this.clock = options.clock ?? systemClock;
    this.pool = new IsolatePool(spec.concurrency ?? DEFAULTS.concurrency, {
      modulePath,
      handler,
      memoryMb: spec.memoryMb ?? DEFAULTS.memoryMb,
    });
  }

  async deliver(req: DeliveryRequest): Promise<DeliveryOutcome> {
    const isolate = await this.pool.acquire();
    if (!isolate) return fail(true, ErrorCodes.internalError, `function ${this.name} is closed`);
    try {
      // Starting an isolate has its own bound, so a slow cold start never eats the handler's time.
      const startFailure = await this.bounded(isolate, INIT_TIMEOUT_MS, () => isolate.whenReady());
      if (startFailure)
        return startFailure === 'timeout'
          ? this.timeout('start', INIT_TIMEOUT_MS)
          : this.outcome(startFailure);
      const result = await this.bounded(isolate, this.timeoutMs, () =>
        isolate.invoke(parseBody(req.body), {
          awsRequestId: `${req.eventId}-${req.attempt}`,
          functionName: this.name,
          invokedFunctionArn: req.targetArn,
          ruleArn: req.ruleArn,
          ruleName: req.ruleName,
          attempt: req.attempt,
          deadlineMs: this.clock.now() + this.timeoutMs,
        }),
      );
      return result === 'timeout' ? this.timeout('finish', this.timeoutMs) : this.outcome(result);
    } finally {
      this.pool.release(isolate);
    }
  }

  /** Starts an isolate and loads the module, so a missing module or handler shows before any event. */
  async connect(): Promise<DeliveryOutcome> {
    const isolate = await this.pool.acquire();
    if (!isolate) return fail(true, ErrorCodes.internalError, `function ${this.name} is closed`);
    try {
      const failure = await this.bounded(isolate, INIT_TIMEOUT_MS, () => isolate.whenReady());
      if (failure === 'timeout') return this.timeout('start', INIT_TIMEOUT_MS);
      return failure ? this.outcome(failure) : { ok: true };
    } finally {
      this.pool.release(isolate);
    }
  }

  /** Runs `work`, killing the isolate if it takes longer than `ms` on the target's clock. */
  private async bounded<T>(isolate: Isolate, ms: number, work: () => Promise<T>): Promise<T | 'timeout'> {
    let timedOut = false;
    const timer = this.clock.setTimeout(() => {
      timedOut = true;
      isolate.kill();
    }, ms);
    try {
      const result = await work();
      return timedOut ? 'timeout' : result;
    } finally {
      timer.cancel();
    }
  }

  private timeout(what: 'start' | 'finish', ms: number): DeliveryOutcome {
    const message = `function ${this.name} did not ${what} within ${ms} ms`;
    return { ok: false, retryable: true, errorCode: ErrorCodes.timeout, errorMessage: message };
  }

  private outcome(result: InvocationResult): DeliveryOutcome {
    switch (result.kind) {
      case 'ok':
        return { ok: true };
      case 'error':
        return fail(
          true,
          ErrorCodes.errorFromTarget,
          `function ${this.name} failed: ${result.name}: ${result.message}`,
        );
      case 'crash':
        return fail(true, ErrorCodes.errorFromTarget, `function ${this.name} crashed: ${result.message}`);
      case 'init-error':
        return fail(false, result.code, result.message);
    }
  }

  close(): Promise<void> {
    this.pool.close();
    return Promise.resolve();
  }
}

function fail(retryable: boolean, errorCode: string, errorMessage: string): DeliveryOutcome {
  return { ok: false, retryable, errorCode, errorMessage };
}

function parseBody(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}

export function createFunctionTarget(spec: FunctionTargetSpec, options: TargetOptions): Target {
  return new FunctionTarget(spec, options);
}
