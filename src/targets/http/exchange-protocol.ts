import type { IncomingHttpHeaders } from 'node:http';

/** What the HTTP thread is started with. */
export interface ExchangeThreadSetup {
  /** Sockets per origin. */
  readonly connections: number;
  readonly keepAliveTimeout: number;
  /** A response body is kept up to this many bytes; the exchange is cut there. */
  readonly maxResponseBytes: number;
}

/** One request, as undici's dispatch options limited to what crosses a thread. */
export interface ExchangeCall {
  readonly id: number;
  readonly origin: string;
  readonly path: string;
  readonly method: string;
  readonly headers?: Record<string, string | string[]>;
  readonly body?: string | Uint8Array;
}

/** The parts of an error that callers read (`networkReason` reads `cause.code` and `cause.message`). */
export interface ExchangeError {
  readonly name: string;
  readonly message: string;
  readonly code?: string;
  readonly cause?: { readonly name?: string; readonly message?: string; readonly code?: string };
}

export type ExchangeResult =
  | {
      readonly id: number;
      readonly status: number;
      readonly statusMessage?: string;
      readonly headers: IncomingHttpHeaders;
      /** Its own ArrayBuffer, transferred. */
      readonly body: Uint8Array;
    }
  | { readonly id: number; readonly error: ExchangeError };

/** Calls and aborts made in one turn of the event loop travel together. */
export type ToExchangeThread =
  | { readonly type: 'work'; readonly calls: ExchangeCall[]; readonly aborts: number[] }
  | { readonly type: 'close' };

export type FromExchangeThread =
  | { readonly type: 'results'; readonly results: ExchangeResult[] }
  | { readonly type: 'closed' };

export function toExchangeError(error: unknown): ExchangeError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const { code } = error as { code?: unknown };
  const cause = (error as { cause?: unknown }).cause;
  return {
    name: error.name,
    message: error.message,
    ...(typeof code === 'string' ? { code } : {}),
    ...(cause instanceof Error || (typeof cause === 'object' && cause !== null)
      ? {
          cause: {
            name: (cause as Error).name,
            message: (cause as Error).message,
            code: (cause as { code?: string }).code,
          },
        }
      : {}),
  };
}

export function fromExchangeError(shape: ExchangeError): Error {
  const error = new Error(shape.message, shape.cause ? { cause: shape.cause } : undefined);
  error.name = shape.name;
  if (shape.code !== undefined) (error as Error & { code?: string }).code = shape.code;
  return error;
}
