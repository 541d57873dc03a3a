import { Readable } from 'node:stream';
import type { Worker } from 'node:worker_threads';
import fc from 'fast-check';
import { Agent } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, systemClock } from '../clock.js';
import type { DeliveryFailure } from '../target.js';
import type { HttpResult } from './classify.js';
import { type HttpCall, isFailure, sendHttp } from './send.js';
import { reply, TestServer } from './test-server.test-helpers.js';
import { ThreadedDispatcher } from './threaded-dispatcher.js';

const server = new TestServer();
let dispatcher: ThreadedDispatcher;
const agent = new Agent();

beforeAll(async () => {
  await server.start();
});
afterAll(async () => {
  await server.stop();
  await agent.close();
});
afterEach(async () => {
  await dispatcher?.destroy();
  server.respond = (_req, res) => res.end('ok');
});

const call = (path: string, overrides: Partial<HttpCall> = {}): HttpCall => ({
  url: new URL(server.url(path)),
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: '{"a":1}',
  timeoutMs: 5_000,
  ...overrides,
});

/** What callers read of an answer: the status, the body, and the headers they look at. */
function seen(result: HttpResult | DeliveryFailure) {
  if (isFailure(result)) return result;
  const { date: _date, ...headers } = result.headers;
  return { status: result.status, body: result.body, headers };
}

