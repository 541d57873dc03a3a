import { afterEach, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../clock.js';
import { TargetConfigError } from '../errors.js';
import { deliveryRequest, reply, TestServer } from '../http/test-server.test-helpers.js';
import { createTarget, RateLimiters, type TargetSpec } from '../index.js';
import type { ApiDestinationTargetSpec, ConnectionConfig } from './schema.js';

/** Polling bound for conditions reached by other processes on a busy machine; not a timing assertion. */
const WAIT = { timeout: 30_000, interval: 10 };

const servers: TestServer[] = [];
async function server(respond?: ConstructorParameters<typeof TestServer>[0]): Promise<TestServer> {
  const s = await new TestServer(respond).start();
  servers.push(s);
  return s;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

const apiKey: ConnectionConfig = {
  AuthorizationType: 'API_KEY',
  AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'X-Api-Key', ApiKeyValue: 'k-123' } },
};

function spec(
  url: string,
  connection: ConnectionConfig = apiKey,
  extra: Partial<TargetSpec> = {},
): TargetSpec {
  return {
    kind: 'api-destination',
    destination: { InvocationEndpoint: url, HttpMethod: 'POST' },
    connection,
    ...extra,
  } as TargetSpec;
}

describe('API destination requests', () => {
  it('sends the body with the API key, path, header, query and body parameters', async () => {
    const s = await server();
    const target = createTarget({
      kind: 'api-destination',
      destination: { InvocationEndpoint: s.url('/contacts/*/events/*'), HttpMethod: 'PUT' },
      connection: {
        AuthorizationType: 'API_KEY',
        AuthParameters: {
          ApiKeyAuthParameters: { ApiKeyName: 'X-Api-Key', ApiKeyValue: 'k-123' },
          InvocationHttpParameters: {
            HeaderParameters: [{ Key: 'x-tenant', Value: 'from-connection' }],
            QueryStringParameters: [{ Key: 'region', Value: 'eu' }],
            BodyParameters: [{ Key: 'source', Value: 'bus' }],
          },
        },
      },
      httpParameters: {
        PathParameterValues: ['$.detail.contactId', 'a b'],
        HeaderParameters: { 'x-tenant': 'from-target', 'x-rule': 'r1' },
        QueryStringParameters: { q: '$.detail.contactId', region: 'us' },
      },
    });
    const event = { id: 'evt-1', detail: { contactId: 'c-1' } };
    const outcome = await target.deliver(deliveryRequest({ body: '{"hello":"world"}', event }));
    expect(outcome).toEqual({ ok: true, status: 200 });
    const got = s.received[0];
    expect(got.method).toBe('PUT');
    const url = new URL(got.url, 'http://x');
    expect(url.pathname).toBe('/contacts/c-1/events/a%20b');
    expect(Object.fromEntries(url.searchParams)).toEqual({ q: 'c-1', region: 'eu' });
    expect(got.headers['x-api-key']).toBe('k-123');
    expect(got.headers['x-tenant']).toBe('from-connection');
    expect(got.headers['x-rule']).toBe('r1');
    expect(got.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(got.body)).toEqual({ hello: 'world', source: 'bus' });
  });

  it('authenticates with Basic', async () => {
    const s = await server();
    const basic: ConnectionConfig = {
      AuthorizationType: 'BASIC',
      AuthParameters: { BasicAuthParameters: { Username: 'user', Password: 'p:ss' } },
    };
    await createTarget(spec(s.url('/'), basic)).deliver(deliveryRequest());
    expect(s.received[0].headers.authorization).toBe(`Basic ${Buffer.from('user:p:ss').toString('base64')}`);
  });

  it('sends no body with GET', async () => {
    const s = await server();
    const target = createTarget({
      kind: 'api-destination',
      destination: { InvocationEndpoint: s.url('/'), HttpMethod: 'GET' },
      connection: apiKey,
    });
    expect(await target.deliver(deliveryRequest())).toEqual({ ok: true, status: 200 });
    expect(s.received[0]).toMatchObject({ method: 'GET', body: '' });
  });
});

