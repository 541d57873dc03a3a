import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.js';
import { TargetConfigError } from '../errors.js';
import {
  deliveryRequest,
  type ReceivedRequest,
  reply,
  TestServer,
} from '../http/test-server.test-helpers.js';
import { createTarget } from '../index.js';
import { verifyWebhook } from './signing.js';

const OLD = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const NEW = 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD';

let servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  servers = [];
});

/** A receiver that verifies like a consumer would, answering 401 to a bad signature. */
async function receiver(secret: string, status = 204): Promise<TestServer> {
  const server = await new TestServer((req, res) => {
    try {
      verifyWebhook(secret, headersOf(req), req.body, Math.floor(Date.now() / 1000));
      new Webhook(secret).verify(req.body, req.headers as Record<string, string>);
      reply(res, status);
    } catch (error) {
      reply(res, 401, (error as Error).message);
    }
  }).start();
  servers.push(server);
  return server;
}

function headersOf(req: ReceivedRequest) {
  return {
    id: req.headers['webhook-id'] as string,
    timestamp: req.headers['webhook-timestamp'] as string,
    signature: req.headers['webhook-signature'] as string,
  };
}

describe('webhook signing', () => {
  it('signs so that receivers verify with their own code and with the standardwebhooks package', async () => {
    const server = await receiver(OLD);
    const target = createTarget({ kind: 'webhook', url: server.url('/hook'), secrets: [OLD] });
    expect(await target.deliver(deliveryRequest())).toEqual({ ok: true, status: 204 });
    const req = server.received[0];
    expect(req.method).toBe('POST');
    expect(req.headers['webhook-id']).toBe('evt-1');
    expect(req.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
  });

  it('carries one signature per secret, so both old and new receivers accept it during rotation', async () => {
    const oldReceiver = await receiver(OLD);
    const newReceiver = await receiver(NEW);
    for (const server of [oldReceiver, newReceiver]) {
      const target = createTarget({ kind: 'webhook', url: server.url('/'), secrets: [OLD, NEW] });
      expect(await target.deliver(deliveryRequest())).toMatchObject({ ok: true });
      expect(String(server.received[0].headers['webhook-signature']).split(' ')).toHaveLength(2);
    }
  });

  it('a receiver with another secret refuses it', async () => {
    const server = await receiver(NEW);
    const target = createTarget({ kind: 'webhook', url: server.url('/'), secrets: [OLD] });
    expect(await target.deliver(deliveryRequest())).toMatchObject({
      ok: false,
      status: 401,
      retryable: false,
    });
  });

  it('keeps the webhook id across retries and stamps each attempt with its own time', async () => {
    const server = await receiver(OLD, 500);
    const clock = new ManualClock(Date.now());
    const target = createTarget({ kind: 'webhook', url: server.url('/'), secrets: [OLD] }, { clock });
    await target.deliver(deliveryRequest({ attempt: 1 }));
    clock.advance(60_000);
    await target.deliver(deliveryRequest({ attempt: 2 }));
    const [first, second] = server.received.map(headersOf);
    expect(first.id).toBe('evt-1');
    expect(second.id).toBe('evt-1');
    expect(Number(second.timestamp) - Number(first.timestamp)).toBe(60);
  });

  it('sends the configured extra headers', async () => {
    const server = await receiver(OLD);
    const target = createTarget({
      kind: 'webhook',
      url: server.url('/'),
      secrets: [OLD],
      headers: { 'X-Tenant': 'acme' },
    });
    await target.deliver(deliveryRequest());
    expect(server.received[0].headers['x-tenant']).toBe('acme');
  });
});

describe('webhook outcomes', () => {
  async function against(status: number, headers: Record<string, string> = {}) {
    const server = await new TestServer((_req, res) => reply(res, status, '', headers)).start();
    servers.push(server);
    return createTarget({ kind: 'webhook', url: server.url('/'), secrets: [OLD] }).deliver(deliveryRequest());
  }

  it('410 disables the endpoint', async () => {
    expect(await against(410)).toMatchObject({
      ok: false,
      retryable: false,
      disableTarget: true,
      status: 410,
    });
  });

  it('429, 502 and 504 are throttling, retried, honouring Retry-After', async () => {
    for (const status of [429, 502, 504]) {
      expect(await against(status, { 'retry-after': '3' })).toMatchObject({
        ok: false,
        retryable: true,
        errorCode: 'THROTTLING',
        retryAfterMs: 3000,
      });
    }
  });

  it('3xx is a failure and the redirect is not followed', async () => {
    const outcome = await against(307, { location: 'http://127.0.0.1:1/' });
    expect(outcome).toMatchObject({ ok: false, status: 307, retryable: false });
  });

  it('other 5xx are retried, other 4xx are not', async () => {
    expect(await against(500)).toMatchObject({ ok: false, retryable: true, errorCode: 'ERROR_FROM_TARGET' });
    expect(await against(422)).toMatchObject({ ok: false, retryable: false });
  });

  it('refuses a secret that is not base64 and plain HTTP to a public address', () => {
    expect(() =>
      createTarget({ kind: 'webhook', url: 'http://127.0.0.1/', secrets: ['whsec_not base64!'] }),
    ).toThrow(TargetConfigError);
    expect(() => createTarget({ kind: 'webhook', url: 'http://8.8.8.8/', secrets: [OLD] })).toThrow(
      TargetConfigError,
    );
  });

  it('shares its lane with every target sending to the same origin', () => {
    const lane = (url: string) => createTarget({ kind: 'webhook', url, secrets: [OLD] }).lane;
    expect(lane('http://127.0.0.1:9000/a')).toBe('http://127.0.0.1:9000');
    expect(lane('http://127.0.0.1:9000/b')).toBe(lane('http://127.0.0.1:9000/a'));
    expect(lane('http://127.0.0.1:9001/a')).not.toBe(lane('http://127.0.0.1:9000/a'));
  });
});
