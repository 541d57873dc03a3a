import type { Dispatcher } from 'undici';
import { type Clock, systemClock } from '../clock.js';
import { classifyHttpResult, type StatusPolicy } from '../http/classify.js';
import { checkEndpoint } from '../http/endpoint-policy.js';
import { isFailure, sendHttp } from '../http/send.js';
import type { DeliveryOutcome, DeliveryRequest, Target, TargetOptions } from '../target.js';
import type { WebhookTargetSpec } from './schema.js';
import { decodeSecret, signatureHeaders } from './signing.js';

const DEFAULT_TIMEOUT_MS = 5000;

/** Standard Webhooks: 429, 502 and 504 ask the sender to slow down; 410 says "never again". */
export const WEBHOOK_POLICY: StatusPolicy = {
  throttling: new Set([429, 502, 504]),
  disabling: new Set([410]),
};

/**
 * A plain endpoint called with POST, each request signed as Standard Webhooks 1.0 says. The webhook id is
 * the event id, so it is the same on every retry and receivers can de-duplicate; the timestamp is the
 * time of each attempt.
 */
class WebhookTarget implements Target {
  readonly kind = 'webhook';
  readonly lane: string;
  private readonly url: URL;
  private readonly keys: Buffer[];
  private readonly timeoutMs: number;
  private readonly headers: Record<string, string>;
  private readonly clock: Clock;
  private readonly dispatcher: Dispatcher | undefined;

  constructor(spec: WebhookTargetSpec, options: TargetOptions) {
    this.url = checkEndpoint(spec.url, 'webhook url');
    this.lane = this.url.origin;
    this.keys = spec.secrets.map(decodeSecret);
    this.timeoutMs = spec.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.headers = Object.fromEntries(
      Object.entries(spec.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
    );
    this.clock = options.clock ?? systemClock;
    this.dispatcher = options.dispatcher;
  }

  async deliver(req: DeliveryRequest): Promise<DeliveryOutcome> {
    const timestamp = Math.floor(this.clock.now() / 1000);
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'contact-events/webhooks',
      ...this.headers,
      ...signatureHeaders(this.keys, req.eventId, timestamp, req.body),
    };
    const res = await sendHttp(
      { url: this.url, method: 'POST', headers, body: req.body, timeoutMs: this.timeoutMs },
      { clock: this.clock, dispatcher: this.dispatcher },
    );
    if (isFailure(res)) return res;
    return classifyHttpResult(
      res,
      `webhook ${this.url.origin}${this.url.pathname}`,
      this.clock.now(),
      WEBHOOK_POLICY,
    );
  }

  /** Nothing to prepare: probing the endpoint would send it a request it did not ask for. */
  connect(): Promise<DeliveryOutcome> {
    return Promise.resolve({ ok: true });
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

export function createWebhookTarget(spec: WebhookTargetSpec, options: TargetOptions): Target {
  return new WebhookTarget(spec, options);
}
