import type { Dispatcher } from 'undici';
import type { Clock } from '../clock.js';
import { ErrorCodes } from '../http/classify.js';
import { checkEndpoint } from '../http/endpoint-policy.js';
import { isFailure, sendHttp } from '../http/send.js';
import type { DeliveryFailure } from '../target.js';
import type { ConnectionConfig } from './schema.js';

type OAuthParameters = NonNullable<ConnectionConfig['AuthParameters']['OAuthParameters']>;

/** Refresh a token this long before it expires, as EventBridge does, so calls rarely meet an expired one. */
const EXPIRY_MARGIN_MS = 60_000;
/** When the endpoint gives no `expires_in`, keep the token until a 401/407 says otherwise. */
const DEFAULT_LIFETIME_MS = Number.POSITIVE_INFINITY;

interface CachedToken {
  value: string;
  expiresAt: number;
}

/**
 * OAuth client-credentials tokens of one connection: fetched on first use, cached until shortly before
 * expiry, refreshed on demand (after a 401/407). Concurrent callers share one token request.
 */
export class OAuthTokenSource {
  private cached: CachedToken | undefined;
  private pending: Promise<CachedToken | DeliveryFailure> | undefined;
  private readonly endpoint: URL;

  constructor(
    private readonly params: OAuthParameters,
    private readonly deps: { clock: Clock; dispatcher?: Dispatcher; timeoutMs: number },
  ) {
    this.endpoint = checkEndpoint(params.AuthorizationEndpoint, 'AuthorizationEndpoint');
  }

  /** A valid token, or the failure of the token request. `stale` is a token the endpoint refused. */
  async token(stale?: string): Promise<string | DeliveryFailure> {
    const cached = this.cached;
    if (cached && cached.value !== stale && cached.expiresAt - EXPIRY_MARGIN_MS > this.deps.clock.now()) {
      return cached.value;
    }
    this.pending ??= this.request().finally(() => {
      this.pending = undefined;
    });
    const result = await this.pending;
    if ('ok' in result) return result;
    this.cached = result;
    return result.value;
  }

  private async request(): Promise<CachedToken | DeliveryFailure> {
    const { url, init } = this.buildRequest();
    const res = await sendHttp({ url, ...init, timeoutMs: this.deps.timeoutMs }, this.deps);
    if (isFailure(res)) return { ...res, errorMessage: `OAuth token request failed: ${res.errorMessage}` };
    if (res.status < 200 || res.status >= 300) {
      return {
        ok: false,
        retryable: res.status === 429 || res.status >= 500,
        errorCode: ErrorCodes.connectionFailure,
        errorMessage: `OAuth token request to ${url.origin}${url.pathname} answered HTTP ${res.status}`,
        status: res.status,
      };
    }
    return this.parseToken(res.body);
  }

  private parseToken(body: string): CachedToken | DeliveryFailure {
    try {
      const json = JSON.parse(body) as { access_token?: unknown; expires_in?: unknown };
      if (typeof json.access_token !== 'string' || json.access_token === '')
        throw new Error('no access_token');
      const lifetime = typeof json.expires_in === 'number' ? json.expires_in * 1000 : DEFAULT_LIFETIME_MS;
      return { value: json.access_token, expiresAt: this.deps.clock.now() + lifetime };
    } catch (error) {
      return {
        ok: false,
        retryable: true,
        errorCode: ErrorCodes.connectionFailure,
        errorMessage: `OAuth token response is not usable: ${(error as Error).message}`,
      };
    }
  }

  /**
   * RFC 6749 client credentials: the client authenticates with HTTP Basic; grant_type and the
   * connection's OAuthHttpParameters go in the form body (POST/PUT) or the query (GET).
   */
  private buildRequest(): {
    url: URL;
    init: { method: string; headers: Record<string, string>; body?: string };
  } {
    const extra = this.params.OAuthHttpParameters ?? {};
    const url = new URL(this.endpoint);
    const form = new URLSearchParams({ grant_type: 'client_credentials' });
    for (const p of extra.BodyParameters ?? []) form.set(p.Key, p.Value);
    for (const p of extra.QueryStringParameters ?? []) url.searchParams.set(p.Key, p.Value);
    const { ClientID, ClientSecret } = this.params.ClientParameters;
    const headers: Record<string, string> = {
      accept: 'application/json',
      authorization: `Basic ${Buffer.from(`${encodeForm(ClientID)}:${encodeForm(ClientSecret)}`).toString('base64')}`,
    };
    for (const p of extra.HeaderParameters ?? []) headers[p.Key.toLowerCase()] = p.Value;
    const method = this.params.HttpMethod;
    if (method === 'GET') {
      for (const [k, v] of form) url.searchParams.set(k, v);
      return { url, init: { method, headers } };
    }
    headers['content-type'] = 'application/x-www-form-urlencoded';
    return { url, init: { method, headers, body: form.toString() } };
  }
}

/** RFC 6749 §2.3.1: client id and secret are form-encoded before Basic encoding. */
function encodeForm(value: string): string {
  return new URLSearchParams({ v: value }).toString().slice(2);
}