describe('API destination lanes', () => {
  it('shares its lane with every target sending to the same origin', () => {
    const lane = (url: string) => createTarget(spec(url)).lane;
    const oneParameter = { httpParameters: { PathParameterValues: ['$.detail.id'] } };
    expect(createTarget(spec('http://127.0.0.1:8080/a/*', apiKey, oneParameter)).lane).toBe(
      'http://127.0.0.1:8080',
    );
    expect(lane('http://127.0.0.1:8080/b?x=1')).toBe('http://127.0.0.1:8080');
    expect(lane('http://127.0.0.1:8081/a')).toBe('http://127.0.0.1:8081');
  });

  it('has no lane when a path parameter sits in the host name', () => {
    const oneParameter = { httpParameters: { PathParameterValues: ['$.detail.tenant'] } };
    expect(createTarget(spec('https://*.example.com/events', apiKey, oneParameter)).lane).toBeUndefined();
  });

  it('rejects, never throws, when the event makes a host name that does not parse', async () => {
    const oneParameter = { httpParameters: { PathParameterValues: ['$.detail.tenant'] } };
    const target = createTarget(spec('https://*.example.com/events', apiKey, oneParameter));
    let answer: Promise<unknown> | undefined;
    expect(() => {
      answer = target.deliver(deliveryRequest({ event: { detail: { tenant: 'a b' } } }));
    }).not.toThrow();
    await expect(answer).rejects.toThrow(/Invalid URL/);
  });
});

describe('OAuth client credentials', () => {
  async function oauthSetup(apiRespond: ConstructorParameters<typeof TestServer>[0]) {
    let issued = 0;
    const auth = await server((_req, res) => {
      issued++;
      reply(
        res,
        200,
        JSON.stringify({ access_token: `tok-${issued}`, token_type: 'Bearer', expires_in: 3600 }),
        {
          'content-type': 'application/json',
        },
      );
    });
    const api = await server(apiRespond);
    const connection: ConnectionConfig = {
      AuthorizationType: 'OAUTH_CLIENT_CREDENTIALS',
      AuthParameters: {
        OAuthParameters: {
          AuthorizationEndpoint: auth.url('/oauth2/token'),
          HttpMethod: 'POST',
          ClientParameters: { ClientID: 'client', ClientSecret: 'secret' },
          OAuthHttpParameters: { BodyParameters: [{ Key: 'scope', Value: 'events/write' }] },
        },
      },
    };
    const clock = new ManualClock(Date.parse('2026-01-01T00:00:00Z'));
    return { auth, api, clock, target: createTarget(spec(api.url('/'), connection), { clock }) };
  }

  it('fetches a token once, sends it as Bearer and reuses it', async () => {
    const { auth, api, target } = await oauthSetup((_req, res) => reply(res, 200));
    await target.deliver(deliveryRequest());
    await target.deliver(deliveryRequest());
    expect(auth.received).toHaveLength(1);
    const tokenReq = auth.received[0];
    expect(tokenReq.method).toBe('POST');
    expect(tokenReq.headers.authorization).toBe(`Basic ${Buffer.from('client:secret').toString('base64')}`);
    expect(Object.fromEntries(new URLSearchParams(tokenReq.body))).toEqual({
      grant_type: 'client_credentials',
      scope: 'events/write',
    });
    expect(api.received.map((r) => r.headers.authorization)).toEqual(['Bearer tok-1', 'Bearer tok-1']);
  });

  it('refreshes the token on 401 and retries the call once', async () => {
    const { auth, api, target } = await oauthSetup((req, res) =>
      reply(res, req.headers.authorization === 'Bearer tok-1' ? 401 : 200),
    );
    expect(await target.deliver(deliveryRequest())).toEqual({ ok: true, status: 200 });
    expect(auth.received).toHaveLength(2);
    expect(api.received.map((r) => r.headers.authorization)).toEqual(['Bearer tok-1', 'Bearer tok-2']);
  });

  it('gives up after one refresh when the endpoint keeps refusing (407)', async () => {
    const { api, target } = await oauthSetup((_req, res) => reply(res, 407));
    const outcome = await target.deliver(deliveryRequest());
    expect(outcome).toMatchObject({ ok: false, retryable: false, status: 407 });
    expect(api.received).toHaveLength(2);
  });

  it('fails for good without calling the endpoint when the client credentials are refused', async () => {
    const auth = await server((_req, res) => reply(res, 401, '{"error":"invalid_client"}'));
    const api = await server();
    const connection: ConnectionConfig = {
      AuthorizationType: 'OAUTH_CLIENT_CREDENTIALS',
      AuthParameters: {
        OAuthParameters: {
          AuthorizationEndpoint: auth.url('/token'),
          HttpMethod: 'GET',
          ClientParameters: { ClientID: 'client', ClientSecret: 'wrong' },
        },
      },
    };
    const outcome = await createTarget(spec(api.url('/'), connection)).deliver(deliveryRequest());
    expect(outcome).toMatchObject({
      ok: false,
      retryable: false,
      errorCode: 'CONNECTION_FAILURE',
      status: 401,
    });
    expect(outcome.ok ? '' : outcome.errorMessage).not.toContain('wrong');
    expect(new URL(auth.received[0].url, 'http://x').searchParams.get('grant_type')).toBe(
      'client_credentials',
    );
    expect(api.received).toHaveLength(0);
  });

  it('refreshes a token that is about to expire', async () => {
    const { auth, target, clock } = await oauthSetup((_req, res) => reply(res, 200));
    await target.deliver(deliveryRequest());
    clock.advance(3600_000 - 30_000);
    await target.deliver(deliveryRequest());
    expect(auth.received).toHaveLength(2);
  });
});

