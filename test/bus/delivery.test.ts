import { type AddressInfo, createServer, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { BusConfig } from '../../src/bus/config.js';
import { type RunningServer, startServer } from '../../src/server/start.js';
import { receiver, tempDir } from './helpers.js';

const fastRetries = { backoff: { baseMs: 5, maxMs: 20 }, pollMs: 50 };
let server: RunningServer | undefined;
const closers: Array<() => Promise<void>> = [];

afterEach(async () => {
  await server?.close();
  server = undefined;
  for (const close of closers.splice(0)) await close();
});

function configFor(url: string, extra: Record<string, unknown> = {}, dlqUrl?: string): BusConfig {
  return {
    endpoints: {
      hook: { kind: 'webhook', url, secrets: ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'] },
      ...(dlqUrl
        ? { dlq: { kind: 'webhook', url: dlqUrl, secrets: ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'] } }
        : {}),
    },
    rules: [
      {
        Name: 'all-orders',
        EventPattern: { source: ['shop'] },
        Targets: [{ Id: 'hook', Endpoint: 'hook', ...extra }],
      },
    ],
  };
}

async function publish(s: RunningServer, n: number): Promise<string[]> {
  const events = Array.from({ length: n }, (_, i) => ({
    id: `ev-${i}`,
    source: 'shop',
    'detail-type': 'Order',
    detail: { i },
  }));
  const result = await s.bus.publish(events);
  expect(result.FailedEntryCount).toBe(0);
  return events.map((e) => e.id);
}

async function waitFor(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setImmediate(resolve));
}

/**
 * A receiver on raw sockets, to see how requests share a connection. After each read, `respond` is told
 * how many requests wait unanswered on the connection (and which connection it is, from 0) and says how
 * many of them get a 200, and whether the connection is then dropped.
 */
async function rawReceiver(
  respond: (waiting: number, connection: number) => { answer: number; drop?: boolean },
) {
  const bodies: string[] = [];
  const sockets = new Set<Socket>();
  let connections = 0;
  const tcp = createServer((socket) => {
    const connection = connections++;
    sockets.add(socket);
    let buffered = Buffer.alloc(0);
    let waiting = 0;
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      for (;;) {
        const headEnd = buffered.indexOf('\r\n\r\n');
        if (headEnd < 0) break;
        const head = buffered.subarray(0, headEnd).toString('latin1');
        const length = Number(/content-length: *(\d+)/i.exec(head)?.[1] ?? 0);
        if (buffered.length < headEnd + 4 + length) break;
        bodies.push(buffered.subarray(headEnd + 4, headEnd + 4 + length).toString('utf8'));
        buffered = buffered.subarray(headEnd + 4 + length);
        waiting++;
      }
      const { answer, drop } = respond(waiting, connection);
      socket.write('HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n'.repeat(answer));
      waiting -= answer;
      if (drop) socket.destroy();
    });
  });
  await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
  closers.push(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => tcp.close(resolve));
  });
  return {
    url: `http://127.0.0.1:${(tcp.address() as AddressInfo).port}/`,
    bodies,
    ids: () => bodies.map((b) => (JSON.parse(b) as { id: string }).id),
    connections: () => connections,
  };
}

