import { STATUS_CODES } from 'node:http';
import type { DeliveryFailure, DeliveryOutcome } from '../target.js';
import { parseRetryAfter } from './retry-after.js';

/**
 * Error codes as EventBridge writes them into ERROR_CODE of a dead-lettered event, so that tooling
 * written against EventBridge's dead-letter queues reads ours the same way.
 */
export const ErrorCodes = {
  connectionFailure: 'CONNECTION_FAILURE',
  errorFromTarget: 'ERROR_FROM_TARGET',
  throttling: 'THROTTLING',
  timeout: 'TIMEOUT',
  invalidParameter: 'INVALID_PARAMETER',
  internalError: 'INTERNAL_ERROR',
} as const;

/** How much of a failed response's body goes into the error message. */
const SNIPPET_LENGTH = 256;

export interface HttpResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The response body as text. */
  body: string;
}

/** How one kind of HTTP target reads a status beyond the common rules. */
export interface StatusPolicy {
  /** Statuses that mean "slow down" and are retried with errorCode THROTTLING. */
  throttling: ReadonlySet<number>;
  /** Statuses after which the target must not be called again. */
  disabling: ReadonlySet<number>;
}

export const API_DESTINATION_POLICY: StatusPolicy = { throttling: new Set([429]), disabling: new Set() };

/**
 * 2xx succeeds. Throttling statuses and 5xx are retryable, honouring Retry-After. Everything else
 * (3xx: redirects are not followed; other 4xx) fails for good: retrying the same request cannot help.
 */
export function classifyHttpResult(
  res: HttpResult,
  target: string,
  nowMs: number,
  policy: StatusPolicy,
): DeliveryOutcome {
  if (res.status >= 200 && res.status < 300) return { ok: true, status: res.status };
  const throttled = policy.throttling.has(res.status);
  const retryable = throttled || res.status >= 500;
  const failure: DeliveryFailure = {
    ok: false,
    retryable,
    errorCode: throttled ? ErrorCodes.throttling : ErrorCodes.errorFromTarget,
    errorMessage: describe(res, target),
    status: res.status,
  };
  if (retryable) {
    const wait = parseRetryAfter(firstHeader(res.headers['retry-after']), nowMs);
    if (wait !== undefined) failure.retryAfterMs = wait;
  }
  if (policy.disabling.has(res.status)) failure.disableTarget = true;
  return failure;
}

function describe(res: HttpResult, target: string): string {
  const base = `${target} answered HTTP ${res.status}${STATUS_CODES[res.status] ? ` ${STATUS_CODES[res.status]}` : ''}`;
  if (res.status >= 300 && res.status < 400) return `${base}; redirects are not followed`;
  const snippet = res.body.slice(0, SNIPPET_LENGTH).trim();
  return snippet ? `${base}: ${snippet}` : base;
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export function timeoutFailure(target: string, timeoutMs: number): DeliveryFailure {
  return {
    ok: false,
    retryable: true,
    errorCode: ErrorCodes.timeout,
    errorMessage: `${target} did not answer within ${timeoutMs} ms`,
  };
}

/** A socket-level failure (refused, reset, DNS, TLS): the endpoint may come back, so retry. */
export function connectionFailure(target: string, error: unknown): DeliveryFailure {
  return {
    ok: false,
    retryable: true,
    errorCode: ErrorCodes.connectionFailure,
    errorMessage: `cannot reach ${target}: ${networkReason(error)}`,
  };
}

function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  if (cause?.code) return `${cause.code}${cause.message ? ` (${cause.message})` : ''}`;
  return error instanceof Error ? error.message : String(error);
}