describe('outcome classification', () => {
  const start = Date.parse('2026-01-01T00:00:00Z');
  async function deliverAgainst(status: number, headers: Record<string, string> = {}, body = '') {
    const s = await server((_req, res) => reply(res, status, body, headers));
    return createTarget(spec(s.url('/')), { clock: new ManualClock(start) }).deliver(deliveryRequest());
  }

  it('2xx succeeds', async () => {
    expect(await deliverAgainst(204)).toEqual({ ok: true, status: 204 });
  });

  it('429 is retryable throttling with Retry-After in seconds', async () => {
    expect(await deliverAgainst(429, { 'retry-after': '7' })).toMatchObject({
      ok: false,
      retryable: true,
      errorCode: 'THROTTLING',
      status: 429,
      retryAfterMs: 7000,
    });
  });

  it('5xx is retryable with Retry-After as an HTTP date', async () => {
    const when = new Date(start + 30_000).toUTCString();
    const outcome = await deliverAgainst(503, { 'retry-after': when }, 'down for maintenance');
    expect(outcome).toMatchObject({
      ok: false,
      retryable: true,
      errorCode: 'ERROR_FROM_TARGET',
      retryAfterMs: 30_000,
    });
    expect(outcome.ok ? '' : outcome.errorMessage).toContain('HTTP 503');
    expect(outcome.ok ? '' : outcome.errorMessage).toContain('down for maintenance');
  });

  it('other 4xx fail for good', async () => {
    expect(await deliverAgainst(400)).toMatchObject({
      ok: false,
      retryable: false,
      errorCode: 'ERROR_FROM_TARGET',
    });
    expect(await deliverAgainst(404, { 'retry-after': '5' })).not.toHaveProperty('retryAfterMs');
  });

  it('reads a huge error body only in part', async () => {
    const outcome = await deliverAgainst(500, {}, 'e'.repeat(5 << 20));
    expect(outcome).toMatchObject({ ok: false, retryable: true, status: 500 });
    expect(outcome.ok ? 0 : outcome.errorMessage.length).toBeLessThan(400);
  });

  it('redirects are not followed', async () => {
    const outcome = await deliverAgainst(302, { location: 'http://127.0.0.1:1/elsewhere' });
    expect(outcome).toMatchObject({ ok: false, retryable: false, status: 302 });
  });

  it('a refused connection is retryable', async () => {
    const s = await server();
    const url = s.url('/');
    await s.stop();
    servers.pop();
    expect(await createTarget(spec(url)).deliver(deliveryRequest())).toMatchObject({
      ok: false,
      retryable: true,
      errorCode: 'CONNECTION_FAILURE',
    });
  });

  it('times out after 5 s by default, retryably', async () => {
    const s = await server(() => {
      // never answers
    });
    const clock = new ManualClock(start);
    const pending = createTarget(spec(s.url('/')), { clock }).deliver(deliveryRequest());
    await vi.waitFor(() => expect(s.received).toHaveLength(1), WAIT);
    clock.advance(4999);
    expect(clock.pendingTimers).toBe(1);
    clock.advance(1);
    expect(await pending).toMatchObject({ ok: false, retryable: true, errorCode: 'TIMEOUT' });
  });
});