describe('ThreadedDispatcher', () => {
  it('answers as undici on this thread does: status, headers, body (UTF-8 included), empty bodies', async () => {
    dispatcher = new ThreadedDispatcher();
    const answers: Array<[number, string, Record<string, string>]> = [
      [200, 'ok', {}],
      [201, '', { 'x-extra': 'one' }],
      [404, 'not here: ü €', { 'content-type': 'text/plain; charset=utf-8' }],
      [503, 'busy', { 'retry-after': '7' }],
      [429, '{"message":"slow down"}', { 'retry-after': 'Wed, 21 Oct 2026 07:28:00 GMT' }],
    ];
    for (const [status, body, headers] of answers) {
      server.respond = (_req, res) => reply(res, status, body, headers);
      const threaded = await sendHttp(call('/same'), { clock: systemClock, dispatcher });
      const local = await sendHttp(call('/same'), { clock: systemClock, dispatcher: agent });
      expect(seen(threaded)).toEqual(seen(local));
      expect(seen(threaded)).toMatchObject({ status, body });
    }
  });

  it('sends the method, path, query, headers and body it is given', async () => {
    dispatcher = new ThreadedDispatcher();
    server.received.length = 0;
    await sendHttp(
      call('/in?x=1&y=%C3%BC', {
        method: 'PUT',
        headers: { 'x-api-key': 'k', 'content-type': 'text/plain' },
        body: 'héllo',
      }),
      { clock: systemClock, dispatcher },
    );
    expect(server.received).toHaveLength(1);
    expect(server.received[0]).toMatchObject({
      method: 'PUT',
      url: '/in?x=1&y=%C3%BC',
      body: 'héllo',
      headers: { 'x-api-key': 'k', 'content-type': 'text/plain' },
    });
  });

  it('keeps each answer with its own call when many are in flight at once', async () => {
    dispatcher = new ThreadedDispatcher({ connections: 8 });
    server.respond = (req, res) =>
      setTimeout(() => reply(res, 200, `${req.url}|${req.body}`), Math.random() * 5);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ maxLength: 40 }), { minLength: 1, maxLength: 60 }),
        async (bodies) => {
          const results = await Promise.all(
            bodies.map((body, i) => sendHttp(call(`/n/${i}`, { body }), { clock: systemClock, dispatcher })),
          );
          results.forEach((result, i) => {
            expect(seen(result)).toMatchObject({ status: 200, body: `/n/${i}|${bodies[i]}` });
          });
        },
      ),
      { numRuns: 20 },
    );
    expect(dispatcher.inFlight).toBe(0);
  });

  it('cuts a body at the cap, as the caller reads it', async () => {
    dispatcher = new ThreadedDispatcher({ maxResponseBytes: 1000 });
    server.respond = (_req, res) => reply(res, 500, 'y'.repeat(50_000));
    const result = await sendHttp(call('/big'), { clock: systemClock, dispatcher });
    expect(isFailure(result)).toBe(false);
    expect((result as HttpResult).status).toBe(500);
    expect((result as HttpResult).body).toBe('y'.repeat(1000));
  });

  it('times out on the caller clock and stops the exchange on the thread', async () => {
    dispatcher = new ThreadedDispatcher();
    const clock = new ManualClock(0);
    let closed!: () => void;
    const connectionClosed = new Promise<void>((resolve) => (closed = resolve));
    server.respond = (_req, res) => res.on('close', closed);
    const pending = sendHttp(call('/slow', { timeoutMs: 1_000 }), { clock, dispatcher });
    await expect.poll(() => server.received.some((r) => r.url === '/slow')).toBe(true);
    clock.advance(1_000);
    const result = await pending;
    expect(result).toMatchObject({ ok: false, retryable: true, errorCode: 'TIMEOUT' });
    await connectionClosed;
    expect(dispatcher.inFlight).toBe(0);
  });

  it('reports a refused connection with its network code', async () => {
    dispatcher = new ThreadedDispatcher();
    const closedServer = new TestServer();
    await closedServer.start();
    const url = new URL(closedServer.url('/gone'));
    await closedServer.stop();
    const result = await sendHttp({ ...call('/'), url }, { clock: systemClock, dispatcher });
    expect(result).toMatchObject({ ok: false, retryable: true, errorCode: 'CONNECTION_FAILURE' });
    expect((result as DeliveryFailure).errorMessage).toContain('ECONNREFUSED');
  });

  it('fails what a lost thread held as retryable connection failures, and goes on with a new thread', async () => {
    dispatcher = new ThreadedDispatcher();
    server.respond = () => {};
    const pending = sendHttp(call('/hang'), { clock: systemClock, dispatcher });
    await expect.poll(() => server.received.some((r) => r.url === '/hang')).toBe(true);
    await (dispatcher as unknown as { thread: Worker }).thread.terminate();
    expect(await pending).toMatchObject({ ok: false, retryable: true, errorCode: 'CONNECTION_FAILURE' });
    expect(((await pending) as DeliveryFailure).errorMessage).toContain('ERR_HTTP_THREAD_LOST');
    server.respond = (_req, res) => res.end('back');
    expect(seen(await sendHttp(call('/after'), { clock: systemClock, dispatcher }))).toMatchObject({
      status: 200,
      body: 'back',
    });
  });

  it('sends what cannot cross a thread (a stream body) from this thread', async () => {
    dispatcher = new ThreadedDispatcher();
    server.received.length = 0;
    server.respond = (req, res) => res.end(`got ${req.body}`);
    const text = await new Promise<string>((resolve, reject) => {
      let out = '';
      dispatcher.dispatch(
        { origin: server.url(''), path: '/stream', method: 'POST', body: Readable.from(['a', 'b', 'c']) },
        {
          onRequestStart: () => {},
          onResponseData: (_c, chunk) => {
            out += chunk.toString();
          },
          onResponseEnd: () => resolve(out),
          onResponseError: (_c, error) => reject(error),
        },
      );
    });
    expect(text).toBe('got abc');
  });

  it('close waits for the exchanges in flight; destroy fails them; neither takes new ones', async () => {
    dispatcher = new ThreadedDispatcher();
    server.respond = (_req, res) => setTimeout(() => res.end('late'), 50);
    const inFlight = sendHttp(call('/late'), { clock: systemClock, dispatcher });
    await expect.poll(() => server.received.some((r) => r.url === '/late')).toBe(true);
    await dispatcher.close();
    expect(seen(await inFlight)).toMatchObject({ status: 200, body: 'late' });
    expect(await sendHttp(call('/closed'), { clock: systemClock, dispatcher })).toMatchObject({ ok: false });

    dispatcher = new ThreadedDispatcher();
    server.respond = () => {};
    const hanging = sendHttp(call('/hang2'), { clock: systemClock, dispatcher });
    await expect.poll(() => server.received.some((r) => r.url === '/hang2')).toBe(true);
    await dispatcher.destroy();
    expect(await hanging).toMatchObject({ ok: false, errorCode: 'CONNECTION_FAILURE' });
  });
});