describe('delivery', () => {
  it('delivers everything to a target that fails for a while, then recovers, with a stable webhook id', async () => {
    const hook = await receiver((_r, n) => (n <= 12 ? (n % 2 ? 503 : 429) : 200));
    closers.push(hook.close);
    server = await startServer({
      dataDir: tempDir(),
      port: 0,
      config: configFor(hook.url),
      delivery: fastRetries,
    });
    const ids = await publish(server, 10);
    await waitFor(
      () => new Set(hook.received.filter((_r, i) => i >= 12).map((r) => r.headers['webhook-id'])).size >= 10,
    );
    const delivered = new Set(hook.received.slice(12).map((r) => r.headers['webhook-id']));
    expect([...delivered].sort()).toEqual([...ids].sort());
    expect(server.bus.store.listDeadLetters()).toEqual([]);
  });

  it('dead-letters what a never-recovering target refuses, with the reasons, and re-drives it', async () => {
    let healthy = false;
    const hook = await receiver(() => (healthy ? 200 : 500));
    closers.push(hook.close);
    const config = configFor(hook.url, { RetryPolicy: { MaximumRetryAttempts: 2 } });
    server = await startServer({ dataDir: tempDir(), port: 0, config, delivery: fastRetries });
    await publish(server, 3);
    const store = server.bus.store;
    await waitFor(() => store.listDeadLetters().length === 3);
    expect(hook.received).toHaveLength(9);
    const letter = store.listDeadLetters()[0];
    expect(letter).toMatchObject({
      targetKey: 'all-orders/hook',
      exhaustedRetryCondition: 'MaximumRetryAttempts',
      retryAttempts: 2,
      ruleArn: 'arn:aws:events:us-east-1:123456789012:rule/all-orders',
      targetArn: 'arn:contact-events:webhook:us-east-1:123456789012:hook',
    });
    expect(letter.errorCode).toMatch(/\S/);
    expect(letter.errorMessage).toMatch(/\S/);

    healthy = true;
    expect(store.redrive({ targetKey: 'all-orders/hook' }, Date.now())).toBe(3);
    server.bus.poke();
    await waitFor(() => hook.received.length === 12);
    await waitFor(() => server!.bus.backlog('all-orders/hook') === 0);
    expect(store.listDeadLetters()).toEqual([]);
  });

  it('sends a non-retryable failure to the dead-letter target at once, with the dead-letter attributes', async () => {
    const hook = await receiver(() => 400);
    const dlq = await receiver(() => 200);
    closers.push(hook.close, dlq.close);
    const config = configFor(
      hook.url,
      { DeadLetterConfig: { Arn: 'arn:contact-events:webhook:us-east-1:123456789012:dlq' } },
      dlq.url,
    );
    server = await startServer({ dataDir: tempDir(), port: 0, config, delivery: fastRetries });
    await publish(server, 1);
    await dlq.until(1);
    expect(hook.received).toHaveLength(1);
    const message = JSON.parse(dlq.received[0].body);
    expect(message.event).toMatchObject({ id: 'ev-0', source: 'shop' });
    expect(message.deadLetter).toMatchObject({
      RetryAttempts: 0,
      TargetArn: 'arn:contact-events:webhook:us-east-1:123456789012:hook',
    });
    expect(message.deadLetter.ExhaustedRetryCondition).toBeUndefined();
  });

  it('keeps rules and targets created by the API across a restart, and resumes pending deliveries', async () => {
    let up = false;
    const hook = await receiver(() => (up ? 200 : 503));
    closers.push(hook.close);
    const dataDir = tempDir();
    server = await startServer({ dataDir, port: 0, config: configFor(hook.url), delivery: fastRetries });
    await publish(server, 5);
    await hook.until(5);
    await server.close();
    up = true;
    const endpointsOnly = { endpoints: configFor(hook.url).endpoints };
    server = await startServer({ dataDir, port: 0, config: endpointsOnly, delivery: fastRetries });
    expect(server.bus.log.lastPosition()).toBe(5);
    await waitFor(
      () =>
        hook.received.filter((r) => r.headers['webhook-id']).length >= 10 &&
        server!.bus.backlog('all-orders/hook') === 0,
    );
    const ok = new Set(hook.received.slice(-5).map((r) => r.headers['webhook-id']));
    expect(ok.size).toBe(5);
  });

  it('pipelines deliveries on one connection when the config allows it', async () => {
    // Nothing is answered until three requests wait on the connection: only a sender that pipelines
    // gets answers at all.
    const hook = await rawReceiver((waiting) => ({ answer: waiting >= 3 ? waiting : 0 }));
    const config = { ...configFor(hook.url), http: { connectionsPerOrigin: 1, pipelining: 4 } };
    server = await startServer({ dataDir: tempDir(), port: 0, config });
    const ids = await publish(server, 3);
    const bus = server.bus;
    await waitFor(() => hook.bodies.length === 3 && bus.store.backlog('all-orders/hook') === 0);
    expect(hook.ids().sort()).toEqual([...ids].sort());
    expect(hook.connections()).toBe(1);
    expect(bus.store.listDeadLetters()).toEqual([]);
  });

  it('delivers again what a pipelined connection dropped before answering', async () => {
    // The first connection answers one of three pipelined requests, then drops; later ones answer all.
    const hook = await rawReceiver((waiting, connection) =>
      connection === 0 ? (waiting >= 3 ? { answer: 1, drop: true } : { answer: 0 }) : { answer: waiting },
    );
    const config = { ...configFor(hook.url), http: { connectionsPerOrigin: 1, pipelining: 4 } };
    server = await startServer({ dataDir: tempDir(), port: 0, config, delivery: fastRetries });
    const ids = await publish(server, 3);
    const bus = server.bus;
    await waitFor(() => hook.connections() > 1 && bus.store.backlog('all-orders/hook') === 0);
    expect([...new Set(hook.ids())].sort()).toEqual([...ids].sort());
    expect(hook.bodies.length).toBeGreaterThanOrEqual(5);
    expect(bus.store.listDeadLetters()).toEqual([]);
  });
});

describe('config errors', () => {
  it('stop the start with a message naming the rule, and leave nothing persisted', async () => {
    const dataDir = tempDir();
    const config: BusConfig = {
      rules: [
        { Name: 'good', EventPattern: { source: ['a'] } },
        { Name: 'bad', EventPattern: { source: 'not-a-list' } },
      ],
    };
    await expect(startServer({ dataDir, port: 0, config })).rejects.toThrow(
      /rule bad: InvalidEventPatternException/,
    );
    server = await startServer({ dataDir, port: 0 });
    expect((await server.bus.call('ListRules', {})) as { Rules: unknown[] }).toEqual({ Rules: [] });
  });
});