describe('endpoint rules', () => {
  it('allows plain HTTP only to loopback and private addresses', () => {
    for (const url of [
      'http://127.0.0.1:9/',
      'http://10.1.2.3/',
      'http://192.168.0.5/x',
      'http://[::1]:8080/',
      'http://localhost/',
    ]) {
      expect(() => createTarget(spec(url))).not.toThrow();
    }
    for (const url of ['http://93.184.216.34/', 'http://example.com/', 'ftp://10.0.0.1/']) {
      expect(() => createTarget(spec(url))).toThrow(TargetConfigError);
    }
    expect(() => createTarget(spec('https://example.com/hook'))).not.toThrow();
  });

  it('refuses CONNECT and TRACE', () => {
    for (const method of ['CONNECT', 'TRACE']) {
      const bad = {
        kind: 'api-destination',
        destination: { InvocationEndpoint: 'https://example.com', HttpMethod: method },
        connection: apiKey,
      };
      expect(() => createTarget(bad as TargetSpec)).toThrow(TargetConfigError);
    }
  });

  it('needs one path parameter value per *', () => {
    expect(() => createTarget(spec('https://example.com/a/*'))).toThrow(/PathParameterValues/);
  });
});

describe('invocation rate limit', () => {
  it('waits for a token within the bound, refuses beyond it', async () => {
    const s = await server();
    const clock = new ManualClock(0);
    const target = createTarget(
      {
        kind: 'api-destination',
        destination: {
          InvocationEndpoint: s.url('/'),
          HttpMethod: 'POST',
          InvocationRateLimitPerSecond: 2,
          MaxRateLimitWaitMs: 600,
        },
        connection: apiKey,
      },
      { clock },
    );
    expect(await target.deliver(deliveryRequest())).toMatchObject({ ok: true });
    expect(await target.deliver(deliveryRequest())).toMatchObject({ ok: true });
    const third = target.deliver(deliveryRequest());
    expect(await target.deliver(deliveryRequest())).toMatchObject({
      ok: false,
      retryable: true,
      errorCode: 'THROTTLING',
    });
    await vi.waitFor(() => expect(clock.pendingTimers).toBe(1), WAIT);
    expect(s.received).toHaveLength(2);
    clock.advance(500);
    expect(await third).toMatchObject({ ok: true });
    expect(s.received).toHaveLength(3);
  });
});

describe('invocation rate limit shared by the rule targets of one destination', () => {
  it('counts the calls of every target built with the same limiters against one bucket', async () => {
    const s = await server();
    const clock = new ManualClock(0);
    const rateLimiters = new RateLimiters(clock);
    const destination: ApiDestinationTargetSpec = {
      kind: 'api-destination',
      destination: {
        Name: 'crm',
        InvocationEndpoint: s.url('/'),
        HttpMethod: 'POST',
        InvocationRateLimitPerSecond: 2,
        MaxRateLimitWaitMs: 0,
      },
      connection: apiKey,
    };
    const ruleA = createTarget(destination, { clock, rateLimiters });
    const ruleB = createTarget(destination, { clock, rateLimiters });
    const other = createTarget(
      { ...destination, destination: { ...destination.destination, Name: 'other' } },
      { clock, rateLimiters },
    );
    expect(await ruleA.deliver(deliveryRequest())).toMatchObject({ ok: true });
    expect(await ruleB.deliver(deliveryRequest())).toMatchObject({ ok: true });
    expect(await ruleA.deliver(deliveryRequest())).toMatchObject({ ok: false, errorCode: 'THROTTLING' });
    expect(await ruleB.deliver(deliveryRequest())).toMatchObject({ ok: false, errorCode: 'THROTTLING' });
    expect(await other.deliver(deliveryRequest())).toMatchObject({ ok: true });
    expect(s.received).toHaveLength(3);
    clock.advance(500);
    expect(await ruleB.deliver(deliveryRequest())).toMatchObject({ ok: true });
  });
});
