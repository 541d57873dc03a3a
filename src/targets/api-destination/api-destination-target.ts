import type { Dispatcher } from 'undici';
import { type Clock, systemClock } from '../clock.js';
import { TargetConfigError } from '../errors.js';
import { API_DESTINATION_POLICY, classifyHttpResult, ErrorCodes } from '../http/classify.js';
import { checkEndpoint } from '../http/endpoint-policy.js';
import { RateLimiter } from '../http/rate-limiter.js';
import { isFailure, sendHttp } from '../http/send.js';
import type { DeliveryOutcome, DeliveryRequest, Target, TargetOptions } from '../target.js';
import { type ConnectionAuth, connectionAuth } from './connection-auth.js';
import { type CallTemplate, callTemplate, type PreparedCall, prepareCall } from './request.js';
import { API_DESTINATION_METHODS, type ApiDestinationTargetSpec } from './schema.js';

const DEFAULT_TIMEOUT_MS = 5000;
const DEFAULT_RATE = 300;
const DEFAULT_MAX_RATE_WAIT_MS = 1000;

/**
 * An EventBridge API destination: one HTTP call per event, authenticated by its connection, limited to
 * its invocation rate, with outcomes classified as EventBridge does.
 */
class ApiDestinationTarget implements Target {
  readonly kind = 'api-destination';
  readonly lane: string | undefined;
  private readonly method: string;
  private readonly timeoutMs: number;
  private readonly template: CallTemplate;
  private readonly auth: ConnectionAuth;
  private readonly limiter: RateLimiter;
  private readonly clock: Clock;
  private readonly name: string;
  /** How outcomes name this destination. */
  private readonly label: string;
  private readonly http: { readonly clock: Clock; readonly dispatcher: Dispatcher | undefined };

  constructor(spec: ApiDestinationTargetSpec, options: TargetOptions) {
    const d = spec.destination;
    if (!(API_DESTINATION_METHODS as readonly string[]).includes(d.HttpMethod)) {
      throw new TargetConfigError(`HttpMethod ${d.HttpMethod} is not allowed (CONNECT and TRACE never are)`);
    }
    const endpoint = checkEndpoint(d.InvocationEndpoint.replace(/\*/g, 'x'), 'InvocationEndpoint');
    this.name = d.Name ?? endpoint.host;
    this.label = `API destination ${this.name}`;
    // Path parameters may also sit in the host name; the origin is then not known before each call.
    this.lane = /^[^:]+:\/\/[^/]*\*/.test(d.InvocationEndpoint) ? undefined : endpoint.origin;
    this.method = d.HttpMethod;
    this.timeoutMs = d.TimeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.clock = options.clock ?? systemClock;
    this.http = { clock: this.clock, dispatcher: options.dispatcher };
    const deps = { ...this.http, timeoutMs: this.timeoutMs };
    this.auth = connectionAuth(spec.connection, deps);
    this.template = callTemplate(
      d.InvocationEndpoint,
      spec.connection.AuthParameters.InvocationHttpParameters,
      spec.httpParameters,
    );
    const rate = d.InvocationRateLimitPerSecond ?? DEFAULT_RATE;
    const maxWait = d.MaxRateLimitWaitMs ?? DEFAULT_MAX_RATE_WAIT_MS;
    this.limiter =
      options.rateLimiters?.get(d.Name ?? d.InvocationEndpoint, rate, maxWait) ??
      new RateLimiter(rate, maxWait, this.clock);
  }

  deliver(req: DeliveryRequest): Promise<DeliveryOutcome> {
    // reserve() first: the common case (a token at hand) then costs no timer and no extra await.
    const wait = this.limiter.reserve();
    if (wait === undefined) {
      return Promise.resolve({
        ok: false,
        retryable: true,
        errorCode: ErrorCodes.throttling,
        errorMessage: `invocation rate limit of API destination ${this.name} reached`,
      });
    }
    const fixed = this.auth.fixedHeader;
    if (wait > 0 || !fixed) return this.deliverLater(req, wait);
    // Fixed credentials and a token at hand: the call starts now, with no await on the way.
    try {
      const prepared = prepareCall(this.template, req);
      prepared.headers[fixed.name] = fixed.value;
      return this.send(prepared);
    } catch (error) {
      // A URL built from the event's values that does not parse: a rejection, as from any async deliver.
      return Promise.reject(error);
    }
  }

  /** After a wait for the rate limit, or with OAuth (a token to fetch, refreshed once on 401/407). */
  private async deliverLater(req: DeliveryRequest, wait: number): Promise<DeliveryOutcome> {
    if (wait > 0) await new Promise<void>((resolve) => this.clock.setTimeout(resolve, wait));
    const first = await this.call(req);
    if (!this.auth.refreshable || !('credential' in first) || !isAuthRefusal(first.outcome))
      return first.outcome;
    // An expired or revoked token: fetch a new one and try once more, as EventBridge does.
    return (await this.call(req, first.credential)).outcome;
  }

  pace(): number {
    return this.limiter.delayMs();
  }

  private async call(
    req: DeliveryRequest,
    stale?: string,
  ): Promise<{ outcome: DeliveryOutcome; credential?: string }> {
    const prepared = prepareCall(this.template, req);
    const auth = await this.auth.apply(prepared.headers, stale);
    if ('ok' in auth) return { outcome: auth };
    return { outcome: await this.send(prepared), credential: auth.credential };
  }

  private send(prepared: PreparedCall): Promise<DeliveryOutcome> {
    const call = {
      url: prepared.url,
      method: this.method,
      headers: prepared.headers,
      body: prepared.body,
      timeoutMs: this.timeoutMs,
    };
    return sendHttp(call, this.http).then((res) =>
      isFailure(res) ? res : classifyHttpResult(res, this.label, this.clock.now(), API_DESTINATION_POLICY),
    );
  }

  /** With OAuth, fetches the first token; other connections have nothing to prepare. */
  async connect(): Promise<DeliveryOutcome> {
    const auth = await this.auth.apply({});
    return 'ok' in auth ? auth : { ok: true };
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

function isAuthRefusal(outcome: DeliveryOutcome): boolean {
  return !outcome.ok && (outcome.status === 401 || outcome.status === 407);
}

export function createApiDestinationTarget(spec: ApiDestinationTargetSpec, options: TargetOptions): Target {
  return new ApiDestinationTarget(spec, options);
}
